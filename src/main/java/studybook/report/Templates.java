package studybook.report;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import studybook.StudybookException;
import studybook.kernel.KernelRun;
import studybook.kernel.Study;
import studybook.kernel.TemplateFiles;

/**
 * Renders a run through the study's templates: {@code report.md.ftl} to Markdown, then flexmark
 * turns that into HTML which {@code page.html.ftl} wraps into a standalone page. The templates are
 * sandboxed: no {@code ?new}, no {@code ?api}, no class access, only the members
 * {@link SandboxWrapper} exposes. Raw HTML in the Markdown is escaped, not passed through.
 */
public final class Templates {
  /** The built-in macro library, included in every template. */
  static final String LIBRARY = "studybook-builtins.ftl";
  private static final String LIBRARY_TEXT = "<#macro table result caption=\"\">${studybookTable(result, caption)}</#macro>";
  /** The page a study without its own {@code templates/page.html.ftl} gets. */
  static final String DEFAULT_PAGE = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>${title}</title>
      <style>
      ${css}</style>
      </head>
      <body>
      ${header}
      ${toc}
      <main>
      ${content}
      </main>
      </body>
      </html>
      """;

  private final Configuration cfg;
  private final TemplateFiles files;
  private final MutableDataSet options;
  private final Parser parser;

  /** Templates read from {@code templateDir} now (tests, tools); a run renders from {@link KernelRun#templates()}. */
  public Templates(Path templateDir) {
    this(TemplateFiles.read(templateDir));
  }

  /**
   * Templates rendered from {@code files}, the bytes read (and hashed) once at the start of the run: FreeMarker
   * never opens a template file itself, so what is rendered is what the manifest's hash describes.
   */
  public Templates(TemplateFiles files) {
    this.files = files;
    cfg = new Configuration(Configuration.VERSION_2_3_33);
    // The study's templates first; built in: the page (page.html.ftl) and the macro library (tables).
    StringTemplateLoader builtIn = new StringTemplateLoader();
    builtIn.putTemplate(Study.PAGE_TEMPLATE.substring(Study.PAGE_TEMPLATE.indexOf('/') + 1), DEFAULT_PAGE);
    builtIn.putTemplate(LIBRARY, LIBRARY_TEXT);
    cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {new BytesLoader(files), builtIn}));
    cfg.addAutoInclude(LIBRARY);
    cfg.setDefaultEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setLocalizedLookup(false);
    cfg.setCustomNumberFormats(java.util.Map.of(WholeNumberFormat.NAME, WholeNumberFormat.FACTORY));
    cfg.setNumberFormat("@" + WholeNumberFormat.NAME);
    cfg.setBooleanFormat("c");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setObjectWrapper(new SandboxWrapper());
    cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
    TemplateConfiguration html = new TemplateConfiguration();
    html.setOutputFormat(HTMLOutputFormat.INSTANCE);
    cfg.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.html.ftl"),
        html));
    options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    options.set(HtmlRenderer.ESCAPE_HTML, true);
    options.set(HtmlRenderer.SOFT_BREAK, "\n");
    // Heading ids for the table of contents; PageParts.toc computes the same ids from the same tree.
    options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
    options.set(HtmlRenderer.RENDER_HEADER_ID, true);
    parser = Parser.builder(options).build();
  }

  /** The Markdown report without figures (a run none of whose cells returns one). */
  public String markdown(KernelRun run) {
    NumberStyle style = NumberStyle.of(run.study().settings());
    return markdown(run, ReportFigures.of(run, style));
  }

  /**
   * The Markdown report: every cell result under its name, {@code study} (the settings), {@code fmt}
   * and {@code figure(name)}, which prints a figure as a Markdown image of figures/&lt;name&gt;.svg.
   */
  public String markdown(KernelRun run, ReportFigures figures) {
    return markdown(run, figures, new ReportTables(TableRenderer.of(run.study().settings(), run.study().synthetic()),
        java.util.Optional.empty()));
  }

  /**
   * The Markdown report, tables placed by {@code <@table result/>} (or {@code <@table "cellName"/>},
   * with an optional {@code caption="..."}) rendered through {@code tables}.
   */
  String markdown(KernelRun run, ReportFigures figures, ReportTables tables) {
    Study study = run.study();
    NumberStyle style = tables.markdownStyle(NumberStyle.of(study.settings()));
    Map<String, Object> model = new LinkedHashMap<>(run.results());
    model.put("study", study.settings());
    model.put("fmt", style);
    // A cell may be named 'figure'; its result then wins and the template writes the image itself.
    model.putIfAbsent("figure", (TemplateMethodModelEx) args -> {
      if (args.size() != 1) {
        throw new TemplateModelException("figure(name) takes one argument, the figure's cell name");
      }
      Object a = args.get(0);
      String name = a instanceof TemplateScalarModel t ? t.getAsString() : String.valueOf(a);
      try {
        return figures.markdown(name, style);
      } catch (StudybookException e) {
        // As a template error, so the message says where in the template the bad name is.
        throw new TemplateModelException(e.getMessage());
      }
    });
    model.put("studybookTable", (TemplateMethodModelEx) args -> {
      if (args.size() != 2) {
        throw new TemplateModelException("table takes a cell's result (or its name) and an optional caption");
      }
      Object a = args.get(0);
      String caption = args.get(1) instanceof TemplateScalarModel c ? c.getAsString() : "";
      String name;
      Object result;
      if (a instanceof TemplateScalarModel t && !(a instanceof freemarker.template.AdapterTemplateModel)
          && !(a instanceof freemarker.ext.util.WrapperTemplateModel)) {
        name = t.getAsString();
        if (!run.results().containsKey(name)) {
          throw new TemplateModelException("table \"" + name + "\": no cell of that name"
              + studybook.Names.didYouMean(name, run.results().keySet()));
        }
        result = run.results().get(name);
      } else {
        result = freemarker.template.utility.DeepUnwrap.unwrap((freemarker.template.TemplateModel) a);
        name = run.results().entrySet().stream().filter(e -> e.getValue() == result).map(Map.Entry::getKey)
            .findFirst().orElse("?");
      }
      try {
        return tables.markdown(name, result, caption);
      } catch (StudybookException e) {
        throw new TemplateModelException(e.getMessage());
      }
    });
    // Whether the study has its own report template is judged on the same bytes the report renders from.
    if (files.bytes(Study.REPORT_TEMPLATE.substring(Study.REPORT_TEMPLATE.indexOf('/') + 1)).isEmpty()) {
      return DefaultReport.markdown(run, figures, tables, style);
    }
    return render(Study.REPORT_TEMPLATE, model);
  }

  /** The Markdown parsed as the page parses it, for outputs built from the same tree (report.docx). */
  Document parse(String markdown) {
    return parser.parse(markdown);
  }

  /** Markdown to an HTML fragment; raw HTML in the Markdown comes out escaped. */
  public String htmlFragment(String markdown) {
    return htmlFragment(markdown, null);
  }

  /**
   * Markdown to an HTML fragment in which every image of a known figure (figures/&lt;name&gt;.svg)
   * is that figure's SVG inline, and every other image is its alt text: the page makes no requests.
   * Each table sits in a {@code <div class="table-wrap">} so that a wide table scrolls on its own.
   */
  public String htmlFragment(String markdown, ReportFigures figures) {
    return html(parser.parse(markdown), figures, null);
  }

  private String html(Document document, ReportFigures figures, CellMarks marks) {
    HtmlRenderer.Builder b = HtmlRenderer.builder(options).extensions(List.of(new InlineFigures(figures, marks != null)));
    if (marks != null) {
      b.attributeProviderFactory(marks);
    }
    // Raw HTML in the Markdown is escaped, so every "<table>" here is one flexmark made.
    String html = b.build().render(document).replace("<table>", "<div class=\"table-wrap\"><table>")
        .replace("</table>", "</table></div>");
    // serve's page: the cell that made a placed table marks its scrolling box (the click target).
    return marks == null ? html : CELL_TABLE.matcher(html).replaceAll("<div class=\"table-wrap\" $1><table>");
  }

  private static final java.util.regex.Pattern CELL_TABLE = java.util.regex.Pattern.compile(
      "<table (data-sb-cell=\"[A-Za-z0-9_$.-]*\")>");

  /**
   * flexmark attributes for serve's page: every top-level block (caption paragraph, table, notes) that lies
   * inside the Markdown one {@code <@table/>} printed gets {@code data-sb-cell} naming the cell whose result
   * it is. The Markdown is searched for each placement's text in order, so a table printed twice is found twice.
   */
  private static final class CellMarks extends com.vladsch.flexmark.html.IndependentAttributeProviderFactory {
    private final int[] starts;
    private final int[] ends;
    private final String[] cells;

    CellMarks(String markdown, List<ReportTables.Placement> placed) {
      List<int[]> ranges = new java.util.ArrayList<>();
      List<String> names = new java.util.ArrayList<>();
      int from = 0;
      for (ReportTables.Placement p : placed) {
        int at = p.markdown().isEmpty() ? -1 : markdown.indexOf(p.markdown(), from);
        if (at >= 0) {
          ranges.add(new int[] {at, at + p.markdown().length()});
          names.add(p.cell());
          from = at + p.markdown().length();
        }
      }
      starts = ranges.stream().mapToInt(r -> r[0]).toArray();
      ends = ranges.stream().mapToInt(r -> r[1]).toArray();
      cells = names.toArray(String[]::new);
    }

    @Override
    public com.vladsch.flexmark.html.AttributeProvider apply(com.vladsch.flexmark.html.renderer.LinkResolverContext c) {
      return (node, part, attributes) -> {
        if (part != com.vladsch.flexmark.html.renderer.AttributablePart.NODE || !(node.getParent() instanceof Document)) {
          return;
        }
        int at = node.getStartOffset();
        for (int i = 0; i < starts.length; i++) {
          if (at >= starts[i] && at < ends[i]) {
            attributes.replaceValue("data-sb-cell", cells[i]);
            return;
          }
        }
      };
    }
  }

  /** The standalone page without figures. */
  public String page(KernelRun run, String markdown) {
    return page(run, markdown, null);
  }

  /**
   * The standalone page. Its template gets {@code title}, {@code body} (the whole report as HTML),
   * {@code content} (the same without the Markdown's title heading and synthetic banner, which
   * {@code header} shows), {@code css} (the built-in stylesheet), {@code header} (title, banner,
   * data SHA-256, studybook version; the git commit stays in the manifest so the page's bytes depend
   * on the inputs only), {@code toc} (contents from the headings), the same facts as text
   * ({@code dataFile}, {@code dataSha256}, {@code studybookVersion}), {@code study}, {@code synthetic}, {@code syntheticNote} and {@code fmt}.
   */
  public String page(KernelRun run, String markdown, ReportFigures figures) {
    return page(run, markdown, figures, null);
  }

  /**
   * The page as {@link #page(KernelRun, String, ReportFigures)} renders it, with each table that
   * {@code <@table/>} placed and each figure marked by the cell that made it ({@code data-sb-cell}):
   * {@code serve}'s preview only; report.html never carries these marks.
   */
  String pageWithCells(KernelRun run, String markdown, ReportFigures figures, List<ReportTables.Placement> placed) {
    return page(run, markdown, figures, new CellMarks(markdown, placed));
  }

  private String page(KernelRun run, String markdown, ReportFigures figures, CellMarks marks) {
    Study study = run.study();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", study.title());
    Document document = parser.parse(markdown);
    String toc = PageParts.toc(document, options);
    String body = html(document, figures, marks);
    unlinkTitleAndBanner(document, study);
    String content = html(document, figures, marks);
    try {
      // Markup, not text: the page prints it as it is (flexmark and PageParts escaped what needed it).
      model.put("body", HTMLOutputFormat.INSTANCE.fromMarkup(body));
      model.put("content", HTMLOutputFormat.INSTANCE.fromMarkup(content));
      model.put("css", HTMLOutputFormat.INSTANCE.fromMarkup(PageParts.CSS + PageParts.printCss(study.settings())));
      model.put("header", HTMLOutputFormat.INSTANCE.fromMarkup(PageParts.header(run, PageParts.studybookVersion())));
      model.put("toc", HTMLOutputFormat.INSTANCE.fromMarkup(toc));
    } catch (freemarker.template.TemplateModelException e) {
      throw new IllegalStateException(e);
    }
    model.put("dataFile", PageParts.dataName(study));
    model.put("dataSha256", PageParts.dataHash(run));
    model.put("studybookVersion", PageParts.studybookVersion());
    model.put("study", study.settings());
    model.put("synthetic", study.synthetic());
    model.put("syntheticNote", study.syntheticNote());
    model.put("fmt", NumberStyle.of(study.settings()));
    return render(Study.PAGE_TEMPLATE, model);
  }

  /** Drops the first level-1 heading that is the title and the block quote that is the synthetic note. */
  private static void unlinkTitleAndBanner(Document document, Study study) {
    boolean title = false;
    boolean banner = !study.synthetic();
    for (Node n = document.getFirstChild(); n != null && !(title && banner); ) {
      Node next = n.getNext();
      if (!title && n instanceof Heading h && h.getLevel() == 1 && MarkdownDocx.text(h).equals(study.title())) {
        n.unlink();
        title = true;
      } else if (!banner && n instanceof BlockQuote q && MarkdownDocx.text(q).equals(study.syntheticNote())) {
        n.unlink();
        banner = true;
      }
      n = next;
    }
  }

  private String render(String display, Map<String, Object> model) {
    String name = display.substring(display.indexOf('/') + 1);
    try {
      Template t = cfg.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(model, out);
      // Whatever a template printed (a title, a level, a note), no output carries a character XML and HTML forbid.
      return XmlChars.legal(out.toString());
    } catch (ParseException e) {
      throw new StudybookException(display + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": "
          + firstLine(e.getEditorMessage()));
    } catch (TemplateException e) {
      Integer line = e.getLineNumber();
      Integer column = e.getColumnNumber();
      String where = e.getTemplateSourceName() == null ? display : "templates/" + e.getTemplateSourceName();
      if (LIBRARY.equals(e.getTemplateSourceName()) && e.getFTLInstructionStack() != null) {
        // An error inside a built-in macro: point at the study template's line that called it.
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("in template \"([^\"]+)\" at line (\\d+), column (\\d+)").matcher(e.getFTLInstructionStack());
        while (m.find()) {
          if (!m.group(1).equals(LIBRARY)) {
            where = "templates/" + m.group(1);
            line = Integer.valueOf(m.group(2));
            column = Integer.valueOf(m.group(3));
            break;
          }
        }
      }
      throw new StudybookException(where + (line == null ? "" : ":" + line + (column == null ? "" : ":" + column))
          + ": " + firstLine(e.getMessageWithoutStackTop()));
    } catch (IOException e) {
      throw new StudybookException(display + ": cannot be read: " + e.getMessage());
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "template error";
    }
    // FreeMarker appends tips after a "----" rule; the statement before it is the useful part.
    int tips = message.indexOf("\n----");
    String head = tips > 0 ? message.substring(0, tips) : message;
    String joined = head.strip().replaceAll("\\s*\\R\\s*", " ");
    return joined.length() > 400 ? joined.substring(0, 400) + " ..." : joined;
  }

  /** A FreeMarker loader over the bytes of {@link TemplateFiles}, decoded with the configured encoding (UTF-8). */
  private static final class BytesLoader implements TemplateLoader {
    private final TemplateFiles files;

    BytesLoader(TemplateFiles files) {
      this.files = files;
    }

    @Override
    public Object findTemplateSource(String name) {
      return files.bytes(name).isPresent() ? name : null;
    }

    @Override
    public long getLastModified(Object source) {
      return 0;
    }

    @Override
    public java.io.Reader getReader(Object source, String encoding) throws IOException {
      byte[] b = files.bytes((String) source).orElseThrow();
      return new java.io.InputStreamReader(new java.io.ByteArrayInputStream(b), encoding);
    }

    @Override
    public void closeTemplateSource(Object source) {}
  }
}
