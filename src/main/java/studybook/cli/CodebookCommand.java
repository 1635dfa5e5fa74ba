package studybook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.data.readers.CodebookInference;
import studybook.data.readers.DataReaders;
import studybook.data.readers.SourceTable;

/** {@code studybook codebook --infer FILE [--out F]}: the codebook inferred from a data file (README "Codebook inference"). */
@Command(name = "codebook", mixinStandardHelpOptions = true,
    description = "Infer a codebook from a data file (CSV, xlsx, sav, dta, sas7bdat, xpt, REDCap).")
public final class CodebookCommand implements Callable<Integer> {
  @Option(names = "--infer", required = true, paramLabel = "FILE", description = "The data file to infer the codebook of.")
  Path file;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the codebook here (default: stdout); never overwrites.")
  Path out;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Override
  public Integer call() {
    SourceTable t = DataReaders.read(file, reader.options());
    List<CodebookInference.Inferred> inferred = CodebookInference.infer(t);
    String csv = CodebookInference.toCsv(inferred);
    if (out == null) {
      System.out.print(csv);
      System.out.flush();
      return 0;
    }
    if (Files.exists(out)) {
      throw new StudybookException(out + " exists; studybook does not overwrite a codebook (choose another --out)");
    }
    write(out, csv);
    for (CodebookInference.Inferred v : inferred) {
      System.err.println("  " + v.describe());
    }
    System.err.println("wrote " + out + " (" + inferred.size() + " variables); review it before you rely on it");
    return 0;
  }

  /** Writes through a temporary file beside the target, so a failure leaves nothing half-written. */
  static void write(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".codebook", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StudybookException("cannot write " + target + ": " + e.getMessage());
    }
  }
}
