package studybook.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studybook.StudybookException;
import studybook.kernel.CacheMode;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunInputs;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.ReportWriter;
import studybook.report.SmallCellSuppression;

/** {@code studybook run}: compiles and runs the study's cells and writes the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the study and writes the report into reports/ (report.md, report.html, report.docx,",
        "results.json, tables/*.csv, figures/*.svg, manifest.json). Unchanged cells come from the cache in .studybook/cache/."})
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--study", paramLabel = "DIR", defaultValue = ".", description = "The study folder (default: ${DEFAULT-VALUE}).")
  Path study;

  @Option(names = "--data", paramLabel = "FILE", description = {"Use this data file instead of study.properties' data.",
      "With --engine spark also a folder of part files (Spark's output), or a path Spark reads (hdfs://, s3a://,",
      "file://); such data are hashed where they lie, file by file (manifest.json, inputParts)."})
  String data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports",
      description = "Output folder inside the study (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--no-cache", description = {"Recompute every cell and render every output (the cell cache is refreshed).",
      "Compiled scripts and the Word file's figure PNGs are still taken from .studybook/ when their source",
      "bytes are unchanged (see --recompile)."})
  boolean noCache;

  @Option(names = "--recompile", description = {"As --no-cache, and also compile the analysis scripts from source and",
      "draw every figure again (as check and verify always do)."})
  boolean recompile;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Option(names = "--suppress-below", paramLabel = "K",
      description = {"Mask counts 1..K-1 as '[c]' wherever the report prints them (tables, text, figures), with their",
          "percentages and every count that would give them away (also shown as [c]), across tables, with one",
          "legend line; manifest.json lists what was masked; tables/*.csv and results.json are not written.",
          "P-values and model estimates are not masked."})
  Integer suppressBelow;

  @picocli.CommandLine.Mixin EngineOptions engine = new EngineOptions();

  @Override
  public Integer call() {
    // Before the study is opened or locked: a build without the Spark engine says how to get one, and changes nothing.
    SparkBridge spark = engine.spark() ? engine.bridge() : null;
    Optional<SmallCellSuppression> suppression = Optional.ofNullable(suppressBelow).map(SmallCellSuppression::new);
    if (spark != null) {
      spark.connect(engine.master());
    }
    if (spark == null && data != null && data.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
      throw new StudybookException("--data " + data + " is a URI; only the Spark engine reads one (run --engine spark;"
          + " README, \"Spark\"); the local engine reads a file on this machine");
    }
    Study s = spark != null ? Study.openForEngine(study, Optional.ofNullable(data))
        : Study.open(study, Optional.ofNullable(data).map(Path::of));
    boolean forced = noCache || recompile;
    RunOptions options = RunOptions.defaults()
        .with(recompile ? CacheMode.REFRESH : noCache ? CacheMode.RECOMPUTE : CacheMode.USE)
        .withCommandLine(commandLine(spec));
    if (quiet) {
      options = options.quiet();
    }
    if (spark != null) {
      options = options.with(sparkData(spark, engine.master(), options.builtIns()));
    }
    PrintStream log = options.log();
    // The lock is taken and every input read and hashed once, here: the render key, the cache keys, the
    // manifest and the loaders all use these bytes and hashes.
    try (RunInputs inputs = RunInputs.lockAndRead(s, null,
        spark == null ? null : location -> spark.hashData(engine.master(), location))) {
      if (forced || !ReportWriter.holdsRenderOf(s, inputs.hashes(), out, suppression)) {
        studybook.report.docx.DocxWriter.warmUpInBackground();
      }
      KernelRun run = Kernel.run(inputs, options);
      ReportWriter.write(run, out, log, suppression,
          recompile ? ReportWriter.Reuse.NOTHING : noCache ? ReportWriter.Reuse.RASTERS : ReportWriter.Reuse.RENDER);
    } finally {
      if (spark != null) {
        spark.release();
      }
    }
    return 0;
  }

  /**
   * The built-ins of a run on Spark: the data read and typed on the cluster (a frame whose verbs run there), keyed
   * apart from the local engine's data, and the engine's check that names the cells it cannot run before any runs.
   */
  static studybook.kernel.BuiltIns sparkData(SparkBridge bridge, String master, studybook.kernel.BuiltIns builtIns) {
    return builtIns.with(new studybook.kernel.BuiltIns.BuiltIn("data", studybook.data.Frame.class,
        in -> "spark:" + studybook.kernel.BuiltIns.dataHash(in),
        in -> bridge.studyData(master, in.study().dataLocation().orElse(in.study().data().toUri().toString()),
            studybook.kernel.BuiltIns.loadCodebook(in), studybook.kernel.BuiltIns.dataHash(in))))
        .withCellCheck(bridge::checkCells);
  }

  /** The command line as typed (picocli's original arguments include the subcommand's name). */
  static List<String> commandLine(CommandSpec spec) {
    List<String> args = new ArrayList<>();
    args.add("studybook");
    args.addAll(spec.commandLine().getParseResult().originalArgs());
    return args;
  }
}
