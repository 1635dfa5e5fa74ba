package studybook.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;
import org.xml.sax.SAXParseException;
import studybook.StudybookException;

/**
 * What {@code check} asks of an output folder besides byte equality: every figures/*.svg and every
 * inline SVG of report.html is well-formed XML (the JDK's parser, no DTDs, no external entities), and
 * report.html is an HTML5 document ({@code <!DOCTYPE html>} first, no error of the HTML5 parsing algorithm as
 * jsoup implements it), so a report that a browser or an XML tool would reject is caught even when it
 * reproduces exactly. Each problem names the file, line and column.
 */
public final class WellFormed {
  private static final int MAX_HTML_ERRORS = 10;
  private static final Pattern INLINE_SVG = Pattern.compile("<svg[\\s>].*?</svg>", Pattern.DOTALL);

  private WellFormed() {}

  /** One line per problem, naming the file (and, for the page, which inline SVG) and the parser's reason. */
  public static List<String> problems(Path dir) {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(f).toString().replace('\\', '/');
        if (name.endsWith(".svg")) {
          xmlProblem(Files.readAllBytes(f)).ifPresent(p -> problems.add(name + ": not well-formed XML: " + p));
        } else if (name.endsWith(".html")) {
          String page = Files.readString(f, StandardCharsets.UTF_8);
          htmlProblems(page).forEach(p -> problems.add(name + ": not valid HTML5: " + p));
          Matcher m = INLINE_SVG.matcher(page);
          for (int n = 1; m.find(); n++) {
            int figure = n;
            xmlProblem(m.group().getBytes(StandardCharsets.UTF_8))
                .ifPresent(p -> problems.add(name + ": inline SVG " + figure + " is not well-formed XML: " + p));
          }
        }
      }
    } catch (IOException e) {
      throw new StudybookException("cannot read " + dir + ": " + studybook.IoProblem.describe(e));
    }
    return problems;
  }

  /**
   * Where the page departs from an HTML5 document: no {@code <!DOCTYPE html>} first, or an error of the WHATWG
   * parsing algorithm (jsoup's tree builder, errors tracked with the line and column where the parser stood,
   * just after the offending token), at most 10.
   */
  static List<String> htmlProblems(String page) {
    List<String> out = new ArrayList<>();
    Parser parser = Parser.htmlParser().setTrackErrors(MAX_HTML_ERRORS);
    Document doc = parser.parseInput(page, "");
    boolean doctype = !doc.childNodes().isEmpty() && doc.childNode(0) instanceof DocumentType d
        && d.name().equalsIgnoreCase("html") && d.publicId().isEmpty();
    if (!doctype) {
      out.add("line 1, column 1: no <!DOCTYPE html> before the document");
    }
    for (ParseError e : parser.getErrors()) {
      String[] at = e.getCursorPos().split(":");
      out.add("line " + at[0] + ", column " + at[1] + ": " + e.getErrorMessage());
    }
    return out;
  }

  private static java.util.Optional<String> xmlProblem(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setNamespaceAware(true);
      var builder = f.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
      builder.parse(new ByteArrayInputStream(xml));
      return java.util.Optional.empty();
    } catch (SAXParseException e) {
      return java.util.Optional.of("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
          + e.getMessage());
    } catch (org.xml.sax.SAXException | IOException e) {
      return java.util.Optional.of(String.valueOf(e.getMessage()));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
