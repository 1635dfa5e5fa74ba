package studybook.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import studybook.kernel.CellFailedException;
import studybook.kernel.CellFailure;
import studybook.kernel.CellOutcome;
import studybook.kernel.CompileException;
import studybook.kernel.Kernel;
import studybook.kernel.KernelRun;
import studybook.kernel.ResultMemory;
import studybook.kernel.RunInputs;
import studybook.kernel.RunOptions;
import studybook.kernel.SourcePosition;
import studybook.kernel.Study;
import studybook.report.ReportWriter;

/**
 * A study kept current: watches its inputs (the JDK's {@link WatchService}, with a fingerprint of
 * every watched file's size and modification time compared at least twice a second as the fallback),
 * reruns it through {@link Kernel#run} on a change (the kernel's cache recomputes only the cells whose
 * code or inputs changed and their dependents), renders the page in memory with
 * {@link ReportWriter#page} and hands each new {@link Snapshot} to a listener. Writes nothing but what
 * the kernel writes (its cache and run log); never {@code reports/}.
 */
public final class LiveStudy implements AutoCloseable {
  /**
   * Where a message of an error that carries no typed position (a template's or a setting's) says it is.
   * Cell failures, compile errors and data problems are located by their typed positions instead.
   */
  private static final Pattern LOCATION = Pattern.compile(
      "^((?:[^\\s:]+/)?[^\\s:/]+\\.(?:java|ftl|csv|properties|tsv|txt|xlsx|sav|dta))(?::(\\d+))?(?::(\\d+))?:\\s*(.*)$",
      Pattern.DOTALL);
  private static final long POLL_MILLIS = 400;

  private final Path dir;
  private final Optional<Path> dataOverride;
  private final RunOptions options;
  private final Consumer<Snapshot> listener;
  private final PrintStream log;
  private final Object lock = new Object();
  private Snapshot current;
  private boolean changed = true;
  private boolean runSlow;
  private boolean running;
  /** A kernel run is under way (not a re-render): a newer save cancels it. */
  private boolean kernelRunning;
  /** The run under way was cancelled by a newer save. */
  private boolean cancelled;
  /** A run whose page was taken from reports/ (no cell marks yet): rendered with them next, unless inputs change. */
  private KernelRun unmarked;
  private volatile boolean closed;
  private volatile Runnable onRunStart = () -> {};
  private Map<Path, String> fingerprint;
  /** The inputs as the last run read them (their hashes, and the scripts' and templates' bytes), on the run thread. */
  private RunInputs lastInputs;
  /** The last page rendered with its blocks, and the run it came from (on the run thread). */
  private studybook.report.LivePage lastPage;
  private KernelRun lastPageRun;
  /** The last page built (patchable or not): the next build takes from it what the unchanged cells made. */
  private studybook.report.LivePage lastBuilt;
  private List<Path> watchedDirs = List.of();
  private final WatchService watcher;
  private final Set<Path> registered = new HashSet<>();
  private final Thread runner;
  private final Thread watching;

  /** Starts watching and runs the study once at once; {@code listener} gets every new snapshot. */
  public LiveStudy(Path dir, Optional<Path> dataOverride, RunOptions options, Consumer<Snapshot> listener) {
    this.dir = dir.toAbsolutePath().normalize();
    this.dataOverride = dataOverride;
    // Classes and results stay in memory between runs (under the disk cache's keys): an edit rereads nothing.
    // A failing cell does not stop the others: every failure is reported and the rest stay fresh.
    this.options = options.with(new ResultMemory()).goingOnPastFailures();
    this.listener = listener;
    this.log = options.log();
    this.current = new Snapshot(0, Optional.empty(), true, Optional.empty(), List.of(), 0);
    WatchService w;
    try {
      w = FileSystems.getDefault().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      w = null;
    }
    this.watcher = w;
    watchedDirs = List.of(this.dir, this.dir.resolve(Study.ANALYSIS), this.dir.resolve(Study.TEMPLATES));
    fingerprint = fingerprint();
    runner = new Thread(this::runLoop, "studybook-serve-run");
    runner.setDaemon(true);
    watching = new Thread(this::watchLoop, "studybook-serve-watch");
    watching.setDaemon(true);
    runner.start();
    watching.start();
    // While the first run reads its cache, load and exercise the page's renderer (FreeMarker, flexmark) on
    // the other core, so the first page does not pay for it after the kernel (renders nothing of the study);
    // then javac.
    Thread warm = new Thread(this::warmUp, "studybook-serve-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
  }

  private void warmUp() {
    try {
      java.nio.file.Path none = java.nio.file.Path.of("studybook-serve-warm-up-has-no-templates");
      new studybook.report.Templates(none).htmlFragment("# Warm-up\n\n**Table 1.** a\n\n| a | b |\n|:---|---:|\n| *x* | 1 |\n");
      // Once the first page is out, javac too: the first save of a script then does not wait for it to load.
      awaitVersion(1, 600_000);
      if (!closed) {
        studybook.kernel.JavaSources.warmUp();
      }
    } catch (RuntimeException | LinkageError e) {
      // only a warm-up: the runs render and compile (and report) for themselves
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The latest snapshot (version 0 until the first run ends). */
  public Snapshot current() {
    synchronized (lock) {
      return current;
    }
  }

  /** Waits until a snapshot of at least {@code version} exists or the time is up; returns the latest. */
  public Snapshot awaitVersion(long version, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    synchronized (lock) {
      while (current.version() < version && !closed) {
        long left = end - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        lock.wait(left);
      }
      return current;
    }
  }

  /** Reruns with every slow cell computed (the page's "run slow cells" button). */
  public void runSlowCells() {
    synchronized (lock) {
      runSlow = true;
      changed = true;
      lock.notifyAll();
    }
  }

  /** Called on the run thread as each run starts (the page shows "running"). */
  public void onRunStart(Runnable r) {
    onRunStart = r;
  }

  /** Whether a run is under way. */
  public boolean running() {
    synchronized (lock) {
      return running;
    }
  }

  /**
   * The run thread: waits for a change, runs, publishes. Nothing a run throws ends it (an
   * {@link OutOfMemoryError} in the kernel or the renderer included): a failed run is a snapshot with
   * its problem and the STALE banner, and the next save runs again. A save during a run cancels it
   * (the thread is interrupted: a cell under way stops, see {@link #cancelled}) and the new inputs run.
   */
  private void runLoop() {
    while (true) {
      boolean slow;
      KernelRun mark;
      synchronized (lock) {
        while (!changed && unmarked == null && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            // a cancel that came as the last run ended: only close() ends this thread
          }
        }
        if (closed) {
          return;
        }
        mark = changed ? null : unmarked;
        unmarked = null;
        if (mark != null) {
          running = true;
        }
      }
      if (mark != null) {
        publish(marked(mark));
        continue;
      }
      synchronized (lock) {
        changed = false;
        slow = runSlow;
        runSlow = false;
        running = true;
        cancelled = false;
        kernelRunning = true;
        // A cancel aimed at the previous run is not this run's.
        Thread.interrupted();
      }
      Snapshot next;
      try {
        onRunStart.run();
        next = runOnce(slow);
      } catch (Throwable e) {
        next = failed(e, current(), System.nanoTime());
      }
      boolean dropped;
      synchronized (lock) {
        kernelRunning = false;
        dropped = next == null;
        Thread.interrupted();
      }
      if (dropped) {
        synchronized (lock) {
          // "Run slow cells" still stands for the new inputs.
          runSlow |= slow;
          running = false;
          lock.notifyAll();
        }
        continue;
      }
      publish(next);
    }
  }

  private void publish(Snapshot next) {
    synchronized (lock) {
      current = next;
      running = false;
      lock.notifyAll();
    }
    try {
      listener.accept(next);
    } catch (Throwable e) {
      // a tab that cannot be told learns the version from the next event or reload
    }
  }

  private Snapshot runOnce(boolean slow) {
    long t = System.nanoTime();
    long version = current().version() + 1;
    Snapshot previous = current();
    try {
      Study study = Study.open(dir, dataOverride);
      List<Path> dirs = new ArrayList<>(List.of(dir, study.dir().resolve(Study.ANALYSIS), study.dir().resolve(Study.TEMPLATES),
          study.data().toAbsolutePath().getParent()));
      study.codebook().ifPresent(c -> dirs.add(c.toAbsolutePath().getParent()));
      study.claims().ifPresent(c -> dirs.add(c.toAbsolutePath().getParent()));
      synchronized (lock) {
        watchedDirs = List.copyOf(dirs);
      }
      register();
      Map<Path, String> seen = fingerprint();
      synchronized (lock) {
        fingerprint = seen;
      }
      KernelRun run;
      // Only the inputs whose size, modification time or identity changed since the last run are read and hashed.
      try (RunInputs inputs = RunInputs.lockAndRead(study, lastInputs)) {
        run = Kernel.run(inputs, options.with(slow ? RunOptions.SlowCells.RUN : RunOptions.SlowCells.DEFER));
        lastInputs = inputs;
      }
      long kernelMillis = (System.nanoTime() - t) / 1_000_000;
      if (!run.failures().isEmpty()) {
        return withFailures(run, previous, t);
      }
      // The first page may come from reports/ when run last rendered these very inputs (a fast start); the
      // next version is then the same page with its tables and figures marked by their cells.
      Optional<String> reused = previous.version() == 0 ? ReportWriter.renderedPage(run, Path.of("reports"))
          : Optional.empty();
      String html;
      Optional<PageBlocks> blocks = Optional.empty();
      studybook.report.LivePage page = null;
      if (reused.isPresent()) {
        html = reused.get();
        synchronized (lock) {
          unmarked = run;
        }
      } else {
        page = ReportWriter.livePage(run, lastBuilt);
        lastBuilt = page;
        blocks = blocks(page, run, version, previous.blocks());
        html = page.page(blocks.map(PageBlocks::html).orElseGet(page::blocks));
      }
      List<Snapshot.CellRow> rows = rows(run);
      boolean stale = rows.stream().anyMatch(r -> r.state() == Snapshot.CellState.STALE);
      long ms = (System.nanoTime() - t) / 1_000_000;
      log.printf(java.util.Locale.ROOT, "studybook: serve: version %d ready (%d ms: kernel %d ms, page %d ms)%n",
          version, ms, kernelMillis, ms - kernelMillis);
      log.flush();
      Snapshot next = new Snapshot(version, Optional.of(html), stale, Optional.empty(), rows, ms, blocks);
      // The page the next save is compared with: the one now shown (a run that failed after its render shows none).
      lastPage = blocks.isPresent() ? page : null;
      lastPageRun = run;
      return next;
    } catch (Throwable e) {
      if (cancelledNow()) {
        return null;
      }
      return failed(e, previous, t);
    }
  }

  /** Whether this run was cancelled by a newer save (its result, failed or not, is then not shown). */
  private boolean cancelledNow() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** The snapshot of a failed run: the last good page, marked stale, with the run's problem. */
  private Snapshot failed(Throwable e, Snapshot previous, long t) {
    Snapshot.Problem problem;
    try {
      problem = problem(e);
    } catch (Throwable again) {
      problem = new Snapshot.Problem("", Optional.empty(), e.getClass().getName());
    }
    if (e instanceof OutOfMemoryError) {
      problem = new Snapshot.Problem(problem.location(), problem.sourceLine(), "the run ran out of memory (the Java"
          + " heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MB; " + problem.message() + "); give serve"
          + " more with STUDYBOOK_JAVA_OPTS=-Xmx4g, or make the study hold less; the next save runs again");
    }
    try {
      log.println("studybook: serve: " + studybook.TerminalText.safe(problem.location().isEmpty() ? problem.message()
          : problem.location() + ": " + problem.message()));
      log.flush();
    } catch (Throwable ignored) {
      // the page says it
    }
    Set<String> failed = new HashSet<>();
    if (e instanceof CellFailedException f) {
      f.failures().forEach(x -> failed.add(x.cell()));
    }
    List<Snapshot.CellRow> rows = new ArrayList<>();
    for (Snapshot.CellRow r : previous.cells()) {
      rows.add(new Snapshot.CellRow(r.name(), r.description(), r.script(),
          failed.contains(r.name()) ? Snapshot.CellState.FAILED : Snapshot.CellState.STALE, r.millis(),
          failed.contains(r.name()) ? "failed" : "stale: the latest run failed", r.inputs(), r.slow()));
    }
    return new Snapshot(current().version() + 1, previous.reportHtml(), true, Optional.of(problem), rows,
        (System.nanoTime() - t) / 1_000_000, previous.blocks());
  }

  /** The page of {@code run} again, now with each table and figure marked by its cell (nothing reruns). */
  private Snapshot marked(KernelRun run) {
    long t = System.nanoTime();
    Snapshot was = current();
    try {
      studybook.report.LivePage page = ReportWriter.livePage(run, lastBuilt);
      lastBuilt = page;
      Optional<PageBlocks> blocks = blocks(page, run, was.version() + 1, Optional.empty());
      String html = page.page(blocks.map(PageBlocks::html).orElseGet(page::blocks));
      long ms = (System.nanoTime() - t) / 1_000_000;
      log.printf(java.util.Locale.ROOT, "studybook: serve: version %d ready (page with cell marks, %d ms)%n",
          was.version() + 1, ms);
      log.flush();
      lastPage = blocks.isPresent() ? page : null;
      lastPageRun = run;
      return new Snapshot(was.version() + 1, Optional.of(html), was.stale(), was.problem(), was.cells(), was.runMillis(),
          blocks);
    } catch (Throwable e) {
      // The unmarked page stays; a click then shows no cell, nothing else is lost.
      return new Snapshot(was.version() + 1, was.reportHtml(), was.stale(), was.problem(), was.cells(), was.runMillis());
    }
  }

  /**
   * The blocks of {@code page} against the page shown last ({@code lastPage}, its blocks {@code before}): when the
   * document has the same blocks in the same places (the same kinds, cells, numbers and headings) and the page
   * around them is the same, only the blocks of cells whose results changed ({@link KernelRun#changedSince}) and
   * the prose whose text changed (a number it prints) are rendered again, and a block whose HTML is unchanged
   * keeps its version; otherwise every block is new at {@code version} (a tab gets the whole page). Empty when
   * the page template does not print the report once as it is.
   */
  private Optional<PageBlocks> blocks(studybook.report.LivePage page, KernelRun run, long version,
      Optional<PageBlocks> before) {
    studybook.report.LivePage old = lastPage;
    KernelRun oldRun = lastPageRun;
    if (!page.patchable()) {
      return Optional.empty();
    }
    if (old == null || before.isEmpty() || !old.patchable() || !old.shell().equals(page.shell())
        || !sameStructure(old.document(), page.document())) {
      List<String> html = page.blocks();
      return Optional.of(new PageBlocks(version, html, java.util.Collections.nCopies(html.size(), version)));
    }
    Set<String> changed = new HashSet<>(run.changedSince(oldRun));
    List<studybook.report.doc.Block> was = old.document().blocks();
    List<studybook.report.doc.Block> now = page.document().blocks();
    List<String> html = new ArrayList<>(before.get().html());
    List<Long> at = new ArrayList<>(before.get().changedAt());
    for (int i = 0; i < now.size(); i++) {
      studybook.report.doc.Block b = now.get(i);
      boolean redo = !b.equals(was.get(i)) || !b.cell().isEmpty() && changed.contains(b.cell());
      if (redo) {
        String h = page.block(i);
        if (!h.equals(html.get(i))) {
          html.set(i, h);
          at.set(i, version);
        }
      }
    }
    return Optional.of(new PageBlocks(before.get().since(), html, at));
  }

  /** Whether two documents have the same blocks in the same places: kinds, cells, parts, numbers, headings, title. */
  static boolean sameStructure(studybook.report.doc.Document a, studybook.report.doc.Document b) {
    if (a.blocks().size() != b.blocks().size() || a.titleBlock() != b.titleBlock() || a.bannerBlock() != b.bannerBlock()
        || !a.title().equals(b.title()) || !a.banner().equals(b.banner())) {
      return false;
    }
    for (int i = 0; i < a.blocks().size(); i++) {
      studybook.report.doc.Block x = a.blocks().get(i);
      studybook.report.doc.Block y = b.blocks().get(i);
      if (x.getClass() != y.getClass() || !x.cell().equals(y.cell())) {
        return false;
      }
      if (x instanceof studybook.report.doc.Block.Heading && !x.equals(y)
          || x instanceof studybook.report.doc.Block.Table t && (t.part() != ((studybook.report.doc.Block.Table) y).part()
              || t.number() != ((studybook.report.doc.Block.Table) y).number())
          || x instanceof studybook.report.doc.Block.Figure f && f.number() != ((studybook.report.doc.Block.Figure) y).number()) {
        return false;
      }
    }
    return true;
  }

  /** The panel rows of a finished run; a cell fed by a stale cell is stale too. */
  static List<Snapshot.CellRow> rows(KernelRun run) {
    List<Snapshot.CellRow> rows = new ArrayList<>();
    Set<String> stale = new HashSet<>();
    for (CellOutcome c : run.outcomes()) {
      boolean slowStale = c.reason().startsWith(Kernel.STALE_SLOW);
      String fedBy = c.inputHashes().keySet().stream().filter(stale::contains).findFirst().orElse(null);
      Snapshot.CellState state;
      String reason = c.reason();
      if (slowStale || fedBy != null) {
        state = Snapshot.CellState.STALE;
        stale.add(c.name());
        if (!slowStale) {
          reason = "stale: input '" + fedBy + "' is stale (" + reason + ")";
        }
      } else {
        state = c.computed() ? Snapshot.CellState.RECOMPUTED : Snapshot.CellState.CACHED;
      }
      rows.add(new Snapshot.CellRow(c.name(), c.description(), c.script(), state, c.durationMicros() / 1000.0, reason,
          List.copyOf(c.inputHashes().keySet()), slowStale));
    }
    return rows;
  }

  /**
   * A run whose cells partly failed: every other cell ran and is fresh in the panel; each failing cell is a
   * FAILED row with its message and each cell it feeds a STALE row; the problem names the first failure and
   * lists the others with their places. The page stays the last good one (the report needs every cell), stale.
   */
  private Snapshot withFailures(KernelRun run, Snapshot previous, long t) {
    List<CellFailure> failures = run.failures();
    CellFailure first = failures.get(0);
    Snapshot.Problem p = problem(first);
    if (failures.size() > 1) {
      List<String> others = new ArrayList<>();
      for (CellFailure f : failures.subList(1, failures.size())) {
        others.add((f.cell().isEmpty() ? "" : "'" + f.cell() + "'") + f.at().map(a -> " at " + a).orElse("")
            + (f.kind() == CellFailure.Kind.DEPENDENCY ? " (did not run: an input failed)" : ""));
      }
      p = new Snapshot.Problem(p.location(), p.sourceLine(), p.message() + " (" + (failures.size() - 1) + " more: "
          + String.join("; ", others) + ")");
    }
    try {
      for (CellFailure f : failures) {
        log.println("studybook: serve: " + studybook.TerminalText.safe(f.message()));
      }
      log.flush();
    } catch (Throwable ignored) {
      // the page says it
    }
    List<Snapshot.CellRow> rows = new ArrayList<>(rows(run));
    Map<String, Snapshot.CellRow> was = new java.util.HashMap<>();
    previous.cells().forEach(r -> was.put(r.name(), r));
    Map<String, CellFailure> byCell = new java.util.LinkedHashMap<>();
    failures.forEach(f -> byCell.put(f.cell(), f));
    List<Snapshot.CellRow> ordered = new ArrayList<>();
    for (String name : run.graph().order()) {
      CellFailure f = byCell.get(name);
      if (f == null) {
        rows.stream().filter(r -> r.name().equals(name)).findFirst().ifPresent(ordered::add);
        continue;
      }
      Snapshot.CellRow old = was.get(name);
      ordered.add(new Snapshot.CellRow(name, old == null ? "" : old.description(), run.graph().position(name).file(),
          f.kind() == CellFailure.Kind.DEPENDENCY ? Snapshot.CellState.STALE : Snapshot.CellState.FAILED,
          old == null ? 0 : old.millis(), f.kind() == CellFailure.Kind.DEPENDENCY
              ? "stale: " + f.message() : "failed: " + f.message(), run.graph().inputs().get(name),
          old != null && old.slow()));
    }
    return new Snapshot(current().version() + 1, previous.reportHtml(), true, Optional.of(p), ordered,
        (System.nanoTime() - t) / 1_000_000, previous.blocks());
  }

  /** A typed failure as the page shows it: its place, that line of the source, and the message after the place. */
  private Snapshot.Problem problem(CellFailure f) {
    String message = f.message();
    String location = f.at().map(SourcePosition::toString).orElse("");
    if (!location.isEmpty() && message.startsWith(location + ": ")) {
      message = message.substring(location.length() + 2);
    }
    Optional<String> line = f.at().filter(a -> a.line() > 0)
        .flatMap(a -> sourceLine(a.file(), Integer.toString(a.line())));
    return new Snapshot.Problem(location, line, message);
  }

  /** The problem of a failed run, located by its typed position, else at {@code file:LINE:COL} when its message says where. */
  Snapshot.Problem problem(Throwable e) {
    if (e instanceof CompileException c && !c.failures().isEmpty()) {
      Snapshot.Problem first = problem(c.failures().get(0));
      // The message keeps javac's count of the other errors ("and 2 more compile errors").
      String message = c.getMessage();
      String location = first.location();
      return new Snapshot.Problem(location, first.sourceLine(),
          message.startsWith(location + ": ") ? message.substring(location.length() + 2) : message);
    }
    if (e instanceof CellFailedException f) {
      return problem(f.failures().get(0));
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (!(e instanceof studybook.StudybookException)) {
      message = e.toString();
    }
    Matcher m = LOCATION.matcher(message);
    if (!m.matches()) {
      return new Snapshot.Problem("", Optional.empty(), message);
    }
    String file = m.group(1);
    String location = file + (m.group(2) == null ? "" : ":" + m.group(2)) + (m.group(3) == null ? "" : ":" + m.group(3));
    Optional<String> line = Optional.empty();
    if (m.group(2) != null && file.endsWith(".java") || file.endsWith(".ftl")) {
      line = sourceLine(file, m.group(2));
    }
    return new Snapshot.Problem(location, line, m.group(4));
  }

  /** The line of a study file a message points at (only files inside the study folder). */
  private Optional<String> sourceLine(String file, String lineNumber) {
    if (lineNumber == null) {
      return Optional.empty();
    }
    Path f = dir.resolve(file).normalize();
    if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
      return lines.skip(Long.parseLong(lineNumber) - 1).findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void watchLoop() {
    while (!closed) {
      try {
        if (watcher != null) {
          var key = watcher.poll(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (key != null) {
            key.pollEvents();
            key.reset();
            // Let an editor finish its save (write, rename) before looking.
            Thread.sleep(20);
            while ((key = watcher.poll()) != null) {
              key.pollEvents();
              key.reset();
            }
          }
        } else {
          Thread.sleep(POLL_MILLIS);
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      List<Path> dirs;
      synchronized (lock) {
        dirs = watchedDirs;
      }
      Map<Path, String> now = fingerprint(dirs);
      synchronized (lock) {
        // A run that just widened the watched folders has set a fingerprint of its own: compare like with like.
        if (dirs == watchedDirs && !now.equals(fingerprint) && !closed) {
          fingerprint = now;
          changed = true;
          if (kernelRunning && !cancelled) {
            // The inputs of the run under way are already out of date: stop it (a looping cell too) and rerun.
            cancelled = true;
            runner.interrupt();
          }
          lock.notifyAll();
        }
      }
    }
  }

  private void register() {
    if (watcher == null) {
      return;
    }
    List<Path> dirs;
    synchronized (lock) {
      dirs = watchedDirs;
    }
    for (Path d : dirs) {
      List<Path> all = new ArrayList<>();
      if (d.equals(dir)) {
        all.add(d);
      } else {
        try (Stream<Path> s = Files.walk(d)) {
          s.filter(Files::isDirectory).forEach(all::add);
        } catch (IOException | RuntimeException e) {
          continue;
        }
      }
      for (Path p : all) {
        if (registered.add(p)) {
          try {
            p.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
          } catch (IOException | RuntimeException e) {
            registered.remove(p);
          }
        }
      }
    }
  }

  /** Size and modification time of every file in the watched folders (the study folder itself: its files only). */
  private Map<Path, String> fingerprint() {
    List<Path> dirs;
    synchronized (lock) {
      dirs = watchedDirs;
    }
    return fingerprint(dirs);
  }

  private Map<Path, String> fingerprint(List<Path> dirs) {
    Map<Path, String> f = new TreeMap<>();
    for (Path d : dirs) {
      try (Stream<Path> s = d.equals(dir) ? Files.list(d) : Files.walk(d)) {
        s.forEach(p -> {
          try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (a.isRegularFile()) {
              f.put(p, a.size() + "/" + a.lastModifiedTime().toMillis() + "/" + a.lastModifiedTime().toInstant().getNano());
            }
          } catch (IOException e) {
            // gone between listing and reading: the next look sees it
          }
        });
      } catch (IOException | RuntimeException e) {
        // a folder that does not exist (yet) has no files
      }
    }
    return f;
  }

  /** Stops watching and waits (at most {@code millis}) for a run under way to end. */
  public void close(long millis) {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    watching.interrupt();
    try {
      if (watcher != null) {
        watcher.close();
      }
    } catch (IOException e) {
      // closing
    }
    try {
      runner.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(10_000);
  }

  /** The longest a cell may run here, in seconds (0: the kernel's own limits); the page says it. */
  public long cellSecondsCap() {
    return options.cellSecondsCap();
  }

  /** The study folder. */
  public Path dir() {
    return dir;
  }
}
