package studybook.cli;

import java.lang.management.ManagementFactory;
import java.util.List;
import studybook.data.Frame;
import studybook.stats.regression.LogisticRegression;
import studybook.tables.DesignColumns;
import studybook.tables.DesignMatrix;

/**
 * The benchmark's logistic fit on rows against columns, in one JVM on a frame loaded once (not a test; bench/RESULTS.md):
 * {@code java -XX:+UseSerialGC -cp target/studybook.jar:target/test-classes studybook.cli.LogisticFitBench FILE REPS}
 * on a registry from {@code bench/run.sh}. Prints process CPU and wall time of each fit and its log-likelihood,
 * which must be the same bits on both layouts.
 */
public final class LogisticFitBench {
  private LogisticFitBench() {}

  public static void main(String[] args) throws Exception {
    List<String> terms = List.of("age", "sex", "tumor_size_mm", "initial_diagnosis", "suspected_net", "er_method", "grade",
        "depth", "resection_margin");
    LogisticCommand command = new LogisticCommand();
    new picocli.CommandLine(command).parseArgs("--data", args[0], "--outcome", "lvi", "--event", "positive", "--terms",
        String.join(",", terms));
    Frame frame = command.data.load();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int rep = 0; rep < Integer.parseInt(args[1]); rep++) {
      for (String layout : new String[] {"rows", "columns"}) {
        System.gc();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double logLik;
        if (layout.equals("rows")) {
          DesignMatrix dm = DesignMatrix.of(frame, "lvi", "positive", terms);
          logLik = LogisticRegression.withDefaults().fit(dm.design()).logLik();
        } else {
          DesignColumns dc = DesignMatrix.columnsOf(frame, "lvi", "positive", terms);
          logLik = LogisticRegression.withDefaults().fitColumns(dc.x(), dc.y(), dc.columns()).logLik();
        }
        System.out.printf(java.util.Locale.ROOT, "%s: %.0f ms cpu, %.0f ms wall, loglik %.17g, load %s%n", layout,
            (os.getProcessCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6, logLik,
            java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
      }
    }
  }
}
