package studybook.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studybook.StudybookException;
import studybook.kernel.RunOptions;
import studybook.kernel.Study;
import studybook.serve.LiveStudy;
import studybook.serve.PreviewServer;

/** {@code studybook serve}: a live preview of the study that reruns what changed and updates open tabs. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves a live preview of the study on this machine and prints its URL (with a secret token).",
        "On every change to analysis/, templates/, the data, codebook, claims or study.properties it reruns",
        "what changed (slow cells only when asked) and updates every open tab. Never writes reports/: use run."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--study", paramLabel = "DIR", defaultValue = ".", description = "The study folder (default: ${DEFAULT-VALUE}).")
  Path study;

  @Option(names = "--data", paramLabel = "FILE", description = "Use this data file instead of study.properties' data.")
  Path data;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8707", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--host", paramLabel = "H", description = {"Address to listen on (default: 127.0.0.1 only).",
      "Anything but a loopback address exposes the (patient) data to the network, behind the token only."})
  String host;

  /** The default limit of a cell's time under serve: a loop is ended in minutes, not the batch default's half hour. */
  public static final long DEFAULT_CELL_SECONDS = 120;

  @Option(names = "--cell-timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_CELL_SECONDS,
      description = {"Stop a cell that runs longer than this here (default: ${DEFAULT-VALUE}; a cell's own or the",
          "study's longer limit applies to run and check, not to serve). A save also cancels the run under way."})
  long cellTimeout;

  @Override
  public Integer call() throws Exception {
    Path dir = study.toAbsolutePath().normalize();
    // Opens the study once so a wrong folder fails here, with the usual message and exit 2.
    Study.open(dir, Optional.ofNullable(data));
    if (cellTimeout <= 0) {
      throw new StudybookException("--cell-timeout must be a whole number of seconds above 0, not " + cellTimeout);
    }
    InetAddress address = InetAddress.getByName(host == null ? "127.0.0.1" : host);
    AtomicReference<PreviewServer> server = new AtomicReference<>();
    LiveStudy live = new LiveStudy(dir, Optional.ofNullable(data), RunOptions.defaults().withCellSecondsCap(cellTimeout), s -> {
      PreviewServer p = server.get();
      if (p != null) {
        p.announce(s);
      }
    });
    PreviewServer p;
    try {
      p = PreviewServer.start(address, port, live, Optional.ofNullable(host));
    } catch (IOException e) {
      live.close();
      throw new StudybookException("cannot listen on " + address.getHostAddress() + ":" + port + ": "
          + studybook.IoProblem.describe(e) + " (another serve? try --port 0)");
    }
    server.set(p);
    live.onRunStart(p::announceRunning);
    if (!address.isLoopbackAddress()) {
      System.err.println("studybook: WARNING: serving on " + (address.isAnyLocalAddress() ? "every address of this"
          + " machine (" + address.getHostAddress() + ")" : address.getHostAddress()) + ", not loopback only: anyone who"
          + " can reach this machine and learns the URL (its token) can read the study's data. From other machines: "
          + (p.networkUrls().isEmpty() ? "(no network address found)" : String.join(" ", p.networkUrls())));
    }
    System.out.println(p.url());
    System.out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runnable shutdown = () -> stop.countDown();
    installSignals(shutdown);
    stop.await();
    stop(p, live);
    return 0;
  }

  /** Stops serving, lets a run under way finish (10 s at most) and removes what a cut-off write left behind. */
  public static void stop(PreviewServer server, LiveStudy live) {
    server.close();
    live.close(10_000);
    sweepTemporaryFiles(live.dir().resolve(".studybook"));
  }

  /** Removes what a cut-off write left in the work folder (see {@link studybook.kernel.TemporaryFiles}). */
  static void sweepTemporaryFiles(Path work) {
    studybook.kernel.TemporaryFiles.sweep(work);
  }

  /**
   * Ctrl-C and SIGTERM end serve cleanly: the command returns (so the exit guard sees an answer, not
   * an analysis script ending the process) after the server stops and the last run ends.
   */
  @SuppressWarnings("restriction")
  private static void installSignals(Runnable shutdown) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> shutdown.run());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // this platform does not deliver that signal
      }
    }
  }
}
