package studybook.manuscript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studybook.StudybookException;
import studybook.claims.Claim;
import studybook.claims.ClaimsFile;
import studybook.claims.ResultPath;

/**
 * A Word manuscript's numbers checked against a run's results, bound to them, and updated from them.
 *
 * <p>Every number of the text (body, tables, footnotes and endnotes; tracked insertions count,
 * deletions and comments do not) is one of: {@code ok} (a bound number its result prints the same, or
 * an unbound one exactly one result prints), {@code mismatch} (a bound number its result now prints
 * differently), {@code unmatched} (no result prints it), {@code ambiguous} (several do) or
 * {@code ignored} (a year, a citation, a confidence level, a table or section number, a threshold).
 */
public final class Manuscript {
  /** What a number of the manuscript is found to be. */
  public enum Status {
    OK, MISMATCH, UNMATCHED, AMBIGUOUS, IGNORED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One number of the manuscript.
   *
   * @param text the number as printed, with the words that are part of it ({@code P = 0.041}, {@code 31.0%})
   * @param context the sentence around it
   * @param status what it is found to be
   * @param binding the result path it is bound to, or (when {@code ok}) matched with; else null
   * @param recomputed what that result prints in this number's form; null without one result
   * @param reason why it is ignored, unmatched or ambiguous; empty otherwise
   * @param candidates the results that print it, when ambiguous (at most {@value #MAX_CANDIDATES})
   * @param bound whether a content control binds it
   * @param part the package part it is in
   */
  public record Number(String text, String context, Status status, String binding, String recomputed, String reason,
      List<String> candidates, boolean bound, String part) {}

  /** The numbers of a manuscript, in document order. */
  public record Report(String file, List<Number> numbers) {
    public Map<Status, Integer> counts() {
      Map<Status, Integer> c = new LinkedHashMap<>();
      for (Status s : Status.values()) {
        c.put(s, (int) numbers.stream().filter(n -> n.status() == s).count());
      }
      return c;
    }

    /** Whether nothing is a mismatch or unmatched. */
    public boolean clean() {
      return numbers.stream().noneMatch(n -> n.status() == Status.MISMATCH || n.status() == Status.UNMATCHED);
    }
  }

  /** A number rewritten by {@link #update}: {@code 31.0% → 30.3%}. */
  public record Change(String before, String after, String context, String binding) {}

  /** What {@link #bind} did: the numbers it bound and those it left for the author. */
  public record Bound(List<Number> bound, List<Number> ambiguous, List<String> notBound) {}

  static final int MAX_CANDIDATES = 10;
  /** The path of {@code --bind "TEXT@CONTEXT=-"}: the author's mark on a number that is no result (a dose, a schedule). */
  public static final String NOT_A_RESULT = "-";

  private final DocxPackage docx;
  private final ResultIndex results;
  private final Optional<ClaimsFile> claims;
  private final Map<String, WordText> parts = new LinkedHashMap<>();
  private final List<Analysed> analysed = new ArrayList<>();

  /** A number of the text and what it is found to be. */
  private record Analysed(Mention mention, Number number, int paragraph) {}

  private Manuscript(DocxPackage docx, JsonNode results, Optional<ClaimsFile> claims) {
    this(docx, new ResultIndex(results), claims);
  }

  private Manuscript(DocxPackage docx, ResultIndex results, Optional<ClaimsFile> claims) {
    this.docx = docx;
    this.results = results;
    this.claims = claims;
    for (String part : docx.textParts) {
      WordText w;
      try {
        w = new WordText(part, docx.xml(part));
      } catch (IllegalArgumentException e) {
        throw new StudybookException(docx.file + ": " + part + " is not well-formed XML (" + e.getMessage() + ")");
      }
      parts.put(part, w);
      for (int i = 0; i < w.paragraphs.size(); i++) {
        WordText.Paragraph p = w.paragraphs.get(i);
        String neighbour = null;
        String sentence = null;
        String row = p.row() >= 0 ? w.rowText(p.row()) : null;
        for (Mention found : NumberFinder.find(p, sdt -> w.tag(sdt).substring(WordText.TAG_PREFIX.length()), p.heading(w))) {
          // a table cell's number is read with its row
          Mention m = row == null ? found : found.inContext(row);
          if (!m.context().equals(sentence)) {
            sentence = m.context();
            neighbour = null;
          }
          Number n = classify(m, part, neighbour);
          analysed.add(new Analysed(m, n, i));
          if (n.binding() != null && n.binding().contains(".")) {
            neighbour = n.binding().substring(0, n.binding().lastIndexOf('.'));
          }
        }
      }
    }
  }

  /** Reads and checks {@code file} against {@code results} (a run's results.json), using the claims file's bindings where it has them. */
  public static Manuscript read(Path file, JsonNode results, Optional<ClaimsFile> claims) {
    return new Manuscript(DocxPackage.read(file), results, claims);
  }

  public Report report() {
    return new Report(docx.file.toString(), analysed.stream().map(Analysed::number).toList());
  }

  private Number classify(Mention m, String part, String neighbour) {
    if (NOT_A_RESULT.equals(m.binding())) {
      return new Number(m.text(), m.context(), Status.IGNORED, null, null, "marked by the author as not a result", List.of(),
          true, part);
    }
    if (m.binding() != null) {
      Optional<JsonNode> node = results.resolve(m.binding());
      if (node.isEmpty()) {
        throw new StudybookException(docx.file + ": the number " + m.text() + " in \"" + m.context()
            + "\" is bound to '" + m.binding() + "', which is no result of the current run"
            + studybook.Names.didYouMean(m.binding(), results.entries().stream().map(ResultIndex.Entry::path).toList()));
      }
      double v = node.get().isValueNode() ? ResultPath.number(node.get()) : Double.NaN;
      if (Double.isNaN(v)) {
        return new Number(m.text(), m.context(), Status.MISMATCH, m.binding(), null,
            "the result at '" + m.binding() + "' is not a number", List.of(), true, part);
      }
      String recomputed = m.print(v);
      return new Number(m.text(), m.context(), recomputed.equals(m.text()) ? Status.OK : Status.MISMATCH, m.binding(),
          recomputed, "", List.of(), true, part);
    }
    if (m.ignored() != null) {
      return new Number(m.text(), m.context(), Status.IGNORED, null, null, m.ignored(), List.of(), false, part);
    }
    Optional<Claim> pin = pin(m);
    if (pin.isPresent()) {
      Claim c = pin.get();
      Optional<JsonNode> node = results.resolve(c.result());
      double v = node.isPresent() && node.get().isValueNode() ? ResultPath.number(node.get()) : Double.NaN;
      String recomputed = Double.isNaN(v) ? null : m.print(v);
      if (m.text().equals(recomputed)) {
        return new Number(m.text(), m.context(), Status.OK, c.result(), recomputed, "", List.of(), false, part);
      }
      return new Number(m.text(), m.context(), Status.UNMATCHED, null, recomputed, "the claims file's '" + c.id() + "' (line "
          + c.line() + ") has this number as '" + c.result() + "', which " + (recomputed == null ? "is not available"
          : "prints " + recomputed), List.of(), false, part);
    }
    List<ResultIndex.Entry> candidates = candidates(m);
    if (candidates.size() > 1 && neighbour != null) {
      // an interval or p after a bound ratio: the fields of the same result
      List<ResultIndex.Entry> siblings = candidates.stream().filter(e -> e.path().startsWith(neighbour + ".")
          && e.path().indexOf('.', neighbour.length() + 1) < 0).toList();
      candidates = siblings.isEmpty() ? candidates : siblings;
    }
    if (candidates.size() == 1) {
      ResultIndex.Entry e = candidates.get(0);
      return new Number(m.text(), m.context(), Status.OK, e.path(), m.print(e.value()), "", List.of(), false, part);
    }
    if (candidates.isEmpty()) {
      return new Number(m.text(), m.context(), Status.UNMATCHED, null, null,
          m.strong() ? "no " + kindName(m.kind()) + " of the results prints it" : "no result prints it", List.of(), false,
          part);
    }
    List<String> paths = candidates.stream().map(ResultIndex.Entry::path).limit(MAX_CANDIDATES).toList();
    return new Number(m.text(), m.context(), Status.AMBIGUOUS, null, null,
        candidates.size() + " results print it" + (candidates.size() > MAX_CANDIDATES ? " (the first " + MAX_CANDIDATES
            + " listed)" : "") + "; choose one with --bind \"" + m.text() + "@<words of its sentence>=<result path>\"",
        paths, false, part);
  }

  private static String kindName(NumberKind k) {
    return switch (k) {
      case P -> "p-value";
      case ODDS_RATIO -> "odds ratio";
      case HAZARD_RATIO -> "hazard ratio";
      case INTERVAL_END -> "confidence limit";
      case PERCENTAGE -> "percentage";
      case OTHER -> "number";
    };
  }

  /**
   * The results that print {@code m}: in its window (the claims machinery's rounding) and printing its
   * text; only results of its kind when its words are decisive, else those of its kind first; and of
   * those, the ones the claims file already binds to this printed number, when it binds any.
   */
  private List<ResultIndex.Entry> candidates(Mention m) {
    var window = m.window();
    // a count (an integer in the results) is never printed with decimals
    List<ResultIndex.Entry> all = results.entries().stream()
        .filter(e -> window.contains(e.value()) && m.print(e.value()).equals(m.text())
            && !(e.integral() && m.printed().decimals() > 0)).toList();
    List<ResultIndex.Entry> fit = all.stream().filter(e -> e.kind() == m.kind()).toList();
    List<ResultIndex.Entry> chosen = m.strong() || !fit.isEmpty() ? fit : all;
    if (chosen.size() > 1 && claims.isPresent()) {
      List<ResultIndex.Entry> claimed = chosen.stream().filter(e -> claims.get().referringTo(e.path()).stream()
          .anyMatch((Claim c) -> c.printed().value().compareTo(m.printed().value()) == 0
              && c.printed().decimals() == m.printed().decimals() && sameSentence(c.text(), m.context()))).toList();
      if (!claimed.isEmpty()) {
        return claimed;
      }
    }
    return chosen;
  }

  /**
   * The claim that states this very number: its kind fits, its text is this sentence, and the two words
   * before its printed number are the two words before this one. Only one claim, or none, pins a number.
   */
  private Optional<Claim> pin(Mention m) {
    if (claims.isEmpty()) {
      return Optional.empty();
    }
    List<String> mine = lastWords(m.context().contains(m.text()) && m.paragraph().row() >= 0
        ? m.context().substring(0, m.context().indexOf(m.text())) + m.head() + m.relation() + m.gap()
        : m.paragraph().text().substring(0, m.start()) + m.head() + m.relation() + m.gap());
    List<Claim> hits = claims.get().claims().stream().filter(c -> fits(c.kind(), m) && sameSentence(c.text(), m.context())
        && c.text().contains(c.printed().text().replace("<", "")) && mine.equals(lastWords(
            c.text().substring(0, c.text().indexOf(c.printed().text().replace("<", ""))).replaceFirst("<\\s*$", ""))))
        .toList();
    return hits.stream().map(Claim::result).distinct().count() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
  }

  private static boolean fits(studybook.claims.ClaimKind k, Mention m) {
    return switch (k) {
      case P -> m.kind() == NumberKind.P;
      case ODDS_RATIO -> m.kind() == NumberKind.ODDS_RATIO;
      case HAZARD_RATIO -> m.kind() == NumberKind.HAZARD_RATIO;
      case PERCENTAGE -> m.kind() == NumberKind.PERCENTAGE;
      case COUNT -> m.kind() == NumberKind.OTHER && m.printed().decimals() == 0;
      case MEAN, MEDIAN, STATISTIC -> m.kind() == NumberKind.OTHER && m.printed().decimals() > 0;
      case CONSISTENCY -> false;
    };
  }

  /** The last two words (letters or digits) of {@code s}, lower case. */
  private static List<String> lastWords(String s) {
    List<String> w = new ArrayList<>();
    java.util.regex.Matcher t = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(s.toLowerCase(java.util.Locale.ROOT));
    while (t.find()) {
      w.add(t.group());
    }
    return w.subList(Math.max(0, w.size() - 2), w.size());
  }

  /** Whether a claim's text is the manuscript's sentence: at least half its words (of four letters or more) are in it. */
  static boolean sameSentence(String claimText, String context) {
    java.util.Set<String> in = words(context);
    java.util.Set<String> claimed = words(claimText);
    return !claimed.isEmpty() && 2 * claimed.stream().filter(in::contains).count() >= claimed.size();
  }

  private static java.util.Set<String> words(String s) {
    java.util.Set<String> w = new java.util.HashSet<>();
    for (String t : s.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
      if (t.length() >= 4) {
        w.add(t);
      }
    }
    return w;
  }

  // ------------------------------------------------------------------ bind

  /**
   * Writes to {@code out} a copy in which every {@code ok} number, and every number an explicit
   * binding {@code text@context=path} names, is wrapped in a content control tagged with its result
   * path. An explicit binding that names no number, or a path that is no result, is an error.
   */
  public Bound bind(Path out, List<String> explicit) {
    Map<String, String> xml = new LinkedHashMap<>();
    List<Number> bound = new ArrayList<>();
    List<String> notBound = new ArrayList<>();
    Manuscript m = this;
    // A number bound in one pass can settle its neighbours in the next (a CI after its ratio).
    for (int pass = 0; pass < 4; pass++) {
      int before = bound.size();
      xml.putAll(m.bindPass(pass == 0 ? explicit : List.of(), bound, notBound));
      if (bound.size() == before && pass > 0) {
        break;
      }
      m = new Manuscript(docx.withXml(xml), results, claims);
      if (bound.size() == before) {
        break;
      }
    }
    write(out, xml);
    List<Number> ambiguous = m.analysed.stream().filter(a -> a.number().status() == Status.AMBIGUOUS)
        .map(Analysed::number).toList();
    return new Bound(bound, ambiguous, List.copyOf(new java.util.LinkedHashSet<>(notBound)));
  }

  private Map<String, String> bindPass(List<String> explicit, List<Number> bound, List<String> notBound) {
    record Plan(String part, int paragraph, int start, int end, String path, Analysed a) {}
    Map<Analysed, String> paths = new LinkedHashMap<>();
    for (Analysed a : analysed) {
      if (a.number().status() == Status.OK && a.mention().sdt() < 0) {
        paths.put(a, a.number().binding());
      }
    }
    for (String spec : explicit) {
      int at = spec.indexOf('@');
      if (at <= 0) {
        throw new StudybookException("--bind \"" + spec + "\": write it as text@context=path, e.g. \"44@Of the 142=cohort.additional\"");
      }
      String text = spec.substring(0, at);
      String rest = spec.substring(at + 1);
      String path = null;
      String context = null;
      if (rest.endsWith("=" + NOT_A_RESULT)) {
        context = rest.substring(0, rest.length() - 1 - NOT_A_RESULT.length());
        path = NOT_A_RESULT;
      }
      for (int eq = path != null ? -1 : rest.indexOf('='); eq >= 0; eq = rest.indexOf('=', eq + 1)) {
        Optional<JsonNode> node = results.resolve(rest.substring(eq + 1));
        if (node.isPresent() && node.get().isValueNode() && !Double.isNaN(ResultPath.number(node.get()))) {
          context = rest.substring(0, eq);
          path = rest.substring(eq + 1);
          break;
        }
      }
      if (path == null) {
        String guess = rest.contains("=") ? rest.substring(rest.lastIndexOf('=') + 1) : rest;
        throw new StudybookException("--bind \"" + spec + "\": no number of the results at '" + guess + "'"
            + studybook.Names.didYouMean(guess, results.entries().stream().map(ResultIndex.Entry::path).toList()));
      }
      final String c = context;
      List<Analysed> hits = analysed.stream().filter(a -> (a.mention().text().equals(text) || a.mention().digits().equals(text))
          && a.mention().context().contains(c)).toList();
      if (hits.isEmpty()) {
        throw new StudybookException(docx.file + ": --bind \"" + spec + "\": no number " + text + " in a sentence containing \""
            + c + "\"");
      }
      for (Analysed a : hits) {
        paths.put(a, path);
      }
    }
    List<Plan> plan = new ArrayList<>();
    paths.forEach((a, path) -> plan.add(new Plan(a.number().part(), a.paragraph(), a.mention().start(), a.mention().end(), path, a)));
    plan.sort(Comparator.comparing(Plan::part).thenComparing(Plan::paragraph, Comparator.reverseOrder())
        .thenComparing(Plan::start, Comparator.reverseOrder()));
    Map<String, String> xml = new LinkedHashMap<>();
    List<Number> boundHere = new ArrayList<>();
    for (Plan p : plan) {
      String current = xml.getOrDefault(p.part(), docx.xml(p.part()));
      WordText w = new WordText(p.part(), current);
      WordText.Paragraph para = w.paragraphs.get(p.paragraph());
      Optional<String> edited = p.a().mention().sdt() >= 0
          ? Optional.of(WordEdits.retag(w, sdtAt(para, p.start(), p.end()), p.path()))
          : WordEdits.wrap(w, para, p.start(), p.end(), p.path());
      if (edited.isPresent()) {
        xml.put(p.part(), edited.get());
        Number n = p.a().number();
        boundHere.add(new Number(n.text(), n.context(), n.status(), p.path(), n.recomputed(), n.reason(), n.candidates(), true,
            n.part()));
      } else {
        notBound.add(p.a().mention().text() + " in \"" + p.a().mention().context()
            + "\": it lies in a tracked change, or across tracked changes, fields or links; accept the change (or bind it in"
            + " Word) and bind again");
      }
    }
    java.util.Collections.reverse(boundHere);
    bound.addAll(boundHere);
    return xml;
  }

  private static int sdtAt(WordText.Paragraph para, int start, int end) {
    return para.pieces().stream().filter(x -> x.offset() < end && x.end() > start && x.sdt() >= 0)
        .mapToInt(WordText.Piece::sdt).findFirst().orElseThrow();
  }

  // ------------------------------------------------------------------ update

  /** Rewrites every bound number whose result now prints differently, in place; {@code beforeWrite} runs just before the file is replaced (tests). */
  public List<Change> update(Runnable beforeWrite) {
    record Plan(String part, int paragraph, int start, int end, String after, Analysed a) {}
    List<Plan> plan = new ArrayList<>();
    for (Analysed a : analysed) {
      Number n = a.number();
      if (n.bound() && n.status() == Status.MISMATCH) {
        if (n.recomputed() == null) {
          throw new StudybookException(docx.file + ": the number " + n.text() + " in \"" + n.context() + "\": " + n.reason()
              + "; nothing written");
        }
        plan.add(new Plan(n.part(), a.paragraph(), a.mention().start(), a.mention().end(), n.recomputed(), a));
      }
    }
    plan.sort(Comparator.comparing(Plan::part).thenComparing(Plan::paragraph, Comparator.reverseOrder())
        .thenComparing(Plan::start, Comparator.reverseOrder()));
    Map<String, String> xml = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    for (Plan p : plan) {
      String current = xml.getOrDefault(p.part(), docx.xml(p.part()));
      WordText w = new WordText(p.part(), current);
      WordText.Paragraph para = w.paragraphs.get(p.paragraph());
      Optional<String> edited = WordEdits.replace(w, para, p.start(), p.end(), p.after());
      if (edited.isEmpty()) {
        throw new StudybookException(docx.file + ": the number " + p.a().mention().text() + " in \"" + p.a().mention().context()
            + "\" cannot be rewritten (its characters are not all plain text); nothing written");
      }
      xml.put(p.part(), edited.get());
      changes.add(new Change(p.a().mention().text(), p.after(), p.a().mention().context(), p.a().number().binding()));
    }
    java.util.Collections.reverse(changes);
    if (!changes.isEmpty()) {
      beforeWrite.run();
      write(docx.file, xml);
    }
    return changes;
  }

  /**
   * Writes the package with {@code xml}'s parts replaced, atomically: to a temporary file beside the
   * target, then moved over it; refused, with nothing written, when the source changed on disk since it was read.
   */
  private void write(Path target, Map<String, String> xml) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (OutputStream o = Files.newOutputStream(tmp)) {
        docx.write(o, xml);
      }
      byte[] now;
      try {
        now = Files.readAllBytes(docx.file);
      } catch (IOException e) {
        now = null;
      }
      if (now == null || !Arrays.equals(now, docx.bytes)) {
        throw new StudybookException(docx.file + ": changed on disk since it was read; nothing written (run the command again)");
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new StudybookException(target + ": cannot be written: " + studybook.IoProblem.describe(e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is ours; nothing else was touched
        }
      }
    }
  }
}
