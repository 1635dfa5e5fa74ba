package studybook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnDictionaryTest {

  private static boolean add(ColumnDictionary column, String value) {
    byte[] padded = ("<" + value + ">").getBytes(StandardCharsets.UTF_8);
    boolean ascii = value.chars().allMatch(c -> c < 0x80);
    return column.add(padded, 1, padded.length - 1, ascii);
  }

  /** The value of every row, read back through codes and texts. */
  private static List<String> rows(ColumnDictionary column) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < column.rows(); r++) {
      out.add(column.text(column.codes()[r]));
    }
    return out;
  }

  @Test
  void repeatedValuesShareOneEntryAndOnlyTheFirstIsNew() {
    ColumnDictionary column = new ColumnDictionary(4);
    assertTrue(add(column, "yes"));
    assertTrue(add(column, "no"));
    assertFalse(add(column, "yes"));
    assertTrue(add(column, ""));
    assertTrue(add(column, "Zoë"));
    assertFalse(add(column, "Zoë"));
    assertEquals(4, column.size());
    assertEquals(List.of("yes", "no", "yes", "", "Zoë", "Zoë"), rows(column));
    assertTrue(column.text(column.codes()[0]) == column.text(column.codes()[2]), "one String per distinct value");
  }

  @Test
  void growsPastItsEstimateAndAppendsALaterPartByValue() {
    Random random = new Random(7);
    ColumnDictionary first = new ColumnDictionary(1);
    ColumnDictionary second = new ColumnDictionary(1);
    List<String> expected = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int r = 0; r < 20_000; r++) {
      String value = Integer.toString(random.nextInt(5_000));
      expected.add(value);
      boolean isNew = seen.put(value, true) == null;
      if (r < 12_000) {
        assertEquals(isNew, add(first, value), value);
      } else {
        add(second, value);
      }
    }
    first.append(second);
    assertEquals(expected, rows(first));
    assertEquals(seen.size(), first.size());
  }
}
