package studybook.manuscript;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import studybook.StudybookException;

/**
 * A Word file as read from disk: its bytes (so a later write can tell whether the file changed since)
 * and its parts. Writing copies every part it is not given new text for as raw compressed bytes,
 * entry by entry in the same order, so those parts stay byte for byte what they were.
 *
 * <p>Built on Apache Commons Compress (already on the class path through POI), whose raw entry copy
 * java.util.zip lacks. POI's own document model is not used: it re-serialises every part it saves.
 */
final class DocxPackage {
  private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
  static final String WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  final Path file;
  final byte[] bytes;
  /** The main document part, e.g. {@code word/document.xml}, then footnotes and endnotes where present. */
  final List<String> textParts;
  private final Map<String, String> xml = new LinkedHashMap<>();

  private DocxPackage(Path file, byte[] bytes, List<String> textParts, Map<String, String> xml) {
    this.file = file;
    this.bytes = bytes;
    this.textParts = textParts;
    this.xml.putAll(xml);
  }

  /** Reads {@code file}; anything that is not a readable Word document is one error naming it. */
  static DocxPackage read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StudybookException(file + ": cannot be read: " + studybook.IoProblem.describe(e));
    }
    if (startsWith(bytes, OLE)) {
      throw new StudybookException(file + ": is password-protected or encrypted, or an old binary .doc (an OLE compound"
          + " file, not a .docx package); remove the password (or save it as .docx) in Word and try again");
    }
    if (!startsWith(bytes, new byte[] {'P', 'K', 3, 4}) && !startsWith(bytes, new byte[] {'P', 'K', 5, 6})) {
      throw new StudybookException(file + ": is not a Word .docx file (not a zip package)");
    }
    Map<String, String> xml = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
      String rels = text(zip, "_rels/.rels");
      if (rels == null) {
        throw new StudybookException(file + ": is not a Word .docx file (a zip without _rels/.rels)");
      }
      String main = target(rels, "/officeDocument", "");
      if (main == null || zip.getEntry(main) == null) {
        throw new StudybookException(file + ": is not a Word .docx file (no main document part)");
      }
      String dir = main.contains("/") ? main.substring(0, main.lastIndexOf('/') + 1) : "";
      String mainRelsName = dir + "_rels/" + main.substring(dir.length()) + ".rels";
      String mainRels = text(zip, mainRelsName);
      parts.add(main);
      if (mainRels != null) {
        for (String type : List.of("/footnotes", "/endnotes")) {
          String t = target(mainRels, type, dir);
          if (t != null && zip.getEntry(t) != null) {
            parts.add(t);
          }
        }
      }
      for (String part : parts) {
        String x = text(zip, part);
        if (!x.contains(WORD_NS)) {
          throw new StudybookException(file + ": " + part + " is not WordprocessingML");
        }
        xml.put(part, x);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof StudybookException s) {
        throw s;
      }
      throw new StudybookException(file + ": is a damaged .docx file (" + (e.getMessage() == null ? e.toString()
          : e.getMessage()) + ")");
    }
    return new DocxPackage(file, bytes, Collections.unmodifiableList(parts), xml);
  }

  /** The text of a part (UTF-8, a leading byte order mark dropped), or null when absent. */
  private static String text(ZipFile zip, String name) throws IOException {
    ZipArchiveEntry e = zip.getEntry(name);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
  }

  /** The target of the first relationship whose type ends with {@code typeEnd}, resolved against {@code dir}. */
  private static String target(String rels, String typeEnd, String dir) {
    for (XmlScan.Token t : XmlScan.scan(rels)) {
      if ((t.type() == XmlScan.Type.EMPTY || t.type() == XmlScan.Type.START) && t.name().endsWith("Relationship")) {
        String type = t.attribute("Type");
        String target = t.attribute("Target");
        if (type != null && type.endsWith(typeEnd) && target != null && !"External".equals(t.attribute("TargetMode"))) {
          String resolved = target.startsWith("/") ? target.substring(1) : dir + target;
          return java.net.URI.create("x:/" + resolved).normalize().getPath().substring(1);
        }
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The same package with the text of some parts replaced (the bytes read stay those of the file). */
  DocxPackage withXml(Map<String, String> replaced) {
    Map<String, String> x = new LinkedHashMap<>(xml);
    x.putAll(replaced);
    return new DocxPackage(file, bytes, textParts, x);
  }

  String xml(String part) {
    return xml.get(part);
  }

  /**
   * Writes the package to {@code out}, with {@code replaced} parts' new text (UTF-8) and every other
   * entry copied raw: same name, order, compression and bytes.
   */
  void write(OutputStream out, Map<String, String> replaced) throws IOException {
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
        ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
      for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
        String text = replaced.get(e.getName());
        if (text == null) {
          z.addRawArchiveEntry(e, zip.getRawInputStream(e));
        } else {
          ZipArchiveEntry n = new ZipArchiveEntry(e.getName());
          n.setMethod(e.getMethod());
          n.setTime(e.getTime());
          byte[] data = text.getBytes(StandardCharsets.UTF_8);
          if (e.getMethod() == ZipArchiveEntry.STORED) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            n.setSize(data.length);
            n.setCrc(crc.getValue());
          }
          z.putArchiveEntry(n);
          z.write(data);
          z.closeArchiveEntry();
        }
      }
      z.finish();
    }
  }
}
