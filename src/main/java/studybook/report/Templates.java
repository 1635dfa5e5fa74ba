package studybook.report;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
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
 * Renders a run through the study's templates: {@code report.md.ftl} to the run's one
 * {@link studybook.report.doc.Document} (its Markdown parsed once, the helpers' tables, figures and
 * numbers typed marks), from which report.md, the HTML that {@code page.html.ftl} wraps into a standalone
 * page, and the Word file are each written. The templates are
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

  /**
   * How many times a report template (or {@link DefaultReport}) has been rendered in this JVM: a render
   * with small-cell suppression renders it once, as one without (a test reads it; nothing else does).
   */
  static final java.util.concurrent.atomic.AtomicLong REPORT_RENDERS = new java.util.concurrent.atomic.AtomicLong();

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
   * with an optional {@code caption="..."}) rendered through {@code tables}: report.md, written from
   * the {@link #document}.
   */
  String markdown(KernelRun run, ReportFigures figures, ReportTables tables) {
    Study study = run.study();
    return MarkdownOut.write(document(run, figures, tables), tables.renderer(),
        tables.markdownStyle(NumberStyle.of(study.settings())));
  }

  /**
   * The run's one document: the report template (or {@link DefaultReport}) rendered with every table,
   * figure and number its helpers place as a mark, parsed once, the marks made typed blocks and runs.
   */
  studybook.report.doc.Document document(KernelRun run, ReportFigures figures, ReportTables tables) {
    return build(run, figures, tables, source(run, figures, tables));
  }

  /**
   * The report template (or {@link DefaultReport}) rendered once, every table, figure and number its
   * helpers placed a mark in {@code tables.marks()}: what {@link #build} makes the document.
   */
  String source(KernelRun run, ReportFigures figures, ReportTables tables) {
    Study study = run.study();
    NumberStyle style = tables.markdownStyle(NumberStyle.of(study.settings()));
    // Each result as the template sees it, remembering the path of every value reached from it.
    Map<String, Object> model = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Object> e : run.results().entrySet()) {
        model.put(e.getKey(), PathModels.wrap(cfg.getObjectWrapper().wrap(e.getValue()), e.getKey()));
      }
      model.put("fmt", new TemplateNumbers(style, tables.marks(), cfg.getObjectWrapper()));
    } catch (TemplateModelException e) {
      throw new IllegalStateException(e);
    }
    model.put("study", study.settings());
    // A cell may be named 'figure'; its result then wins and the template writes the image itself.
    model.putIfAbsent("figure", (TemplateMethodModelEx) args -> {
      if (args.size() != 1) {
        throw new TemplateModelException("figure(name) takes one argument, the figure's cell name");
      }
      Object a = args.get(0);
      String name = a instanceof TemplateScalarModel t ? t.getAsString() : String.valueOf(a);
      try {
        return tables.marks().figure(name, figures.markdown(name, style), callLine());
      } catch (StudybookException e) {
        // As a template error, so the message says where in the template the bad name is.
        throw new TemplateModelException(e.getMessage());
      }
    });
    // ${ref("table3")}: "Table 3", the numbered caption of what that cell placed, as the document numbers it.
    model.putIfAbsent("ref", (TemplateMethodModelEx) args -> {
      if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel t)) {
        throw new TemplateModelException("ref(name) takes one argument, the name of the cell whose table or figure it"
            + " refers to");
      }
      // A cell's name or a hand-laid table's label ({#name}), which may come later in the report: the
      // document checks it, naming this line.
      return tables.marks().ref(t.getAsString(), callLine());
    });
    model.put("studybookTable", (TemplateMethodModelEx) args -> {
      if (args.size() != 2) {
        throw new TemplateModelException("table takes a cell's result (or its name) and an optional caption");
      }
      Object a = args.get(0);
      // Its number marks are resolved where the table is placed (after masking, when suppressing).
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
        result = freemarker.template.utility.DeepUnwrap.unwrap(PathModels.target((freemarker.template.TemplateModel) a));
        name = run.results().entrySet().stream().filter(e -> e.getValue() == result).map(Map.Entry::getKey)
            .findFirst().orElse("?");
      }
      try {
        tables.marks().nextTableLine(callLine());
        return tables.place(name, result, caption);
      } catch (StudybookException e) {
        throw new TemplateModelException(e.getMessage());
      }
    });
    // Whether the study has its own report template is judged on the same bytes the report renders from.
    REPORT_RENDERS.incrementAndGet();
    String source = files.bytes(Study.REPORT_TEMPLATE.substring(Study.REPORT_TEMPLATE.indexOf('/') + 1)).isEmpty()
        ? DefaultReport.markdown(run, figures, tables, style) : render(Study.REPORT_TEMPLATE, model);
    return source;
  }

  /**
   * Where in the study's templates the helper being called was written ("templates/report.md.ftl:12"),
   * or "" outside a template: what an error about a table or a cross-reference found only once the
   * document is built names.
   */
  static String callLine() {
    freemarker.core.Environment env = freemarker.core.Environment.getCurrentEnvironment();
    if (env == null) {
      return "";
    }
    for (freemarker.core.TemplateElement e : freemarker.core._CoreAPI.getInstructionStackSnapshot(env)) {
      if (e != null && e.getTemplate() != null && !LIBRARY.equals(e.getTemplate().getSourceName())) {
        return "templates/" + e.getTemplate().getSourceName() + ":" + e.getBeginLine();
      }
    }
    return "";
  }

  /**
   * The document of a rendered {@link #source}: parsed once, its marks made typed blocks and runs as
   * {@code tables.marks()} holds them now (masked, when suppressing), its heading ids from that text.
   */
  studybook.report.doc.Document build(KernelRun run, ReportFigures figures, ReportTables tables, String source) {
    return build(run, figures, tables, source, Map.of());
  }

  /** As above, a table or figure block equal to one of {@code previous} being that block (serve's incremental build). */
  studybook.report.doc.Document build(KernelRun run, ReportFigures figures, ReportTables tables, String source,
      Map<studybook.report.doc.Block, studybook.report.doc.Block> previous) {
    Study study = run.study();
    tables.marks().cells(run.results().keySet());
    String template = files.bytes(Study.REPORT_TEMPLATE.substring(Study.REPORT_TEMPLATE.indexOf('/') + 1))
        .map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).orElse("");
    return new DocumentBuilder(parser, options, tables.marks(), figures, template).reusing(previous).build(source,
        study.title(),
        study.synthetic() ? java.util.Optional.of(study.syntheticNote()) : java.util.Optional.empty());
  }

  /**
   * The tables laid out by hand in a rendered {@link #source}, their number marks as printed (before
   * {@link ReportTables#settle()} masks them): what small-cell suppression decides on before the one
   * {@link #build}.
   */
  List<DocumentSuppression.HandTable> handLaidTables(ReportFigures figures, ReportTables tables, String source) {
    return new DocumentBuilder(parser, options, tables.marks(), figures).handLaidTables(source);
  }

  /** Markdown to an HTML fragment; raw HTML in the Markdown comes out escaped. */
  public String htmlFragment(String markdown) {
    return htmlFragment(markdown, null);
  }

  /**
   * Markdown to an HTML fragment, through the same document and writer as the page: every image of a
   * known figure (figures/&lt;name&gt;.svg) is that figure's SVG inline, every other image its alt text.
   * Each table sits in a {@code <div class="table-wrap">} so that a wide table scrolls on its own.
   */
  public String htmlFragment(String markdown, ReportFigures figures) {
    ReportFigures known = figures == null ? ReportFigures.none() : figures;
    NumberStyle style = NumberStyle.of(Map.of());
    studybook.report.doc.Document doc = new DocumentBuilder(parser, options, new Marks(), known)
        .build(markdown, "", java.util.Optional.empty());
    return new HtmlOut(new TableRenderer(style, false, java.util.Optional.empty()), known, false).body(doc, false);
  }

  /**
   * The standalone page of {@code doc}. Its template gets {@code title}, {@code body} (the whole report as HTML),
   * {@code content} (the same without the title heading and synthetic banner, which
   * {@code header} shows), {@code css} (the built-in stylesheet), {@code header} (title, banner,
   * data SHA-256, studybook version; the git commit stays in the manifest so the page's bytes depend
   * on the inputs only), {@code toc} (contents from the headings), the same facts as text
   * ({@code dataFile}, {@code dataSha256}, {@code studybookVersion}), {@code study}, {@code synthetic}, {@code syntheticNote} and {@code fmt}.
   * With {@code cellMarks} ({@code serve}'s preview only; report.html never carries them), each table and
   * figure a cell's result made is marked {@code data-sb-cell} with that cell's name.
   */
  String page(KernelRun run, studybook.report.doc.Document doc, ReportFigures figures, TableRenderer renderer,
      boolean cellMarks) {
    HtmlOut out = new HtmlOut(renderer, figures, cellMarks);
    return page(run, out.body(doc, false), out.body(doc, true), HtmlOut.toc(doc));
  }

  String page(KernelRun run, String body, String content, String toc) {
    Study study = run.study();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", study.title());
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

  private String render(String display, Map<String, Object> model) {
    String name = display.substring(display.indexOf('/') + 1);
    try {
      Template t = cfg.getTemplate(name);
      StringWriter out = new StringWriter();
      PathModels.forgetMiss();
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
      String message = firstLine(e.getMessageWithoutStackTop());
      if (message.startsWith("When calling macro \"table\", required parameter \"result\"") && line != null) {
        // <@table tabel1/>: the name the author typed is not a cell's; say so with the nearest one.
        message = unknownTable(where, line, model.keySet()).orElse(message);
      }
      java.util.Optional<PathModels.Miss> miss = PathModels.lastMiss();
      java.util.regex.Matcher topLevel = java.util.regex.Pattern
          .compile("evaluated to null or missing: ==> ([A-Za-z_][A-Za-z0-9_]*)\\s").matcher(message);
      if (e instanceof freemarker.core.InvalidReferenceException && miss.isPresent()
          && message.contains(miss.get().name())) {
        message = message + " (" + miss.get().message() + ")";
      } else if (e instanceof freemarker.core.InvalidReferenceException && topLevel.find()
          && !model.containsKey(topLevel.group(1))) {
        // ${cohrt.total}: a top-level name that is no cell's, no value the report provides
        message = message + " (no cell or value is named '" + topLevel.group(1) + "'"
            + studybook.Names.didYouMean(topLevel.group(1), model.keySet()) + ")";
      }
      throw new StudybookException(where + (line == null ? "" : ":" + line + (column == null ? "" : ":" + column))
          + ": " + message);
    } catch (IOException e) {
      throw new StudybookException(display + ": cannot be read: " + e.getMessage());
    }
  }

  /** "<@table tabel1/>: no cell or value is named 'tabel1'; did you mean 'table1'?", from the template's line. */
  private java.util.Optional<String> unknownTable(String where, int line, java.util.Set<String> names) {
    String name = where.substring(where.indexOf('/') + 1);
    return files.bytes(name).flatMap(bytes -> {
      String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
      if (line < 1 || line > lines.length) {
        return java.util.Optional.empty();
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("<@table\\s+([A-Za-z_][A-Za-z0-9_]*)\\b")
          .matcher(lines[line - 1]);
      return m.find() && !names.contains(m.group(1))
          ? java.util.Optional.of("<@table " + m.group(1) + "/>: no cell or value is named '" + m.group(1) + "'"
              + studybook.Names.didYouMean(m.group(1), names))
          : java.util.Optional.empty();
    });
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
