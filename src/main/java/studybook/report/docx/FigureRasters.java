package studybook.report.docx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a figure's PNG for the Word file comes from: drawn now ({@link #drawn()}), or from a folder of
 * earlier drawings ({@link #keptIn(Path, String)}). Drawing is a pure function of the SVG's bytes, the
 * width in pixels and the rasteriser (Batik, the shipped fonts, this code and the JDK, which the caller
 * names in {@code rasteriser}), so a kept PNG is the PNG a drawing would give: a run that recomputes
 * every cell of an unchanged figure need not pay Batik's cold start again (about 1 s of a 322-row run).
 *
 * <p>An entry is {@code <key>.png} with {@code <key>.sha256} beside it, the key being the SHA-256 of
 * what determines the pixels; an entry whose bytes no longer have their hash (truncated, edited) is drawn
 * again and replaced. Entries are written to a temporary file and moved into place, so a run that is
 * killed leaves no half entry. The folder keeps the {@value #KEEP} most recently written or used entries.
 * Only a run that trusts its work folder uses it; {@code check} and {@code verify} draw every figure.
 */
public final class FigureRasters {
  /** How many entries a folder keeps (a study has a handful of figures; this leaves room for several variants). */
  static final int KEEP = 64;

  private final Optional<Path> dir;
  private final String rasteriser;
  /** PNGs being made on the drawing thread ({@link #prepare}), by key. */
  private final java.util.Map<String, java.util.concurrent.CompletableFuture<byte[]>> pending =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** The drawing threads {@link #prepare} started. */
  private final List<Thread> drawing = new java.util.concurrent.CopyOnWriteArrayList<>();

  private FigureRasters(Optional<Path> dir, String rasteriser) {
    this.dir = dir;
    this.rasteriser = rasteriser;
  }

  /** Every figure drawn now. */
  public static FigureRasters drawn() {
    return new FigureRasters(Optional.empty(), "");
  }

  /**
   * Figures taken from {@code dir} when drawn there before by the same {@code rasteriser} (a text that
   * changes whenever anything that draws could change: the kernel's class path hash and the JDK version),
   * else drawn and kept there.
   */
  public static FigureRasters keptIn(Path dir, String rasteriser) {
    return new FigureRasters(Optional.of(dir), rasteriser);
  }

  /**
   * Starts making the PNGs of {@code figures} at the width the Word file gives them, one after another
   * on a drawing thread of their own, so that Batik draws while the caller renders the other outputs
   * (a second core is otherwise idle during a render); {@link DocxWriter} then takes them when it places
   * the figures. A figure the document does not place is made for nothing, and kept.
   */
  public void prepare(java.util.Collection<DocxFigure> figures) {
    java.util.List<Runnable> jobs = new java.util.ArrayList<>();
    for (DocxFigure figure : figures) {
      double inches = DocxWriter.widthTwips(figure) / 1440.0;
      String key = key(figure, inches);
      java.util.concurrent.CompletableFuture<byte[]> f = new java.util.concurrent.CompletableFuture<>();
      if (pending.putIfAbsent(key, f) == null) {
        jobs.add(() -> {
          try {
            f.complete(make(figure, inches, key));
          } catch (RuntimeException | LinkageError e) {
            f.completeExceptionally(e);
          }
        });
      }
    }
    if (!jobs.isEmpty()) {
      Thread t = new Thread(() -> jobs.forEach(Runnable::run), "studybook-figure-rasters");
      t.setDaemon(true);
      drawing.add(t);
      t.start();
    }
  }

  /**
   * Waits until every figure {@link #prepare}d has been made (a figure the document did not place may
   * still be drawing), so that no drawing outlives the render that asked for it; errors of such figures
   * are dropped, as no output shows them.
   */
  public void finish() {
    for (Thread t : drawing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    drawing.clear();
    pending.clear();
  }

  /** The figure's PNG {@code widthInches} wide at {@link FigureRaster#DPI}. */
  byte[] png(DocxFigure figure, double widthInches) {
    String key = key(figure, widthInches);
    java.util.concurrent.CompletableFuture<byte[]> prepared = pending.remove(key);
    if (prepared != null) {
      try {
        return prepared.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error r) {
          throw r;
        }
        throw e;
      }
    }
    return make(figure, widthInches, key);
  }

  private byte[] make(DocxFigure figure, double widthInches, String key) {
    if (dir.isEmpty()) {
      return FigureRaster.png(figure, widthInches);
    }
    Path png = dir.get().resolve(key + ".png");
    Path hash = dir.get().resolve(key + ".sha256");
    Optional<byte[]> kept = read(png, hash);
    if (kept.isPresent()) {
      touch(png);
      return kept.get();
    }
    byte[] drawn = FigureRaster.png(figure, widthInches);
    keep(png, hash, drawn);
    return drawn;
  }

  private String key(DocxFigure figure, double widthInches) {
    MessageDigest md = studybook.kernel.Hashes.sha256();
    md.update(("figure raster 1\n" + rasteriser + "\nwidth=" + Math.round(widthInches * FigureRaster.DPI)
        + "\ndpi=" + FigureRaster.DPI + "\n").getBytes(StandardCharsets.UTF_8));
    md.update(figure.svg().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  private static Optional<byte[]> read(Path png, Path hash) {
    try {
      if (!Files.isRegularFile(png) || !Files.isRegularFile(hash)) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(png);
      return studybook.kernel.Hashes.of(bytes).equals(Files.readString(hash, StandardCharsets.UTF_8).strip())
          ? Optional.of(bytes) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Best effort: a folder that cannot be written only means the next run draws again. */
  private void keep(Path png, Path hash, byte[] bytes) {
    Path tmp = null;
    try {
      Files.createDirectories(dir.get());
      tmp = Files.createTempFile(dir.get(), "raster", ".tmp");
      move(Files.write(tmp, bytes), png);
      tmp = Files.createTempFile(dir.get(), "raster", ".tmp");
      move(Files.writeString(tmp, studybook.kernel.Hashes.of(bytes) + "\n", StandardCharsets.UTF_8), hash);
      tmp = null;
      prune();
    } catch (IOException | RuntimeException e) {
      // drawn, not kept; a write that failed (a full disk) leaves no temporary file
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the next run's sweep removes it
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void touch(Path png) {
    try {
      Files.setLastModifiedTime(png, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // only the pruning order is affected
    }
  }

  /** Removes all but the {@value #KEEP} most recently used entries, and temporary files a killed run left. */
  private void prune() throws IOException {
    List<Path> entries;
    try (Stream<Path> files = Files.list(dir.get())) {
      entries = files.filter(f -> f.getFileName().toString().endsWith(".png"))
          .sorted(Comparator.comparing(FigureRasters::modified).reversed()).toList();
    }
    for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
      String name = old.getFileName().toString();
      Files.deleteIfExists(old.resolveSibling(name.substring(0, name.length() - 4) + ".sha256"));
      Files.deleteIfExists(old);
    }
    long hourAgo = System.currentTimeMillis() - 3_600_000L;
    try (Stream<Path> files = Files.list(dir.get())) {
      for (Path t : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
        if (modified(t) < hourAgo) {
          Files.deleteIfExists(t);
        }
      }
    }
  }

  private static long modified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
