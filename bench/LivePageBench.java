import java.nio.file.Path;
import java.util.Optional;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.report.LivePage;
import studybook.report.ReportWriter;

/**
 * serve's page build, in process: a full build ({@code ReportWriter.livePage(run)}) against an incremental
 * one from the last page ({@code livePage(run, last)}) when no result changed (issue 21). Run from the
 * repository root after {@code mvn -B -o -q -DskipTests package}, on a copy of a study:
 *
 * <pre>java -cp target/studybook.jar bench/LivePageBench.java STUDY_DIR full|incremental</pre>
 */
public class LivePageBench {
  public static void main(String[] a) {
    Path dir = Path.of(a[0]);
    boolean incremental = a.length > 1 && a[1].equals("incremental");
    KernelRun run = Kernel.run(Study.open(dir, Optional.empty()), RunOptions.defaults().quiet());
    LivePage last = ReportWriter.livePage(run);
    for (int i = 0; i < 10; i++) {
      last = incremental ? ReportWriter.livePage(run, last) : ReportWriter.livePage(run);
    }
    int n = 20;
    long t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      last = incremental ? ReportWriter.livePage(run, last) : ReportWriter.livePage(run);
    }
    System.out.printf("%s: %.1f ms per page build (mean of %d, after 10 warm-up builds)%n",
        incremental ? "incremental" : "full", (System.nanoTime() - t) / 1e6 / n, n);
  }
}
