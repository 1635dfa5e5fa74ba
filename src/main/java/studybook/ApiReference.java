package studybook;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The author's reference: the public signatures (constructors, methods, record components) of every
 * class the README's "Statistics a cell can call" names, written as Markdown ({@code docs/API.md}),
 * from the classes themselves by reflection so it cannot drift (ApiReferenceTest holds the committed
 * file to this output).
 */
public final class ApiReference {
  private static final Pattern NAMED = Pattern.compile("`((?:[a-z]+\\.)+[A-Z][A-Za-z0-9]*)`");

  private ApiReference() {}

  /** The classes the README section names, as {@code studybook.<name>}, in order of first mention. */
  public static List<String> classesNamedIn(String readme) {
    int start = readme.indexOf("Statistics a cell can call");
    if (start < 0) {
      return List.of();
    }
    int end = readme.indexOf("\n## ", start);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NAMED.matcher(section);
    while (m.find()) {
      out.add("studybook." + m.group(1));
    }
    return List.copyOf(out);
  }

  /**
   * The classes the reference covers, as the jar carries them ({@code studybook/api-classes.txt}, which
   * ApiReferenceTest holds equal to the README's list), for {@code studybook api}.
   */
  public static List<String> documentedClasses() {
    try (java.io.InputStream in = ApiReference.class.getResourceAsStream("/studybook/api-classes.txt")) {
      if (in == null) {
        throw new IllegalStateException("studybook/api-classes.txt is missing from the class path");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
          .map(String::strip).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The documented classes a name means: a simple name ({@code KmTable}), or a name with its package
   * (with or without the leading {@code studybook.}); case is ignored. Empty when none.
   */
  public static List<String> find(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String c : documentedClasses()) {
      String lc = c.toLowerCase(java.util.Locale.ROOT);
      if (lc.equals(n) || lc.equals("studybook." + n) || lc.endsWith("." + n)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The reference of {@code classNames} as Markdown. */
  public static String markdown(List<String> classNames) {
    StringBuilder s = new StringBuilder("# studybook API reference\n\n"
        + "Generated from the classes by `studybook.ApiReference` (regenerate: `mvn -B -o test -Dtest=ApiReferenceTest "
        + "-Dapi.write=true`): the public constructors, methods and record components of every class the README's "
        + "\"Statistics a cell can call\" names. Javadoc in the sources says what each does.\n");
    for (String name : classNames) {
      Class<?> c;
      try {
        c = Class.forName(name);
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException("the README names " + name + ", which does not exist", e);
      }
      s.append("\n## ").append(c.getName().substring("studybook.".length())).append("\n\n");
      if (c.isRecord()) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
          parts.add(type(rc.getGenericType()) + " " + rc.getName());
        }
        s.append("record ").append(c.getSimpleName()).append('(').append(String.join(", ", parts)).append(")\n\n");
      }
      List<String> lines = new ArrayList<>();
      List<Constructor<?>> constructors = new ArrayList<>(List.of(c.getConstructors()));
      constructors.sort(Comparator.comparing(ApiReference::params));
      for (Constructor<?> k : constructors) {
        lines.add("- `new " + c.getSimpleName() + "(" + params(k) + ")`");
      }
      List<Method> methods = new ArrayList<>();
      for (Method m : c.getMethods()) {
        if (m.getDeclaringClass() == c && !m.isSynthetic() && !m.isBridge()) {
          methods.add(m);
        }
      }
      methods.sort(Comparator.comparing(Method::getName).thenComparing(ApiReference::params));
      for (Method m : methods) {
        lines.add("- `" + (Modifier.isStatic(m.getModifiers()) ? "static " : "") + type(m.getGenericReturnType()) + " "
            + m.getName() + "(" + params(m) + ")`");
      }
      s.append(String.join("\n", lines)).append('\n');
    }
    return s.toString();
  }

  private static String params(Executable e) {
    List<String> out = new ArrayList<>();
    for (Parameter p : e.getParameters()) {
      String t = type(p.getParameterizedType());
      if (p.isVarArgs() && t.endsWith("[]")) {
        t = t.substring(0, t.length() - 2) + "...";
      }
      out.add(t + " " + p.getName());
    }
    return String.join(", ", out);
  }

  /** A type as an author writes it: simple names, generics kept. */
  private static String type(Type t) {
    return t.getTypeName().replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z])", "$1").replace('$', '.');
  }
}
