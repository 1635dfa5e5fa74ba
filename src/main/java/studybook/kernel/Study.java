package studybook.kernel;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import studybook.StudybookException;

/**
 * A study folder: {@code study.properties}, the analysis scripts in {@code analysis/}, the
 * templates in {@code templates/} and the data file it names. Opening checks that these exist, so
 * a run fails before compiling anything when the layout is wrong.
 */
public final class Study {
  public static final String PROPERTIES = "study.properties";
  public static final String ANALYSIS = "analysis";
  public static final String TEMPLATES = "templates";
  public static final String REPORT_TEMPLATE = "templates/report.md.ftl";
  public static final String PAGE_TEMPLATE = "templates/page.html.ftl";

  private final Path dir;
  private final Map<String, String> settings;
  private final Path data;
  private final Optional<Path> codebook;
  private final long seed;
  private final boolean synthetic;
  private final List<Path> scripts;
  /** study.properties as parsed here, and what identified its content then: a run hashes these bytes, not a second read. */
  private byte[] propertiesBytes;
  private Object propertiesStamp;
  /** The data as an engine that reads them itself is given them (a folder or a URI), or null for a local data file. */
  private String dataLocation;

  private Study(Path dir, Map<String, String> settings, Path data, Optional<Path> codebook, long seed,
      boolean synthetic, List<Path> scripts) {
    this.dir = dir;
    this.settings = settings;
    this.data = data;
    this.codebook = codebook;
    this.seed = seed;
    this.synthetic = synthetic;
    this.scripts = scripts;
  }

  /**
   * Opens the study in {@code dir}.
   *
   * @param dataOverride a data file to use instead of the {@code data} setting (as {@code --data} does);
   *     a relative path is taken relative to the working directory, as on a command line
   */
  public static Study open(Path dir, Optional<Path> dataOverride) {
    return open(dir, dataOverride.map(Path::toString), false);
  }

  /**
   * Opens the study for an engine that reads the data itself (Spark). The data ({@code dataOverride}, as
   * {@code --data} gives it, else the {@code data} setting) may then be, besides a local file, anything Spark
   * reads: a folder (Spark's output: part files beside {@code _SUCCESS}), or a URI such as {@code hdfs://},
   * {@code s3a://} or {@code file://}. A path that names a file on this machine stays that file (hashed from its
   * bytes, as for the local engine); a folder or a {@code file://} folder on this machine is given to Spark as a
   * {@code file://} URI; any other path or URI is given to Spark as written (a path without a scheme then lies on the
   * cluster's default file system) and is hashed by the engine ({@link #dataLocation()}, {@link RunInputs}).
   */
  public static Study openForEngine(Path dir, Optional<String> dataOverride) {
    return open(dir, dataOverride, true);
  }

  private static final java.util.regex.Pattern URI_SCHEME = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+)://.*");

  private static Study open(Path dir, Optional<String> dataOverride, boolean engineReads) {
    Path root = dir.toAbsolutePath().normalize();
    Path propertiesFile = root.resolve(PROPERTIES);
    if (!Files.isRegularFile(propertiesFile)) {
      throw new StudybookException(root + " is not a study: it has no " + PROPERTIES
          + " (run studybook from the study folder or pass --study DIR)");
    }
    Properties p = new Properties();
    Object stamp = RunInputs.stamp(propertiesFile);
    byte[] propertiesBytes;
    try {
      propertiesBytes = Files.readAllBytes(propertiesFile);
      p.load(new java.io.StringReader(utf8Text(propertiesBytes)));
    } catch (IOException | IllegalArgumentException e) {
      throw new StudybookException(PROPERTIES + ": cannot be read: " + (e instanceof IOException io
          ? studybook.IoProblem.describe(io) : e.getMessage()));
    }
    Map<String, String> settings = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).trim()));
    checkKeys(root, settings.keySet());
    Path data;
    String dataLocation = null;
    String given = dataOverride.orElse(settings.get("data"));
    if (given == null || given.isEmpty()) {
      throw new StudybookException(PROPERTIES + ": 'data' is not set; name the data CSV (e.g. data=data/study.csv)");
    }
    java.util.regex.Matcher scheme = URI_SCHEME.matcher(given);
    if (engineReads && scheme.matches()) {
      Path local = null;
      if (scheme.group(1).equalsIgnoreCase("file")) {
        try {
          local = Path.of(java.net.URI.create(given)).normalize();
        } catch (IllegalArgumentException e) {
          throw new StudybookException("the data location '" + given + "' is not a file:// URI Java reads: "
              + e.getMessage());
        }
      }
      if (local != null && Files.isRegularFile(local)) {
        data = local;
      } else {
        dataLocation = local != null && Files.isDirectory(local) ? fileUri(local) : given;
        data = Path.of(dataLocation.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]+://", "/"));
      }
    } else {
      data = dataOverride.isPresent() ? Path.of(given).toAbsolutePath().normalize() : root.resolve(given).normalize();
      if (engineReads && Files.isDirectory(data)) {
        dataLocation = fileUri(data);
      } else if (engineReads && !Files.exists(data) && dataOverride.isPresent()) {
        // not on this machine: a path on the cluster's default file system, as Spark reads it
        dataLocation = given;
      }
    }
    if (dataOverride.isPresent()) {
      settings.put("data", dataLocation != null ? dataLocation : data.toString());
    }
    if (!engineReads && scheme.matches()) {
      throw new StudybookException("the data " + given + (dataOverride.isPresent() ? " (--data)" : " (" + PROPERTIES
          + ": data)") + " is a URI; only the Spark engine reads one (run --engine spark); the local engine reads a"
          + " file on this machine");
    }
    if (dataLocation == null && Files.isDirectory(data)) {
      throw new StudybookException("the data " + data + (dataOverride.isPresent() ? " (--data)" : " (" + PROPERTIES
          + ": data)") + " is a folder; only the Spark engine reads a folder of part files (run --engine spark); the"
          + " local engine reads one file");
    }
    if (dataLocation == null && !Files.isRegularFile(data)) {
      throw new StudybookException("the data file " + data + " does not exist"
          + (dataOverride.isPresent() ? " (--data)" : " (" + PROPERTIES + ": data)"));
    }
    Optional<Path> codebook = Optional.ofNullable(settings.get("codebook")).filter(s -> !s.isEmpty())
        .map(s -> root.resolve(s).normalize());
    if (codebook.isPresent() && !Files.isRegularFile(codebook.get())) {
      throw new StudybookException(PROPERTIES + ": codebook " + codebook.get() + " does not exist");
    }
    String claims = settings.getOrDefault("claims", "");
    if (!claims.isEmpty() && !Files.isRegularFile(root.resolve(claims))) {
      throw new StudybookException(PROPERTIES + ": claims " + root.resolve(claims).normalize() + " does not exist");
    }
    long seed;
    try {
      seed = Long.parseLong(settings.getOrDefault("seed", "0"));
    } catch (NumberFormatException e) {
      throw new StudybookException(PROPERTIES + ": seed must be a whole number, not '" + settings.get("seed") + "'");
    }
    String syn = settings.getOrDefault("synthetic", "false");
    if (!syn.equals("true") && !syn.equals("false")) {
      throw new StudybookException(PROPERTIES + ": synthetic must be true or false, not '" + syn + "'");
    }
    // templates/ is optional: without report.md.ftl the report is the default one, without
    // page.html.ftl the built-in page (studybook.report.Templates).
    if (Files.isDirectory(root.resolve(TEMPLATES))) {
      templatesStayInside(root);
    }
    List<Path> scripts = new ArrayList<>();
    Path analysis = root.resolve(ANALYSIS);
    if (Files.isDirectory(analysis)) {
      try (Stream<Path> s = Files.list(analysis)) {
        s.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f)).sorted()
            .forEach(scripts::add);
      } catch (IOException e) {
        throw new StudybookException("cannot list " + analysis + ": " + studybook.IoProblem.describe(e));
      }
    }
    if (scripts.isEmpty()) {
      throw new StudybookException("the study has no analysis scripts (" + ANALYSIS + "/*.java)");
    }
    Study study = new Study(root, Collections.unmodifiableMap(settings), data, codebook, seed, syn.equals("true"),
        List.copyOf(scripts));
    study.propertiesBytes = propertiesBytes;
    study.dataLocation = dataLocation;
    study.propertiesStamp = stamp != null && stamp.equals(RunInputs.stamp(propertiesFile)) ? stamp : null;
    return study;
  }

  /** The bytes of study.properties this study was opened from, if its file still has the same {@code stamp}. */
  Optional<byte[]> propertiesBytes(Object stamp) {
    return stamp != null && stamp.equals(propertiesStamp) ? Optional.of(propertiesBytes) : Optional.empty();
  }

  /** The settings the kernel and the report read; a study's own keys are those its scripts or templates name. */
  public static final java.util.Set<String> KNOWN_SETTINGS = java.util.Set.of("title", "data", "codebook", "claims", "seed",
      "synthetic", "synthetic.note", "style.p_decimals", "style.pct_decimals", "style.or_decimals", "style.decimals",
      "style.ci_separator", "style.journal", "style.reference_docx", "style.show_statistic", "style.paper",
      "data.categorical", "cell.timeout_seconds",
      "data.format", "data.delimiter", "data.decimal", "data.encoding", "data.sheet", "data.dictionary");

  /** Prefixes of settings families (data.levels.VAR; abbreviations.EMR, which tables define in their notes). */
  public static final List<String> KNOWN_SETTING_PREFIXES = List.of("data.levels.", "abbreviations.");

  /** study.properties as text: UTF-8 with or without a byte-order mark; anything else is located. */
  private static String utf8Text(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
        ? 3 : 0;
    var decoder = StandardCharsets.UTF_8.newDecoder();
    int line = 1;
    int lineStart = start;
    for (int i = start; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes, lineStart, i - lineStart));
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new StudybookException(PROPERTIES + ":" + line + ": is not UTF-8 text; save the file as UTF-8"
              + " (in a Windows or Latin-1 encoding, letters such as é are not read as written)");
        }
        line++;
        lineStart = i + 1;
      }
    }
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }

  /**
   * An unknown setting is an error with the nearest known name, so a typo (style.p_decimal) is never
   * silently ignored. Known: the kernel's and report's settings, and any key the study's own scripts
   * or templates name (they read their settings by name).
   */
  private static void checkKeys(Path root, java.util.Set<String> keys) {
    List<String> unknown = new ArrayList<>();
    for (String k : keys) {
      if (!KNOWN_SETTINGS.contains(k) && KNOWN_SETTING_PREFIXES.stream().noneMatch(k::startsWith)) {
        unknown.add(k);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    StringBuilder studyText = new StringBuilder();
    for (String folder : List.of(ANALYSIS, TEMPLATES)) {
      Path f = root.resolve(folder);
      if (!Files.isDirectory(f)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(f)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          studyText.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
        }
      } catch (IOException e) {
        throw new StudybookException("cannot read " + folder + "/: " + studybook.IoProblem.describe(e));
      }
    }
    String text = studyText.toString();
    for (String k : unknown) {
      if (!text.contains(k)) {
        throw new StudybookException(PROPERTIES + ": unknown setting '" + k + "'"
            + studybook.Names.didYouMean(k, KNOWN_SETTINGS) + " (a study's own settings are those its scripts or"
            + " templates name)");
      }
    }
  }

  /**
   * Every file under templates/ must lie there once links are resolved: FreeMarker refuses a template
   * that leads elsewhere, and a study's templates are its inputs, hashed and checked with it.
   */
  private static void templatesStayInside(Path root) {
    Path templates = root.resolve(TEMPLATES);
    try (Stream<Path> files = Files.walk(templates)) {
      Path real = templates.toRealPath();
      for (Path f : files.toList()) {
        Path target;
        try {
          target = f.toRealPath();
        } catch (IOException e) {
          throw new StudybookException(TEMPLATES + "/" + templates.relativize(f) + ": " + studybook.IoProblem.describe(e)
              + (Files.isSymbolicLink(f) ? " (a broken link)" : ""));
        }
        if (!target.startsWith(real)) {
          throw new StudybookException(TEMPLATES + "/" + templates.relativize(f) + " is a link to " + target
              + ", outside " + TEMPLATES + "/; copy the template into the study instead (a study's templates are"
              + " part of it, hashed and checked)");
        }
      }
    } catch (IOException e) {
      throw new StudybookException("cannot list " + TEMPLATES + "/: " + studybook.IoProblem.describe(e));
    }
  }

  /** The study folder, absolute. */
  public Path dir() {
    return dir;
  }

  /** study.properties, sorted by key, with {@code data} replaced by the override if one was given. */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * The data file; for data an engine reads itself ({@link #dataLocation()}), a stand-in path whose file name is the
   * location's last part (a key for the run's inputs, never opened).
   */
  public Path data() {
    return data;
  }

  /**
   * The data as the engine is given them when they are not one file on this machine (a folder, as a {@code file://}
   * URI, or a cluster path or URI as written); empty for a local data file. Only {@link #openForEngine} sets it.
   */
  public Optional<String> dataLocation() {
    return Optional.ofNullable(dataLocation);
  }

  private static String fileUri(Path folder) {
    String u = folder.toAbsolutePath().normalize().toUri().toString();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  public Optional<Path> codebook() {
    return codebook;
  }

  /** The claims file (the {@code claims} setting): the published numbers the study is checked against. */
  public Optional<Path> claims() {
    return Optional.ofNullable(settings.get("claims")).filter(c -> !c.isEmpty()).map(c -> dir.resolve(c).normalize());
  }

  public long seed() {
    return seed;
  }

  public boolean synthetic() {
    return synthetic;
  }

  /** The banner text shown on a report of synthetic data, or "" . */
  public String syntheticNote() {
    return settings.getOrDefault("synthetic.note", "");
  }

  public String title() {
    return settings.getOrDefault("title", dir.getFileName().toString());
  }

  /** analysis/*.java, sorted by file name. */
  public List<Path> scripts() {
    return scripts;
  }

  public Path reportTemplate() {
    return dir.resolve(REPORT_TEMPLATE);
  }

  public Path pageTemplate() {
    return dir.resolve(PAGE_TEMPLATE);
  }

  /** Where the cache and the lock live (git-ignored). */
  public Path workDir() {
    return dir.resolve(".studybook");
  }

  /** The path of {@code file} as shown to the user: relative to the study when inside it. */
  public String display(Path file) {
    if (dataLocation != null && file.equals(data)) {
      return dataLocation;
    }
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(dir) ? dir.relativize(abs).toString().replace('\\', '/') : abs.toString();
  }

  /**
   * Every file the results depend on, by display name: the settings, data, codebook, claims, scripts and
   * templates. The manifest records their hashes and {@code check} compares them with the disk.
   */
  /** The REDCap data dictionary that {@code data.dictionary} names, resolved against the study folder. */
  public java.util.Optional<Path> dataDictionary() {
    String d = settings.getOrDefault("data.dictionary", "").trim();
    return d.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(dir.resolve(d).normalize());
  }

  /** The journal's Word template that {@code style.reference_docx} names, resolved against the study folder. */
  public java.util.Optional<Path> referenceDocx() {
    String d = settings.getOrDefault("style.reference_docx", "").trim();
    return d.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(dir.resolve(d).normalize());
  }

  public Map<String, Path> inputs() {
    Map<String, Path> in = new TreeMap<>();
    referenceDocx().filter(Files::isRegularFile).ifPresent(r -> in.put(display(r), r));
    in.put(display(dir.resolve(PROPERTIES)), dir.resolve(PROPERTIES));
    in.put(display(data), data);
    codebook.ifPresent(c -> in.put(display(c), c));
    dataDictionary().ifPresent(d -> in.put(display(d), d));
    claims().ifPresent(c -> in.put(display(c), c));
    scripts.forEach(s -> in.put(display(s), s));
    // Every file under templates/, since a template may include others.
    if (!Files.isDirectory(dir.resolve(TEMPLATES))) {
      return in;
    }
    try (Stream<Path> t = Files.walk(dir.resolve(TEMPLATES))) {
      t.filter(Files::isRegularFile).forEach(f -> in.put(display(f), f));
    } catch (IOException e) {
      throw new StudybookException("cannot list " + TEMPLATES + "/: " + studybook.IoProblem.describe(e));
    }
    return in;
  }
}
