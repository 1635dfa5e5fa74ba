package studybook.spark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassVisitor;
import org.apache.xbean.asm9.Handle;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import org.apache.xbean.asm9.Type;
import studybook.StudybookException;

/**
 * Which cells can run on Spark, decided before any work starts by reading the cells' compiled code (with the ASM
 * that Spark itself ships, shaded as xbean-asm9): every method a cell calls, directly, through the study's own
 * helpers, or in a lambda or method reference, is looked up. A call that asks for the rows as Java arrays
 * ({@code Frame.values}, {@code SurvivalData.time()}, {@code withNumber}'s per-row lambda, ...) or a facility that
 * takes a frame and has no Spark path yet names the cell with the reason; the run then stops, nothing written.
 */
final class CellCheck {
  private static final String FRAME = "studybook/data/Frame";
  private static final String FRAME_DESC = "L" + FRAME + ";";

  /** Frame's verbs that the Spark plan carries out. */
  private static final Set<String> FRAME_ON_SPARK = Set.of("where(Lstudybook/data/Condition;)", "count", "countBy",
      "countTruthBy", "withFactor", "withLevelOrder", "rowCount", "columnNames", "has", "requireColumn", "kind",
      "levels", "variable", "codebook", "withCodebook", "withVariable", "filters", "withFilters", "droppedAsMissing",
      "source", "plan");

  /** Facilities that take a frame and have a Spark path: owner.name. */
  private static final Set<String> FACILITIES_ON_SPARK = Set.of("studybook/tables/GroupContrast.pearson",
      "studybook/data/Condition.describe", "studybook/tables/KmTable.of", "studybook/data/Surv.counts",
      "studybook/report/figures/KmPlot.of", "studybook/tables/Table1.of", "studybook/tables/GroupTable.of",
      "studybook/tables/RegressionTable.of", "studybook/tables/RegressionTable.ofTerms",
      "studybook/tables/RegressionTable.logistic");

  /** Calls that ask for the rows as arrays: owner.name, with the reason. */
  private static final Map<String, String> ARRAYS = Map.ofEntries(
      Map.entry("studybook/data/Surv.from", "builds the survival rows as Java arrays (SurvivalData)"),
      Map.entry("studybook/data/SurvivalData.time", "asks for the rows as Java arrays"),
      Map.entry("studybook/data/SurvivalData.event", "asks for the rows as Java arrays"),
      Map.entry("studybook/data/SurvivalData.group", "asks for the rows as Java arrays"),
      Map.entry("studybook/data/SurvivalData.rows", "asks for the rows as Java arrays"),
      Map.entry("studybook/data/Condition.truths", "asks for the rows as Java arrays"),
      Map.entry("studybook/data/Condition.test", "asks for the rows as Java arrays"),
      Map.entry(FRAME + ".withNumber", "computes a number per row with a Java lambda, which Spark cannot run as a"
          + " column expression"));

  private CellCheck() {}

  /** A call in a method: the callee's owner (internal name), name and descriptor. */
  record Call(String owner, String name, String desc) {}

  static void check(List<Method> cells) {
    Map<String, Map<String, List<Call>>> parsed = new HashMap<>();
    List<String> refused = new ArrayList<>();
    for (Method cell : cells) {
      ClassLoader loader = cell.getDeclaringClass().getClassLoader();
      Set<String> reasons = new LinkedHashSet<>();
      Set<Call> seen = new HashSet<>();
      Deque<Call> todo = new ArrayDeque<>();
      todo.add(new Call(Type.getInternalName(cell.getDeclaringClass()), cell.getName(),
          Type.getMethodDescriptor(cell)));
      while (!todo.isEmpty()) {
        Call m = todo.pop();
        if (!seen.add(m)) {
          continue;
        }
        for (Call c : calls(m, loader, parsed)) {
          if (studyClass(c.owner(), loader)) {
            todo.add(c);
          } else {
            String why = reason(c);
            if (why != null) {
              reasons.add(shown(c) + " " + why);
            }
          }
        }
      }
      if (!reasons.isEmpty()) {
        refused.add("  " + cell.getDeclaringClass().getSimpleName() + "." + cell.getName() + ": "
            + String.join("; ", reasons));
      }
    }
    if (!refused.isEmpty()) {
      throw new StudybookException("--engine spark: " + refused.size() + " cell" + (refused.size() == 1 ? "" : "s")
          + " cannot run on Spark, so nothing was run or written:\n" + String.join("\n", refused)
          + "\nrun the study with the local engine, or change these cells to use what runs on both engines"
          + " (README, \"Spark\")");
    }
  }

  /** Why a call of a kernel method cannot run on Spark, or null when it can (or takes no frame). */
  static String reason(Call c) {
    String key = c.owner() + "." + c.name();
    if (ARRAYS.containsKey(key)) {
      return ARRAYS.get(key);
    }
    if (c.owner().equals(FRAME)) {
      String withArgs = c.name() + c.desc().substring(0, c.desc().indexOf(')') + 1);
      if (FRAME_ON_SPARK.contains(c.name()) && !c.name().equals("where") || FRAME_ON_SPARK.contains(withArgs)) {
        return null;
      }
      if (c.name().startsWith("<") || c.name().equals("planned") || c.name().equals("ofColumns")
          || c.name().equals("fromTable")) {
        return null; // making a frame of this JVM's own arrays
      }
      return "asks for the rows as Java arrays";
    }
    if (!c.owner().startsWith("studybook/") || FACILITIES_ON_SPARK.contains(key)) {
      return null;
    }
    String args = c.desc().substring(0, c.desc().indexOf(')') + 1);
    return args.contains(FRAME_DESC) ? "has no Spark path yet (it reads the frame's rows as Java arrays)" : null;
  }

  private static String shown(Call c) {
    String owner = c.owner().substring(c.owner().lastIndexOf('/') + 1).replace('$', '.');
    return owner + "." + c.name() + "()";
  }

  /** Whether {@code owner} is one of the study's own classes (compiled from its scripts, loaded by the cell's loader). */
  private static boolean studyClass(String owner, ClassLoader loader) {
    if (owner.startsWith("java/") || owner.startsWith("studybook/") || owner.startsWith("[")) {
      return false;
    }
    try {
      return Class.forName(owner.replace('/', '.'), false, loader).getClassLoader() == loader;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The calls (and lambda or method-reference targets) in one method of a study class. */
  private static List<Call> calls(Call method, ClassLoader loader, Map<String, Map<String, List<Call>>> parsed) {
    Map<String, List<Call>> methods = parsed.computeIfAbsent(method.owner(), owner -> read(owner, loader));
    return methods.getOrDefault(method.name() + method.desc(), List.of());
  }

  private static Map<String, List<Call>> read(String owner, ClassLoader loader) {
    Map<String, List<Call>> out = new HashMap<>();
    try (InputStream in = loader.getResourceAsStream(owner + ".class")) {
      if (in == null) {
        throw new StudybookException("--engine spark: cannot read the compiled class " + owner + " to check its cells");
      }
      new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] ex) {
          List<Call> calls = out.computeIfAbsent(name + desc, k -> new ArrayList<>());
          return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
              calls.add(new Call(o, n, d));
            }

            @Override
            public void visitInvokeDynamicInsn(String n, String d, Handle bootstrap, Object... args) {
              for (Object a : args) {
                if (a instanceof Handle h) {
                  calls.add(new Call(h.getOwner(), h.getName(), h.getDesc()));
                }
              }
            }
          };
        }
      }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    } catch (IOException e) {
      throw new StudybookException("--engine spark: cannot read the compiled class " + owner + ": " + e.getMessage());
    }
    return out;
  }
}
