package studybook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studybook.StudybookException;
import studybook.TerminalText;
import studybook.data.readers.DataReaders;
import studybook.data.readers.SourceTable;
import studybook.data.readers.ValuesCsv;

/**
 * {@code studybook data FILE [--out values.csv]}: the values of a data file exactly as the codebook
 * will see them (README "Seeing what a reader read"), so a user or a test can compare the conversion
 * with what SPSS, Stata, SAS, R or Excel shows.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Write the values of a data file as studybook reads them (CSV: dates ISO, missing tokens, labels beside codes).")
public final class DataCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The data file (CSV, xlsx, sav, zsav, dta, sas7bdat, xpt).")
  Path file;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the values here (default: stdout); never overwrites.")
  Path out;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Override
  public Integer call() {
    SourceTable t = DataReaders.read(file, reader.options());
    String csv = ValuesCsv.of(t);
    if (out == null) {
      // A terminal gets no control character from the file; a redirected stdout gets them escaped as well.
      csv.lines().forEach(l -> System.out.println(TerminalText.safe(l)));
      System.out.flush();
      return 0;
    }
    if (Files.exists(out)) {
      throw new StudybookException(out + " exists; studybook does not overwrite it (choose another --out)");
    }
    CodebookCommand.write(out, csv);
    System.err.println("wrote " + out + " (" + t.rowCount() + " " + t.rowWord() + "s, " + t.columns().size() + " columns)");
    return 0;
  }
}
