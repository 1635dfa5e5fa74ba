package studybook.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One column of a CSV file as a code per row and a dictionary of its distinct values, built from the
 * bytes without a String per cell: registries repeat a few values millions of times, so hashing the
 * bytes and making one String per distinct value is what keeps loading fast and small.
 */
final class ColumnDictionary {
  private byte[] arena = new byte[256];
  private int arenaLength;
  private int[] starts = new int[16];
  private int[] lengths = new int[16];
  private int[] hashes = new int[16];
  private boolean[] ascii = new boolean[16];
  private String[] texts = new String[16];
  private int size;
  /** Open addressing: code + 1 of the entry in each slot, 0 for an empty slot. */
  private int[] slots = new int[64];
  private int[] codes;
  private int rows;

  /** @param expectedRows how many cells to make room for at once (more can be added) */
  ColumnDictionary(int expectedRows) {
    codes = new int[Math.max(expectedRows, 16)];
  }

  /**
   * A finished column read back from the column cache: its values can be read, not added to (the
   * hash table that finds a value's code is not rebuilt).
   */
  static ColumnDictionary of(studybook.data.columncache.ParsedColumn column) {
    ColumnDictionary d = new ColumnDictionary(0);
    d.size = column.size();
    d.arena = column.arena();
    d.arenaLength = d.arena.length;
    d.lengths = column.lengths();
    d.ascii = column.ascii();
    d.starts = new int[d.size];
    for (int e = 1; e < d.size; e++) {
      d.starts[e] = d.starts[e - 1] + d.lengths[e - 1];
    }
    d.texts = new String[d.size];
    d.hashes = null;
    d.slots = null;
    d.codes = column.codes();
    d.rows = d.codes.length;
    return d;
  }

  /** This column as the column cache stores it (its distinct values back to back in first-seen order). */
  studybook.data.columncache.ParsedColumn export() {
    byte[] values = new byte[arenaLength];
    int at = 0;
    for (int e = 0; e < size; e++) {
      System.arraycopy(arena, starts[e], values, at, lengths[e]);
      at += lengths[e];
    }
    return new studybook.data.columncache.ParsedColumn(values, Arrays.copyOf(lengths, size),
        Arrays.copyOf(ascii, size), codes.length == rows ? codes : Arrays.copyOf(codes, rows));
  }

  /** Adds one cell; returns whether its value is new to this column. */
  boolean add(byte[] src, int from, int to, boolean plain) {
    int before = size;
    addCode(entry(src, from, to, plain));
    return size > before;
  }

  /** Adds one cell; returns the code of its value (for {@link #repeat}). */
  int addEntry(byte[] src, int from, int to, boolean plain) {
    int entry = entry(src, from, to, plain);
    addCode(entry);
    return entry;
  }

  /** Adds one more cell whose value has the code {@code entry} (one {@link #addEntry} returned). */
  void repeat(int entry) {
    addCode(entry);
  }

  /** Appends the cells of {@code later}, the column of the records that follow this one's. */
  void append(ColumnDictionary later) {
    int[] mapped = new int[later.size];
    for (int e = 0; e < later.size; e++) {
      int start = later.starts[e];
      mapped[e] = entry(later.arena, start, start + later.lengths[e], later.ascii[e]);
    }
    if (rows + later.rows > codes.length) {
      codes = Arrays.copyOf(codes, rows + later.rows);
    }
    for (int r = 0; r < later.rows; r++) {
      codes[rows++] = mapped[later.codes[r]];
    }
  }

  /** The code of a value, adding it when it is new. */
  private int entry(byte[] src, int from, int to, boolean plain) {
    if (slots == null) {
      throw new IllegalStateException("a column read from the cache takes no more values");
    }
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + src[i];
    }
    h ^= h >>> 16;
    int mask = slots.length - 1;
    int slot = h & mask;
    int n = to - from;
    while (true) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        break;
      }
      if (hashes[entry] == h && lengths[entry] == n && same(starts[entry], src, from, n)) {
        return entry;
      }
      slot = (slot + 1) & mask;
    }
    int entry = newEntry(src, from, to, plain, h);
    slots[slot] = entry + 1;
    if (size * 2 > slots.length) {
      rehash();
    }
    return entry;
  }

  /** Arrays.equals, written out because most values are a few bytes long and the call costs more. */
  private boolean same(int at, byte[] src, int from, int n) {
    for (int i = 0; i < n; i++) {
      if (arena[at + i] != src[from + i]) {
        return false;
      }
    }
    return true;
  }

  private int newEntry(byte[] src, int from, int to, boolean plain, int h) {
    int n = to - from;
    if (size == starts.length) {
      int grown = size * 2;
      starts = Arrays.copyOf(starts, grown);
      lengths = Arrays.copyOf(lengths, grown);
      hashes = Arrays.copyOf(hashes, grown);
      ascii = Arrays.copyOf(ascii, grown);
      texts = Arrays.copyOf(texts, grown);
    }
    if (arenaLength + n > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + n));
    }
    System.arraycopy(src, from, arena, arenaLength, n);
    starts[size] = arenaLength;
    lengths[size] = n;
    hashes[size] = h;
    ascii[size] = plain;
    arenaLength += n;
    return size++;
  }

  private void rehash() {
    int[] grown = new int[slots.length * 2];
    int mask = grown.length - 1;
    for (int e = 0; e < size; e++) {
      int slot = hashes[e] & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = e + 1;
    }
    slots = grown;
  }

  private void addCode(int entry) {
    if (rows == codes.length) {
      codes = Arrays.copyOf(codes, rows * 2);
    }
    codes[rows++] = entry;
  }

  /** The number of distinct values. */
  int size() {
    return size;
  }

  /** The number of cells added. */
  int rows() {
    return rows;
  }

  /** The code of each row (an index of a distinct value); the array may be longer than {@link #rows}. */
  int[] codes() {
    return codes;
  }

  /**
   * The texts of the entries {@code picked} (ascending entry codes), as a list that makes each String when it
   * is asked for: ten million ids held as Strings are about 0.5 GB of the heap, held as their bytes 0.1 GB.
   */
  List<String> textsOf(int[] picked) {
    int total = 0;
    for (int e : picked) {
      total += lengths[e];
    }
    byte[] bytes = new byte[total];
    int[] at = new int[picked.length + 1];
    boolean plain = true;
    for (int i = 0; i < picked.length; i++) {
      int e = picked[i];
      System.arraycopy(arena, starts[e], bytes, at[i], lengths[e]);
      at[i + 1] = at[i] + lengths[e];
      plain &= ascii[e];
    }
    return new Texts(bytes, at, plain ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** Texts stored back to back as bytes; immutable. */
  static final class Texts extends java.util.AbstractList<String> implements java.util.RandomAccess {
    private final byte[] bytes;
    private final int[] at;
    private final java.nio.charset.Charset charset;

    Texts(byte[] bytes, int[] at, java.nio.charset.Charset charset) {
      this.bytes = bytes;
      this.at = at;
      this.charset = charset;
    }

    @Override
    public String get(int i) {
      java.util.Objects.checkIndex(i, size());
      return new String(bytes, at[i], at[i + 1] - at[i], charset);
    }

    @Override
    public int size() {
      return at.length - 1;
    }
  }

  /** The text of a distinct value, made once. */
  String text(int entry) {
    String t = texts[entry];
    if (t == null) {
      t = new String(arena, starts[entry], lengths[entry],
          ascii[entry] ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      texts[entry] = t;
    }
    return t;
  }

  boolean isAscii(int entry) {
    return ascii[entry];
  }

  /** The bytes all distinct values are stored in; entry {@code e} is at {@link #start}, {@link #length}. */
  byte[] bytes() {
    return arena;
  }

  int start(int entry) {
    return starts[entry];
  }

  int length(int entry) {
    return lengths[entry];
  }
}
