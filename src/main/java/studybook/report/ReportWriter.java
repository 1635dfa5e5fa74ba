package studybook.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import studybook.StudybookException;
import studybook.kernel.Hashes;
import studybook.kernel.KernelRun;
import studybook.kernel.Study;
import studybook.report.docx.DocxDocument;
import studybook.report.docx.DocxWriter;
import studybook.report.docx.FigureRasters;
import studybook.tables.Tabular;

/**
 * Writes a run's outputs: report.md, report.html, results.json, tables/&lt;name&gt;.csv for every
 * {@link Tabular} result, report.docx (report.md, the page and the Word file each written from the run's one {@link studybook.report.doc.Document}), figures/&lt;cell&gt;.svg for every figure result ({@link ReportFigures}),
 * and manifest.json. Nothing in them but the manifest depends on time or
 * machine, so two runs on the same inputs give the same bytes.
 */
public final class ReportWriter {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter PRETTY = new ObjectMapper().writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private ReportWriter() {}

  /** Renders into a staging folder beside the checked target and swaps it in; returns the target. */
  public static Path write(KernelRun run, Path out, PrintStream log) {
    return write(run, out, log, Optional.empty());
  }

  /** As {@link #write(KernelRun, Path, PrintStream)}, masking small counts in the tables when asked. */
  public static Path write(KernelRun run, Path out, PrintStream log, Optional<SmallCellSuppression> suppression) {
    return write(run, out, log, suppression, false);
  }

  /**
   * As above; with {@code mayReuse}, when the target already holds the output of a render with the
   * same key (every input's hash, the kernel's class path and the suppression threshold) and every
   * file it lists still has its hash, those files are carried over instead of rendered again: a
   * render is a pure function of that key, and rendering (FreeMarker, flexmark, POI) dominated a
   * cached run. The manifest is always new. {@code check} never reuses: it renders from scratch.
   */
  public static Path write(KernelRun run, Path out, PrintStream log, Optional<SmallCellSuppression> suppression,
      boolean mayReuse) {
    return write(run, out, log, suppression, mayReuse ? Reuse.RENDER : Reuse.NOTHING);
  }

  /** What a render may take from the study's work folder instead of doing it again. */
  public enum Reuse {
    /** Nothing: every output is rendered and every figure drawn ({@code check}, {@code verify}). */
    NOTHING,
    /**
     * The Word file's figure PNGs drawn before from the same SVG bytes by the same rasteriser
     * ({@link FigureRasters}); every output is still rendered ({@code run --no-cache}).
     */
    RASTERS,
    /** The previous render's files when its key matches; else as {@link #RASTERS} ({@code run}). */
    RENDER
  }

  /** As above, taking from the work folder what {@code reuse} allows. */
  public static Path write(KernelRun run, Path out, PrintStream log, Optional<SmallCellSuppression> suppression,
      Reuse reuse) {
    boolean mayReuse = reuse == Reuse.RENDER;
    Path target = OutputFolder.resolve(run.study(), out);
    Path staging = OutputFolder.staging(target);
    String key = renderKey(run, suppression);
    boolean done = false;
    try {
      long t = System.nanoTime();
      boolean reused = mayReuse && reuse(target, staging, key, run);
      Stages stages = new Stages();
      if (!reused) {
        render(run, staging, suppression, key, reuse == Reuse.NOTHING ? FigureRasters.drawn() : rasters(run.study()),
            stages);
      }
      // Said to the author only: naming the value would undo the mask in a shared output.
      stages.warnings.forEach(w -> log.println("studybook: suppression: " + w));
      OutputFolder.swap(staging, target);
      done = true;
      rememberKey(run.study(), target, key);
      log.printf(Locale.ROOT, "studybook: render %s (%d ms%s)%n", run.study().display(target),
          (System.nanoTime() - t) / 1_000_000, reused ? ", unchanged: files carried over" : ": " + stages);
      log.flush();
      return target;
    } finally {
      if (!done) {
        OutputFolder.deleteTree(staging);
      }
    }
  }

  static String renderKey(KernelRun run, Optional<SmallCellSuppression> suppression) {
    return renderKey(run.study(), run.inputHashes(), suppression);
  }

  /**
   * Whether {@code out} already holds a render of the study's current inputs, judged before anything
   * runs (the key needs only the inputs' hashes, as {@code RunInputs} read them): lets a run skip preparing a
   * render it will not do.
   */
  public static boolean holdsRenderOf(Study study, Map<String, String> inputs, Path out,
      Optional<SmallCellSuppression> suppression) {
    Path target = OutputFolder.resolve(study, out);
    return Files.isRegularFile(target.resolve("manifest.json"))
        && renderKey(study, inputs, suppression).equals(rememberedKey(study, target));
  }

  /** The render key is machine-specific (class path), so it is kept in the work folder, not the manifest. */
  private static void rememberKey(Study study, Path target, String key) {
    try {
      Path f = OutputFolder.renderKeyFile(study, target);
      Files.createDirectories(f.getParent());
      Files.writeString(f, key);
    } catch (IOException e) {
      // Without it the next run renders again; nothing else is lost.
    }
  }

  private static String rememberedKey(Study study, Path target) {
    try {
      return Files.readString(OutputFolder.renderKeyFile(study, target)).strip();
    } catch (IOException e) {
      return null;
    }
  }

  private static String renderKey(Study study, Map<String, String> inputHashes,
      Optional<SmallCellSuppression> suppression) {
    StringBuilder k = new StringBuilder("render 1\n");
    inputHashes.forEach((name, hash) -> k.append(name).append('=').append(hash).append('\n'));
    k.append("classpath=").append(studybook.kernel.Provenance.classpathHash(study.workDir())).append('\n');
    k.append("suppress=").append(suppression.map(x -> Integer.toString(x.threshold())).orElse("none")).append('\n');
    return Hashes.of(k.toString());
  }

  /** Copies the previous render into {@code staging} when its key matches and its files are intact. */
  private static boolean reuse(Path target, Path staging, String key, KernelRun run) {
    ObjectNode previous;
    try {
      Path manifest = target.resolve("manifest.json");
      if (!Files.isRegularFile(manifest)) {
        return false;
      }
      previous = (ObjectNode) JSON.readTree(Files.readAllBytes(manifest));
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (!key.equals(rememberedKey(run.study(), target)) || !previous.path("outputs").isObject()) {
      return false;
    }
    Map<String, String> outputs = new TreeMap<>();
    previous.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
    try {
      for (Map.Entry<String, String> o : outputs.entrySet()) {
        Path from = target.resolve(o.getKey()).normalize();
        if (!from.startsWith(target) || !Files.isRegularFile(from)
            || !Hashes.ofFile(from).equals(o.getValue())) {
          return false;
        }
      }
      for (String name : outputs.keySet()) {
        Path to = staging.resolve(name);
        Files.createDirectories(to.getParent());
        Files.copy(target.resolve(name), to);
      }
      ObjectNode manifest = run.manifest();
      if (previous.has("suppression")) {
        manifest.set("suppression", previous.get("suppression"));
      }
      ObjectNode o = manifest.putObject("outputs");
      outputs.forEach(o::put);
      writeText(staging, "manifest.json", json(manifest), new TreeMap<>());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The standalone page of a run (report.html's content without its Content-Security-Policy element),
   * rendered in memory and written nowhere: {@code serve}'s preview, which sends its own policy.
   */
  public static String page(KernelRun run) {
    return preview(run, new Templates(run.study().dir().resolve("templates")), false);
  }

  /**
   * {@link #page(KernelRun)} with every table a template placed by {@code <@table/>} (its caption and notes)
   * and every figure marked {@code data-sb-cell="cellName"}: serve's page, whose click on a table or figure
   * shows the cell that made it. Each block of the document knows its cell; rendered in memory only,
   * report.html never carries the marks.
   */
  public static String pageWithCells(KernelRun run) {
    return preview(run, new Templates(run.templates()), true);
  }

  /** serve's page of {@code run} in pieces (its document, each block's HTML, the page around them): see {@link LivePage}. */
  public static LivePage livePage(KernelRun run) {
    return livePage(run, null);
  }

  /**
   * {@link #livePage(KernelRun)}, built incrementally from {@code previous} (the page of an earlier run of the
   * study, or null): a cell whose result has the same fingerprint ({@link KernelRun#changedSince}) under the same
   * settings keeps what it made there: its figure is not drawn again, its tables are not made again from the
   * result ({@code display()}), and its table and figure blocks are the previous document's very blocks. The
   * template is rendered and the prose built anew (any number in it may come from any cell).
   */
  public static LivePage livePage(KernelRun run, LivePage previous) {
    Study study = run.study();
    LivePage.Reuse reuse = previous == null ? LivePage.Reuse.NONE : previous.reuse(run);
    Templates templates = new Templates(run.templates());
    ReportFigures figures = ReportFigures.of(run, NumberStyle.of(study.settings()), reuse.figures(), reuse.cells());
    ReportTables tables = new ReportTables(TableRenderer.of(study.settings(), study.synthetic()), Optional.empty());
    tables.reuse(reuse.displayed());
    studybook.report.doc.Document doc = templates.build(run, figures, tables, templates.source(run, figures, tables),
        reuse.blocks());
    return new LivePage(run, templates, doc, new HtmlOut(tables.renderer(), figures, true), figures, tables.displayed());
  }

  /**
   * Every number the report's text prints through the number helpers, in reading order, each with its
   * kind, value and result path: built from the same document a render writes (without suppression).
   */
  public static List<studybook.report.doc.Inline.NumberMark> numbers(KernelRun run) {
    Study study = run.study();
    ReportTables tables = new ReportTables(TableRenderer.of(study.settings(), study.synthetic()), Optional.empty());
    return new Templates(run.templates()).document(run, ReportFigures.of(run, NumberStyle.of(study.settings())), tables)
        .numbers();
  }

  private static String preview(KernelRun run, Templates templates, boolean cellMarks) {
    ReportFigures figures = ReportFigures.of(run, NumberStyle.of(run.study().settings()));
    Study study = run.study();
    ReportTables tables = new ReportTables(TableRenderer.of(study.settings(), study.synthetic()), Optional.empty());
    studybook.report.doc.Document doc = templates.document(run, figures, tables);
    return templates.page(run, doc, figures, tables.renderer(), cellMarks);
  }

  /**
   * The page of {@code run} as {@link #page} would render it, taken from {@code out}/report.html when
   * that folder holds a render of the same key (every input's hash, the class path, no suppression) and
   * the file still has the hash its manifest lists: a render is a pure function of that key, so a
   * preview's first page need not pay for FreeMarker, flexmark and the figures again.
   */
  public static String page(KernelRun run, Path out) {
    return renderedPage(run, out).orElseGet(() -> page(run));
  }

  /** The page of {@code run} from {@code out}/report.html when {@link #page(KernelRun, Path)} may reuse it, else empty. */
  public static Optional<String> renderedPage(KernelRun run, Path out) {
    Path target = OutputFolder.resolve(run.study(), out);
    String key = renderKey(run, Optional.empty());
    try {
      Path html = target.resolve("report.html");
      Path manifest = target.resolve("manifest.json");
      if (key.equals(rememberedKey(run.study(), target)) && Files.isRegularFile(html) && Files.isRegularFile(manifest)) {
        byte[] bytes = Files.readAllBytes(html);
        String listed = JSON.readTree(Files.readAllBytes(manifest)).path("outputs").path("report.html").asText("");
        String policy = "\n<meta http-equiv=\"Content-Security-Policy\" content=\"" + PageParts.CONTENT_SECURITY_POLICY
            + "\">";
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (listed.equals(Hashes.of(bytes)) && text.contains(policy)) {
          return Optional.of(text.replace(policy, ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // rendered by the caller
    }
    return Optional.empty();
  }

  /** Writes every output file into {@code dir}, which must exist. */
  public static void render(KernelRun run, Path dir) {
    render(run, dir, Optional.empty());
  }

  /**
   * Writes every output file into {@code dir}; with a suppression rule, report.md (and so the page
   * and the Word file) shows masked counts and the manifest lists them under "suppression".
   */
  public static void render(KernelRun run, Path dir, Optional<SmallCellSuppression> suppression) {
    render(run, dir, suppression, renderKey(run, suppression), FigureRasters.drawn());
  }

  /**
   * The study's kept figure rasters ({@code .studybook/rasters/}), valid for this class path (Batik, the
   * shipped fonts and the drawing code) and this JDK (its 2D renderer and PNG encoder make the pixels and bytes).
   */
  private static FigureRasters rasters(Study study) {
    return FigureRasters.keptIn(study.workDir().resolve("rasters"), "classpath="
        + studybook.kernel.Provenance.classpathHash(study.workDir()) + "\njava=" + Runtime.version()
        + "\nvm=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
        + "\narch=" + System.getProperty("os.arch"));
  }

  private static void render(KernelRun run, Path dir, Optional<SmallCellSuppression> suppression, String key,
      FigureRasters rasters) {
    render(run, dir, suppression, key, rasters, new Stages());
  }

  /** How long each part of a render took, in the order they ran: the run log's breakdown of "render". */
  static final class Stages {
    private final Map<String, Long> millis = new java.util.LinkedHashMap<>();
    /** What the small-cell suppression has to tell the author (never written into the outputs). */
    final List<String> warnings = new java.util.ArrayList<>();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      millis.merge(stage, (now - last) / 1_000_000, Long::sum);
      last = now;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      millis.forEach((stage, ms) -> b.append(b.length() == 0 ? "" : ", ").append(stage).append(' ').append(ms));
      return b.toString();
    }
  }

  private static void render(KernelRun run, Path dir, Optional<SmallCellSuppression> suppression, String key,
      FigureRasters rasters, Stages stages) {
    Templates templates = new Templates(run.templates());
    Study study = run.study();
    // With suppression, one ledger knows every count the folder prints (SmallCellSuppressionLedger).
    SmallCellSuppressionLedger ledger = suppression.map(x -> new SmallCellSuppressionLedger(x, run.results()))
        .orElse(null);
    ReportFigures figures;
    ReportTables tables;
    studybook.report.doc.Document doc;
    List<SmallCellSuppression.MaskedCell> masked;
    if (ledger == null) {
      tables = new ReportTables(TableRenderer.of(study.settings(), study.synthetic()), suppression);
      figures = ReportFigures.of(run, NumberStyle.of(study.settings()));
      // The Word file's PNGs are drawn (or read) on a thread of their own while the other outputs render.
      prepareRasters(figures, rasters);
      stages.lap("figures");
      doc = templates.document(run, figures, tables);
      stages.lap("document");
      masked = new java.util.ArrayList<>(tables.masked());
    } else {
      // One pass: the template is rendered once, its tables, figures and numbers typed marks; the ledger
      // then solves once knowing every count the folder prints (tables, flow figures, the counts the text
      // and hand-laid tables print), and the marks are masked before the document is built from them (its
      // heading ids from the masked text). The template's figures are only named there; the figures the
      // document holds are drawn with the solved ledger.
      tables = new ReportTables(TableRenderer.of(study.settings(), study.synthetic()), ledger);
      ReportFigures names = ReportFigures.names(run);
      String source = templates.source(run, names, tables);
      ledger.solve(tables.marks().printedCounts());
      // Tables a template lays out by hand have no model: the same rule on their typed cells, decided before
      // the document is built. A value their totals force to be masked is then treated as a masked count's
      // value (the ledger learns it); the rule is decided again on the same cells until nothing new is learnt.
      List<DocumentSuppression.HandTable> hand = templates.handLaidTables(names, tables, source);
      DocumentSuppression.Plan plan = DocumentSuppression.plan(hand, suppression.get(), ledger::risky);
      while (ledger.learn(plan.values())) {
        plan = DocumentSuppression.plan(hand, suppression.get(), ledger::risky);
      }
      tables.settle();
      figures = ReportFigures.of(run, ledger.figureStyle(NumberStyle.of(study.settings())), ledger::masked,
          suppression.get().mask());
      // The one document, built from the masked marks, its hand-laid tables' cells masked in place.
      DocumentSuppression s = DocumentSuppression.apply(templates.build(run, figures, tables, source), plan,
          suppression.get());
      stages.lap("document");
      stages.warnings.addAll(ledger.warnings());
      doc = s.document();
      masked = new java.util.ArrayList<>(tables.masked());
      masked.addAll(s.masked());
      masked.addAll(ledger.maskedFigureCells());
      // The mask is explained once, at the end, wherever it was printed (tables, text or figures).
      String mask = suppression.get().mask();
      String md = MarkdownOut.write(doc, tables.renderer(), NumberStyle.of(study.settings()));
      if (md.contains(mask.replace("[", "\\[").replace("]", "\\]")) || md.contains(mask)
          || figures.svg().values().stream().anyMatch(svg -> svg.contains(mask))) {
        String legend = NumberStyle.of(study.settings()).md(suppression.get().legend());
        doc = doc.append(new studybook.report.doc.Block.Paragraph(List.of(new studybook.report.doc.Inline.Emphasis(
            List.of(new studybook.report.doc.Inline.Text(suppression.get().legend())))), "*" + legend + "*\n"),
            MarkdownOut.AFTER_STRIPPED);
      }
      // The figures are final (their masked counts) only now.
      prepareRasters(figures, rasters);
      stages.lap("figures");
    }
    // Every output is written from the one document. The page renders on a thread of its own meanwhile
    // (FreeMarker's configuration is thread-safe; the document is immutable).
    studybook.report.doc.Document finalDoc = doc;
    ReportFigures finalFigures = figures;
    TableRenderer renderer = tables.renderer();
    java.util.concurrent.FutureTask<String> page = new java.util.concurrent.FutureTask<>(() ->
        PageParts.withContentSecurityPolicy(templates.page(run, finalDoc, finalFigures, renderer, false),
            Study.PAGE_TEMPLATE));
    Thread pageThread = new Thread(page, "studybook-render-page");
    pageThread.setDaemon(true);
    pageThread.start();
    Map<String, String> outputs = new TreeMap<>();
    writeText(dir, "report.md", MarkdownOut.write(doc, renderer, NumberStyle.of(study.settings())), outputs);
    DocxDocument docx = DocxFromDocument.convert(doc, renderer);
    stages.lap("docx model");
    writeBytes(dir, "report.docx", DocxWriter.bytes(docx, rasters, study.referenceDocx().map(f ->
        studybook.report.docx.ReferenceDocx.styles(f, "study.properties: style.reference_docx")),
        study.referenceDocx().map(f -> studybook.report.docx.ReferenceDocx.page(f, "study.properties: style.reference_docx"))
            .orElse(studybook.report.docx.PageSetup.A4)), outputs);
    rasters.finish();
    stages.lap("docx");
    figures.svg().forEach((name, svg) -> writeText(dir, "figures/" + name + ".svg", svg, outputs));
    // Raw results hold every count at full precision: a suppressed report leaves them out.
    if (suppression.isEmpty()) {
      writeText(dir, "results.json", json(run.resultsJson()), outputs);
    }
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, Object> e : run.results().entrySet()) {
      if (e.getValue() instanceof Tabular t) {
        String name = t.tableName() == null || t.tableName().isEmpty() ? e.getKey() : t.tableName();
        if (!TABLE_NAME.matcher(name).matches()) {
          throw new StudybookException("cell '" + e.getKey() + "' returns a table named '" + name
              + "'; a table name is letters, digits, '.', '_' or '-'");
        }
        if (!names.add(name)) {
          throw new StudybookException("two results are tables named '" + name + "'; table names must be unique");
        }
        if (suppression.isEmpty()) {
          writeText(dir, "tables/" + name + ".csv", TableCsv.of(t), outputs);
        }
      }
    }
    ObjectNode manifest = run.manifest();
    if (suppression.isPresent()) {
      ObjectNode sup = manifest.putObject("suppression");
      sup.put("threshold", suppression.get().threshold());
      sup.put("shownAs", suppression.get().mask());
      sup.put("scope", "every count report.md, report.html, report.docx and the figures print: tables, their "
          + "notes and row details, flow boxes (complementary across all of them: no masked count follows from the "
          + "printed totals, missing values, percentages or splits), counts a template prints and numbers at risk "
          + "(masked when small, or of a masked count's value when no shown count has it); results.json and "
          + "tables/*.csv are not written; p-values, ratios, model estimates and degrees of freedom are not masked");
      var cells = sup.putArray("masked");
      for (SmallCellSuppression.MaskedCell m : masked) {
        ObjectNode c = cells.addObject();
        c.put("table", m.table());
        c.put("row", m.row());
        c.put("column", m.column());
        c.put("reason", m.reason().name().toLowerCase(Locale.ROOT));
      }
    }
    stages.lap("other files");
    writeText(dir, "report.html", joined(page), outputs);
    stages.lap("html (wait)");
    ObjectNode o = manifest.putObject("outputs");
    outputs.forEach(o::put);
    writeText(dir, "manifest.json", json(manifest), outputs);
  }

  /** Starts drawing (or reading the kept copies of) the Word file's PNGs of these figures. */
  private static void prepareRasters(ReportFigures figures, FigureRasters rasters) {
    List<studybook.report.docx.DocxFigure> drawings = new java.util.ArrayList<>();
    figures.svg().forEach((name, svg) -> {
      try {
        drawings.add(new studybook.report.docx.DocxFigure("", name, svg));
      } catch (IllegalArgumentException e) {
        // not drawable as a Word picture; the Word file says so where it places it
      }
    });
    rasters.prepare(drawings);
  }

  /** The task's answer, its exception rethrown as it was thrown. */
  private static String joined(java.util.concurrent.FutureTask<String> task) {
    try {
      return task.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StudybookException("interrupted while rendering report.html");
    }
  }

  private static void writeText(Path dir, String name, String text, Map<String, String> outputs) {
    writeBytes(dir, name, text.getBytes(StandardCharsets.UTF_8), outputs);
  }

  private static void writeBytes(Path dir, String name, byte[] bytes, Map<String, String> outputs) {
    try {
      Path f = dir.resolve(name);
      Files.createDirectories(f.getParent());
      Files.write(f, bytes);
    } catch (IOException e) {
      throw new StudybookException("cannot write " + name + ": " + studybook.IoProblem.describe(e));
    }
    outputs.put(name, Hashes.of(bytes));
  }

  /** Pretty JSON with '\n' line ends and a final newline, whatever the platform. */
  public static String json(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The files {@code check} compares byte for byte: everything but the manifest. */
  public static boolean isReproducible(String relativeName) {
    return !relativeName.equals("manifest.json");
  }

}
