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
import studybook.tables.Tabular;

/**
 * Writes a run's outputs: report.md, report.html, results.json, tables/&lt;name&gt;.csv for every
 * {@link Tabular} result, report.docx (built from report.md), figures/&lt;cell&gt;.svg for every figure result ({@link ReportFigures}),
 * and manifest.json. Nothing in them but the manifest depends on time or
 * machine, so two runs on the same inputs give the same bytes.
 */
public final class ReportWriter {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
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
    Path target = OutputFolder.resolve(run.study(), out);
    Path staging = OutputFolder.staging(target);
    boolean done = false;
    try {
      long t = System.nanoTime();
      render(run, staging, suppression);
      OutputFolder.swap(staging, target);
      done = true;
      log.printf(Locale.ROOT, "studybook: render %s (%d ms)%n", run.study().display(target),
          (System.nanoTime() - t) / 1_000_000);
      log.flush();
      return target;
    } finally {
      if (!done) {
        OutputFolder.deleteTree(staging);
      }
    }
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
    Templates templates = new Templates(run.study().dir().resolve("templates"));
    ReportFigures figures = ReportFigures.of(run, NumberStyle.of(run.study().settings()));
    String markdown = templates.markdown(run, figures);
    List<SmallCellSuppression.MaskedCell> masked = List.of();
    if (suppression.isPresent()) {
      SuppressedMarkdown s = SuppressedMarkdown.of(markdown, templates.parse(markdown), suppression.get());
      markdown = s.markdown();
      masked = s.masked();
    }
    String html = templates.page(run, markdown, figures);
    Map<String, String> outputs = new TreeMap<>();
    writeText(dir, "report.md", markdown, outputs);
    writeText(dir, "report.html", html, outputs);
    Study study = run.study();
    DocxDocument docx = MarkdownDocx.convert(templates.parse(markdown), study.title(),
        study.synthetic() ? Optional.of(study.syntheticNote()) : Optional.empty());
    writeBytes(dir, "report.docx", DocxWriter.bytes(docx), outputs);
    figures.svg().forEach((name, svg) -> writeText(dir, "figures/" + name + ".svg", svg, outputs));
    writeText(dir, "results.json", json(run.resultsJson()), outputs);
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, Object> e : run.results().entrySet()) {
      if (e.getValue() instanceof Tabular t) {
        String name = t.tableName();
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
          throw new StudybookException("cell '" + e.getKey() + "' returns a table named '" + name
              + "'; a table name is letters, digits, '.', '_' or '-'");
        }
        if (!names.add(name)) {
          throw new StudybookException("two results are tables named '" + name + "'; table names must be unique");
        }
        writeText(dir, "tables/" + name + ".csv", TableCsv.of(t), outputs);
      }
    }
    ObjectNode manifest = run.manifest();
    if (suppression.isPresent()) {
      ObjectNode sup = manifest.putObject("suppression");
      sup.put("threshold", suppression.get().threshold());
      sup.put("shownAs", suppression.get().mask());
      sup.put("scope", "tables of report.md, report.html and report.docx; not prose, figures, tables/*.csv "
          + "or results.json");
      var cells = sup.putArray("masked");
      for (SmallCellSuppression.MaskedCell m : masked) {
        ObjectNode c = cells.addObject();
        c.put("table", m.table());
        c.put("row", m.row());
        c.put("column", m.column());
        c.put("reason", m.reason().name().toLowerCase(Locale.ROOT));
      }
    }
    ObjectNode o = manifest.putObject("outputs");
    outputs.forEach(o::put);
    writeText(dir, "manifest.json", json(manifest), outputs);
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
      throw new StudybookException("cannot write " + name + ": " + e.getMessage());
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
