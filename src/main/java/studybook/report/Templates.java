package studybook.report;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
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

/**
 * Renders a run through the study's templates: {@code report.md.ftl} to Markdown, then flexmark
 * turns that into HTML which {@code page.html.ftl} wraps into a standalone page. The templates are
 * sandboxed: no {@code ?new}, no {@code ?api}, no class access, only the members
 * {@link SandboxWrapper} exposes. Raw HTML in the Markdown is escaped, not passed through.
 */
public final class Templates {
  private final Configuration cfg;
  private final Parser parser;
  private final HtmlRenderer renderer;

  public Templates(Path templateDir) {
    cfg = new Configuration(Configuration.VERSION_2_3_33);
    try {
      cfg.setTemplateLoader(new FileTemplateLoader(templateDir.toFile()));
    } catch (IOException e) {
      throw new StudybookException("cannot read the templates in " + templateDir + ": " + e.getMessage());
    }
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
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    options.set(HtmlRenderer.ESCAPE_HTML, true);
    options.set(HtmlRenderer.SOFT_BREAK, "\n");
    parser = Parser.builder(options).build();
    renderer = HtmlRenderer.builder(options).build();
  }

  /** The Markdown report: every cell result under its name, {@code study} (the settings) and {@code fmt}. */
  public String markdown(KernelRun run) {
    Study study = run.study();
    Map<String, Object> model = new LinkedHashMap<>(run.results());
    model.put("study", study.settings());
    model.put("fmt", NumberStyle.of(study.settings()));
    return render(Study.REPORT_TEMPLATE, model);
  }

  /** Markdown to an HTML fragment; raw HTML in the Markdown comes out escaped. */
  public String htmlFragment(String markdown) {
    return renderer.render(parser.parse(markdown));
  }

  /** The standalone page: {@code title}, {@code body} (the report as HTML), {@code study}, {@code synthetic}, {@code syntheticNote}. */
  public String page(KernelRun run, String markdown) {
    Study study = run.study();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", study.title());
    try {
      // Markup, not text: the page prints it as it is (flexmark already escaped what needed it).
      model.put("body", HTMLOutputFormat.INSTANCE.fromMarkup(htmlFragment(markdown)));
    } catch (freemarker.template.TemplateModelException e) {
      throw new IllegalStateException(e);
    }
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
      t.process(model, out);
      return out.toString();
    } catch (ParseException e) {
      throw new StudybookException(display + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": "
          + firstLine(e.getEditorMessage()));
    } catch (TemplateException e) {
      Integer line = e.getLineNumber();
      Integer column = e.getColumnNumber();
      String where = e.getTemplateSourceName() == null ? display : "templates/" + e.getTemplateSourceName();
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
}
