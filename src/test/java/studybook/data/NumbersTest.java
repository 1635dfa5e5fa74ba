package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  @Provide
  Arbitrary<String> decimals() {
    Arbitrary<String> sign = Arbitraries.of("", "-", "+");
    Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(9);
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(9);
    return net.jqwik.api.Combinators.combine(sign, whole, Arbitraries.of("", "."), fraction)
        .as((a, b, dot, c) -> a + b + dot + (dot.isEmpty() ? "" : c));
  }

  @Property(tries = 2000)
  void fastPathAgreesBitForBitWithTheFullParser(@ForAll("decimals") String s) {
    double fast = Numbers.parseSimple(s);
    if (Numbers.looksNumeric(s)) {
      if (!Double.isNaN(fast)) {
        assertEquals(Double.doubleToRawLongBits(Numbers.parse(s)), Double.doubleToRawLongBits(fast), s);
      }
    } else {
      assertTrue(Double.isNaN(fast), s);
    }
  }

  @Provide
  Arbitrary<String> numberish() {
    return Arbitraries.oneOf(decimals(), Arbitraries.strings().withChars("0123456789+-.eE x").ofMaxLength(20));
  }

  @Property(tries = 3000)
  void byteFormsAgreeWithTheStringForms(@ForAll("numberish") String s) {
    byte[] padded = ("ab" + s + "cd").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    int from = 2;
    int to = padded.length - 2;
    assertEquals(Numbers.looksNumeric(s), Numbers.looksNumeric(padded, from, to), s);
    assertEquals(Double.doubleToRawLongBits(Numbers.parseSimple(s)),
        Double.doubleToRawLongBits(Numbers.parseSimple(padded, from, to)), s);
  }

  @ParameterizedTest
  @CsvSource({"0.1, 0.1", "-0, 0.0", "-0.0, 0.0", "+5, 5.0", "123456789012345, 123456789012345.0", ".5, 0.5",
      "5., 5.0", "0.30000000000000004, NaN", "1e3, NaN", "1.2.3, NaN", "-, NaN", "., NaN", "' 1', NaN"})
  void fastPathAnswersOnlyForPlainDecimals(String text, double expected) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Numbers.parseSimple(text)), text);
  }
}
