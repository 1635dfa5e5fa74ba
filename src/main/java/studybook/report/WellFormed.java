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
import org.xml.sax.SAXParseException;
import studybook.StudybookException;

/**
 * What {@code check} asks of an output folder besides byte equality: every figures/*.svg and every
 * inline SVG of report.html is well-formed XML (the JDK's parser, no DTDs, no external entities), so
 * a report that a browser or an XML tool would reject is caught even when it reproduces exactly.
 */
public final class WellFormed {
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
          Matcher m = INLINE_SVG.matcher(Files.readString(f, StandardCharsets.UTF_8));
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
