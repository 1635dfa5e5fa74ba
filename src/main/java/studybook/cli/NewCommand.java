package studybook.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studybook.Names;
import studybook.StudybookException;
import studybook.data.readers.CodebookInference;
import studybook.data.readers.DataReaders;
import studybook.data.readers.SourceTable;
import studybook.data.Frame;
import studybook.data.StudyDataLoader;
import studybook.data.readers.ReadOptions;
import studybook.kernel.BuiltIns;
import studybook.kernel.Hashes;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.kernel.RunInputs;
import studybook.report.ReportWriter;

/**
 * {@code studybook new DIR --data FILE [--by VAR]}: a study folder from a data file. It copies the data
 * into {@code DIR/data/}, infers {@code data/codebook.csv}, writes {@code study.properties} and a starter
 * analysis (Table 1 of every variable but the id and the dates, by {@code VAR} when given; the default
 * report shows it, and only an ungrouped Table 1 gets a template of its own), runs it once, and prints what it inferred, one line per variable. The folder is built
 * beside {@code DIR} and moved into place only when complete; an existing {@code DIR} is never touched.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Start a study from a data file: inferred codebook, Table 1, first report.")
public final class NewCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The study folder to create (must not exist).")
  Path dir;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "The data file: CSV, xlsx, sav, zsav, dta, sas7bdat, xpt, or a REDCap export with --dictionary.")
  Path data;

  @Option(names = "--by", paramLabel = "VAR", description = "Group Table 1 by this categorical variable.")
  String by;

  @Option(names = "--title", paramLabel = "TEXT", description = "The study's title (default: the folder's name).")
  String title;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Override
  public Integer call() {
    if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
      throw new StudybookException(dir + " exists" + (Files.exists(dir.resolve(Study.PROPERTIES)) ? " and holds a study" : "")
          + "; studybook new never overwrites: choose a new folder");
    }
    SourceTable table = DataReaders.read(data, reader.options());
    List<CodebookInference.Inferred> inferred = CodebookInference.infer(table);
    CodebookInference.Inferred group = null;
    if (by != null) {
      group = inferred.stream().filter(v -> v.name().equals(by)).findFirst().orElseThrow(() -> new StudybookException(
          "--by '" + by + "': no such column in " + data + Names.nearest(by, table.names())
              .map(n -> "; did you mean '" + n + "'?").orElse("")));
      if (!group.type().equals("binary") && !group.type().equals("categorical")) {
        throw new StudybookException("--by '" + by + "' is inferred " + group.type()
            + "; Table 1 groups by a categorical or binary variable");
      }
    }
    List<String> rows = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (CodebookInference.Inferred v : inferred) {
      if (v.name().equals(by)) {
        continue;
      }
      if (v.type().equals("id") || v.type().equals("date")) {
        left.add(v.name() + " (" + v.type() + ")");
      } else {
        rows.add(v.name());
      }
    }

    // The reader's lines (the CSV dialect, Excel's skipped columns) were said by the read above; the
    // first run reads the same file again and would say them twice.
    java.util.function.Consumer<String> notes = DataReaders.NOTES.get();
    DataReaders.NOTES.set(line -> { });
    try {
      return create(table, inferred, group, rows, left);
    } finally {
      DataReaders.NOTES.set(notes);
    }
  }

  private Integer create(SourceTable table, List<CodebookInference.Inferred> inferred, CodebookInference.Inferred group,
      List<String> rows, List<String> left) {
    Path absolute = dir.toAbsolutePath().normalize();
    Path staging;
    try {
      Files.createDirectories(absolute.getParent());
      staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".new");
      Path dataDir = Files.createDirectories(staging.resolve("data"));
      Path dataCopy = dataDir.resolve(data.getFileName().toString());
      Files.copy(data, dataCopy);
      if (reader.dictionary != null) {
        Files.copy(reader.dictionary, dataDir.resolve(reader.dictionary.getFileName().toString()));
      }
      Files.writeString(dataDir.resolve("codebook.csv"), CodebookInference.toCsv(inferred), StandardCharsets.UTF_8);
      String name = title != null ? title : absolute.getFileName().toString();
      Files.writeString(staging.resolve(Study.PROPERTIES), "# Written by studybook new from " + data.getFileName()
          + "; review data/codebook.csv before you rely on the report.\n"
          + "title=" + name.replace("\\", "\\\\").replace("\n", " ") + "\n"
          + "data=data/" + data.getFileName() + "\n"
          + "codebook=data/codebook.csv\n"
          + "seed=1\n"
          + reader.properties(DataReaders.dialect(data, reader.options()))
          + (reader.dictionary != null ? "data.dictionary=data/" + reader.dictionary.getFileName() + "\n" : ""),
          StandardCharsets.UTF_8);
      Path analysis = Files.createDirectories(staging.resolve("analysis"));
      Files.writeString(analysis.resolve("Characteristics.java"), StarterStudy.analysis(rows, by, group, left), StandardCharsets.UTF_8);
      Files.writeString(staging.resolve(".gitignore"), ".studybook/\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StudybookException("cannot create the study in " + dir + ": " + e.getMessage());
    }
    try {
      run(staging);
    } catch (RuntimeException e) {
      delete(staging);
      throw e;
    }
    try {
      Files.deleteIfExists(absolute); // an empty folder the author made for the study
      Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      delete(staging);
      throw new StudybookException("cannot move the new study into " + dir + ": " + e.getMessage());
    }
    PrintStream out = System.out;
    out.println("studybook new: " + dir + " from " + data + " (" + table.rowCount() + " rows, " + inferred.size()
        + " variables); the inferred codebook:");
    for (CodebookInference.Inferred v : inferred) {
      out.println("  " + v.describe());
    }
    for (String warning : smallLevels(table, inferred)) {
      out.println(warning);
    }
    out.println("Table 1 (" + (by == null ? "all patients" : "by " + by) + "): " + dir.resolve("reports").resolve("report.md")
        + (left.isEmpty() ? "" : "; not in Table 1: " + String.join(", ", left)));
    out.println("Review " + dir.resolve("data").resolve("codebook.csv")
        + " (types, level order, labels, missing tokens, ranges), then run ./studybook run --study " + dir);
    out.flush();
    return 0;
  }

  /** Levels of fewer than this many rows get a warning: a model cannot estimate them reliably. */
  static final int SMALL_LEVEL = 5;

  /**
   * One warning per categorical variable with a level of 1 to 4 rows: a model would separate on it
   * (a level of one patient without the event has no odds ratio), and a count such as a number of
   * previous births may be better numeric; the warning says how to make it so.
   */
  static List<String> smallLevels(SourceTable table, List<CodebookInference.Inferred> inferred) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < inferred.size(); c++) {
      CodebookInference.Inferred v = inferred.get(c);
      if (!v.type().equals("categorical") && !v.type().equals("binary")) {
        continue;
      }
      java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
      v.levels().forEach(l -> counts.put(l, 0));
      for (String cell : table.cells()[c]) {
        // A value with blanks around it is read as its level without them (as the loader reads it).
        counts.computeIfPresent(counts.containsKey(cell) ? cell : cell.strip(), (k, n) -> n + 1);
      }
      List<String> small = new ArrayList<>();
      counts.forEach((level, n) -> {
        if (n > 0 && n < SMALL_LEVEL) {
          small.add("'" + level + "' " + n + (n == 1 ? " row" : " rows"));
        }
      });
      if (!small.isEmpty()) {
        boolean numbers = v.levels().stream().allMatch(l -> l.matches("-?\\d+(\\.\\d+)?"));
        out.add("studybook new: warning: " + v.name() + " is categorical with a level of fewer than " + SMALL_LEVEL
            + " rows (" + String.join(", ", small) + "): a model cannot estimate such a level (separation), so merge "
            + "it with another" + (numbers ? " or, if " + v.name() + " is a count or a measurement, make it numeric: "
            + "in data/codebook.csv set its type to continuous and clear its levels" : "") + ".");
      }
    }
    return out;
  }

  /**
   * Runs the new study once. Its {@code data} is read with the study's {@code data.*} reading settings
   * (delimiter, decimal mark, encoding, sheet), which the standard built-in does not pass on yet.
   */
  private static void run(Path study) {
    Study s = Study.open(study, Optional.empty());
    BuiltIns.BuiltIn data = new BuiltIns.BuiltIn("data", Frame.class,
        in -> Hashes.of("data=" + in.hash(in.study().data()) + "\ncodebook=" + in.study().codebook().map(in::hash)
            .orElse("none") + "\n" + new java.util.TreeMap<>(in.study().settings()).entrySet().stream()
                .filter(e -> e.getKey().startsWith("data.")).map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("\n"))),
        in -> StudyDataLoader.load(in.study().data(), BuiltIns.loadCodebook(in),
            ReadOptions.of(in.study().settings(), in.study().dir())));
    RunOptions options = RunOptions.defaults().with(BuiltIns.standard().with(data)).quiet();
    try (RunInputs inputs = RunInputs.lockAndRead(s)) {
      KernelRun run = Kernel.run(inputs, options);
      ReportWriter.write(run, Path.of("reports"), options.log(), Optional.empty(), true);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: the staging folder is hidden and named after the study
    }
  }
}
