package studybook.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutates a small valid study file and codebook at random (byte flips, deleted or duplicated lines,
 * inserted quotes, commas and control bytes, truncation) and requires that loading either succeeds
 * or throws a DataException, within a time limit: never another exception, never a hang.
 */
class MutationFuzzTest {
  private static final byte[] CODEBOOK = read("src/test/resources/data/mini_codebook.csv");
  private static final byte[] DATA = study();
  private static final Duration PER_TRY = Duration.ofSeconds(5);
  private static Path dir;

  @BeforeContainer
  static void makeDir() throws IOException {
    dir = Files.createTempDirectory("studybook-fuzz");
  }

  @AfterContainer
  static void removeDir() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  /** The mini study with enough extra valid rows that most mutations land in values, not in the header. */
  private static byte[] study() {
    StringBuilder s = new StringBuilder(new String(read("src/test/resources/data/mini_study.csv"), StandardCharsets.UTF_8));
    String[] sexes = {"male", "female"};
    String[] margins = {"negative", "positive", "indeterminate", "unknown", ""};
    for (int i = 0; i < 30; i++) {
      s.append("Q").append(i).append(',').append(i % 9 == 0 ? "NA" : Integer.toString(20 + i)).append(',')
          .append(sexes[i % 2]).append(',').append(i % 7 == 0 ? "n/a" : (i % 10) + "." + (i % 7)).append(',')
          .append(margins[i % 5]).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One edit of a file's bytes at relative position {@code at}, in the whole file or (mostly) below
   * its header, so that the checks of values are exercised and not only those of the header.
   */
  record Mutation(Kind kind, double at, int arg, boolean headerToo) {
    enum Kind { FLIP_BYTE, DELETE_LINE, DUPLICATE_LINE, INSERT_QUOTE, INSERT_COMMA, INSERT_CONTROL, INSERT_PIPE,
      INSERT_NEWLINE, TRUNCATE }

    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return in;
      }
      int from = 0;
      if (!headerToo) {
        while (from < in.length - 1 && in[from] != '\n') {
          from++;
        }
      }
      int pos = (int) Math.min(in.length - 1, from + Math.floor(at * (in.length - from)));
      return switch (kind) {
        case FLIP_BYTE -> {
          byte[] out = in.clone();
          out[pos] ^= (byte) (1 << (arg & 7));
          yield out;
        }
        case DELETE_LINE -> editLine(in, pos, false);
        case DUPLICATE_LINE -> editLine(in, pos, true);
        case INSERT_QUOTE -> insert(in, pos, (byte) '"');
        case INSERT_COMMA -> insert(in, pos, (byte) ',');
        case INSERT_CONTROL -> insert(in, pos, (byte) (arg & 0x1f));
        case INSERT_PIPE -> insert(in, pos, (byte) '|');
        case INSERT_NEWLINE -> insert(in, pos, (byte) ((arg & 1) == 0 ? '\n' : '\r'));
        case TRUNCATE -> Arrays.copyOf(in, pos);
      };
    }

    private static byte[] insert(byte[] in, int pos, byte b) {
      byte[] out = new byte[in.length + 1];
      System.arraycopy(in, 0, out, 0, pos);
      out[pos] = b;
      System.arraycopy(in, pos, out, pos + 1, in.length - pos);
      return out;
    }

    private static byte[] editLine(byte[] in, int pos, boolean duplicate) {
      int start = pos;
      while (start > 0 && in[start - 1] != '\n') {
        start--;
      }
      int end = pos;
      while (end < in.length && in[end] != '\n') {
        end++;
      }
      end = Math.min(in.length, end + 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 2);
      out.write(in, 0, start);
      if (duplicate) {
        out.write(in, start, end - start);
        out.write(in, start, end - start);
      }
      out.write(in, end, in.length - end);
      return out.toByteArray();
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(Mutation.Kind.FLIP_BYTE)),
            Tuple.of(12, Arbitraries.of(Mutation.Kind.DELETE_LINE, Mutation.Kind.DUPLICATE_LINE,
                Mutation.Kind.INSERT_QUOTE, Mutation.Kind.INSERT_COMMA, Mutation.Kind.INSERT_CONTROL,
                Mutation.Kind.INSERT_PIPE, Mutation.Kind.INSERT_NEWLINE)),
            Tuple.of(1, Arbitraries.just(Mutation.Kind.TRUNCATE))),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.integers().between(0, 255),
        Arbitraries.integers().between(0, 9).map(i -> i == 0)).as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 500)
  void mutatedStudyDataLoadsOrFailsWithADataException(@ForAll("mutations") List<Mutation> edits) {
    Path data = dir.resolve("study.csv");
    Path codebook = dir.resolve("codebook.csv");
    write(codebook, CODEBOOK);
    write(data, mutate(DATA, edits));
    assertTimeoutPreemptively(PER_TRY, () -> loadOrDataException(data, codebook));
  }

  @Property(tries = 500)
  void mutatedCodebookLoadsOrFailsWithADataException(@ForAll("mutations") List<Mutation> edits) {
    Path data = dir.resolve("study.csv");
    Path codebook = dir.resolve("codebook.csv");
    write(codebook, mutate(CODEBOOK, edits));
    write(data, DATA);
    assertTimeoutPreemptively(PER_TRY, () -> loadOrDataException(data, codebook));
  }

  private static void loadOrDataException(Path data, Path codebook) {
    try {
      Frame f = StudyDataLoader.load(data, CodebookLoader.load(codebook));
      // A frame that loads must be usable: every column reads back without error.
      for (String c : f.columnNames()) {
        if (f.kind(c) == VariableKind.CATEGORICAL) {
          f.codes(c);
        } else {
          f.values(c);
        }
      }
    } catch (DataException expected) {
      // The one acceptable failure; it must also render.
      List<DataProblem> problems = new ArrayList<>(expected.problems());
      if (problems.isEmpty() || expected.getMessage().isEmpty()) {
        throw new AssertionError("a DataException without problems");
      }
    }
  }

  private static byte[] mutate(byte[] in, List<Mutation> edits) {
    byte[] out = in;
    for (Mutation m : edits) {
      out = m.apply(out);
    }
    return out;
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String show(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
