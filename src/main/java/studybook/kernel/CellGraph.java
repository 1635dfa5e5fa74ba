package studybook.kernel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import studybook.Names;
import studybook.StudybookException;

/**
 * The cells of a study and their dependencies, checked as a whole before anything runs: every
 * input must be a cell or a built-in (else the nearest name is suggested), names are unique, types
 * fit, and there is no cycle. The run order is topological with ties broken by name, so it does not
 * depend on file order or reflection order.
 */
final class CellGraph {
  /** Names a cell may not take: the template model uses them. */
  static final Set<String> RESERVED = Set.of("study", "fmt");

  private final Map<String, CellSpec> cells;
  private final List<String> order;

  private CellGraph(Map<String, CellSpec> cells, List<String> order) {
    this.cells = cells;
    this.order = order;
  }

  Map<String, CellSpec> cells() {
    return cells;
  }

  /** Cell names in run order. */
  List<String> order() {
    return order;
  }

  static CellGraph build(ScriptCompiler.Compiled compiled, Study study, BuiltIns builtIns) {
    Map<String, CellSpec> cells = new TreeMap<>();
    for (Map.Entry<String, Path> e : compiled.topLevelClasses().entrySet()) {
      Class<?> c;
      try {
        c = Class.forName(e.getKey(), false, compiled.loader());
      } catch (ClassNotFoundException | LinkageError ex) {
        throw new StudybookException(study.display(e.getValue()) + ": class " + e.getKey() + " cannot be loaded: " + ex);
      }
      String display = study.display(e.getValue());
      List<Method> methods = new ArrayList<>();
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Cell.class)) {
          methods.add(m);
        }
      }
      methods.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (Method m : methods) {
        String name = m.getName();
        String where = display + ": cell '" + name + "'";
        if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
          throw new StudybookException(where + " must be a public method of a public class");
        }
        if (m.getReturnType() == void.class) {
          throw new StudybookException(where + " returns nothing; a cell returns what it is named for");
        }
        if (RESERVED.contains(name) || builtIns.has(name)) {
          throw new StudybookException(where + " uses a reserved name (" + String.join(", ", new TreeSet<>(union(
              RESERVED, builtIns.names()))) + "); rename it");
        }
        CellSpec previous = cells.get(name);
        if (previous != null) {
          throw new StudybookException("two cells are named '" + name + "': in " + previous.scriptDisplay()
              + (previous.scriptDisplay().equals(display) ? " (overloaded)" : " and " + display)
              + "; cell names must be unique");
        }
        List<String> inputs = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
          if (!p.isNamePresent()) {
            throw new StudybookException(where + ": parameter names are missing (compile with -parameters)");
          }
          inputs.add(p.getName());
        }
        if (!Modifier.isStatic(m.getModifiers())) {
          try {
            c.getConstructor();
          } catch (NoSuchMethodException ex) {
            throw new StudybookException(display + ": class " + c.getSimpleName()
                + " needs a public constructor without parameters");
          }
        }
        Cell a = m.getAnnotation(Cell.class);
        cells.put(name, new CellSpec(name, a.value(), e.getValue(), display, inputs, m));
      }
    }
    if (cells.isEmpty()) {
      throw new StudybookException("no cells found: annotate public methods in analysis/*.java with @studybook.kernel.Cell");
    }
    checkInputs(cells, builtIns);
    return new CellGraph(cells, order(cells));
  }

  private static void checkInputs(Map<String, CellSpec> cells, BuiltIns builtIns) {
    Set<String> known = union(cells.keySet(), builtIns.names());
    for (CellSpec cell : cells.values()) {
      Parameter[] params = cell.method().getParameters();
      for (int i = 0; i < params.length; i++) {
        String input = cell.inputs().get(i);
        String where = cell.scriptDisplay() + ": cell '" + cell.name() + "'";
        Class<?> produced;
        if (cells.containsKey(input)) {
          produced = wrap(cells.get(input).method().getReturnType());
        } else if (builtIns.has(input)) {
          produced = builtIns.type(input);
        } else {
          throw new StudybookException(where + " needs '" + input + "', which is neither a cell nor a built-in ("
              + String.join(", ", builtIns.names()) + ")" + Names.didYouMean(input, known));
        }
        Class<?> wanted = wrap(params[i].getType());
        if (!wanted.isAssignableFrom(produced) && !produced.isAssignableFrom(wanted)) {
          throw new StudybookException(where + " takes '" + input + "' as " + wanted.getSimpleName()
              + " but it is a " + produced.getSimpleName());
        }
      }
    }
  }

  /** Kahn's algorithm with a sorted ready set; a leftover means a cycle, which is then traced and named. */
  private static List<String> order(Map<String, CellSpec> cells) {
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (CellSpec c : cells.values()) {
      int n = 0;
      for (String in : new TreeSet<>(c.inputs())) {
        if (cells.containsKey(in)) {
          n++;
          dependents.computeIfAbsent(in, k -> new ArrayList<>()).add(c.name());
        }
      }
      pending.put(c.name(), n);
    }
    TreeSet<String> ready = new TreeSet<>();
    pending.forEach((k, v) -> {
      if (v == 0) {
        ready.add(k);
      }
    });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      order.add(next);
      for (String d : dependents.getOrDefault(next, List.of())) {
        if (pending.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    if (order.size() < cells.size()) {
      List<String> cycle = findCycle(cells, new TreeSet<>(cells.keySet()) {
        {
          removeAll(order);
        }
      });
      throw new StudybookException("the cells depend on each other in a cycle: " + String.join(" -> ", cycle)
          + " (in " + String.join(", ", new TreeSet<>(cycle.stream().map(n -> cells.get(n).scriptDisplay()).toList()))
          + ")");
    }
    return List.copyOf(order);
  }

  private static List<String> findCycle(Map<String, CellSpec> cells, TreeSet<String> stuck) {
    // Every stuck cell has a stuck input, so walking inputs from any stuck cell must revisit one.
    Map<String, Integer> seenAt = new LinkedHashMap<>();
    List<String> path = new ArrayList<>();
    String at = stuck.first();
    while (!seenAt.containsKey(at)) {
      seenAt.put(at, path.size());
      path.add(at);
      String from = at;
      at = new TreeSet<>(cells.get(from).inputs()).stream().filter(stuck::contains).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(seenAt.get(at), path.size()));
    cycle.add(at);
    // Report it in dependency direction (input first) so it reads "a -> b" as "a feeds b".
    Deque<String> reversed = new ArrayDeque<>();
    cycle.forEach(reversed::push);
    return new ArrayList<>(reversed);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  static Class<?> wrap(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return switch (c.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "boolean" -> Boolean.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> c;
    };
  }
}
