package studybook.report;

import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateMethodModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateSequenceModel;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A template's view of a result that remembers where each value came from: {@code cohort.total},
 * {@code table4.groups.1.n} (list items by index, as {@link studybook.claims.ResultPath} reads them).
 * Each model the template reaches from a result is the object wrapper's own model behind a proxy with the
 * same interfaces that also answers {@link Pathed#studybookPath()}; so a number helper knows the path of
 * the number it prints ({@link Inline number marks}), and everything else a template does with the value
 * works as before.
 */
final class PathModels {
  private PathModels() {}

  /** A model that knows its result path. */
  interface Pathed {
    String studybookPath();

    TemplateModel studybookTarget();
  }

  /**
   * The last name a template asked of a result that the result does not have ({@code cohort.totl}):
   * kept until the next name it asks, so a helper given that missing value, or FreeMarker's own
   * "missing" error, can say which name was meant. One per rendering thread.
   */
  record Miss(String parent, String name, List<String> known) {
    /** "cohort has no 'totl'; did you mean 'total'?" */
    String message() {
      return parent + " has no '" + name + "'" + studybook.Names.didYouMean(name, known);
    }
  }

  private static final ThreadLocal<Miss> MISS = new ThreadLocal<>();

  /** The miss of the last name asked, if that name was missing. */
  static java.util.Optional<Miss> lastMiss() {
    return java.util.Optional.ofNullable(MISS.get());
  }

  static void forgetMiss() {
    MISS.remove();
  }

  /** {@code model} behind a proxy naming {@code path}; null stays null. */
  static TemplateModel wrap(TemplateModel model, String path) {
    if (model == null || model instanceof Pathed) {
      return model;
    }
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = model.getClass(); c != null; c = c.getSuperclass()) {
      collect(c, interfaces);
    }
    interfaces.add(Pathed.class);
    return (TemplateModel) Proxy.newProxyInstance(PathModels.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
        new Handler(model, path));
  }

  /** The model a proxy stands for, or the model itself. */
  static TemplateModel target(TemplateModel model) {
    return model instanceof Pathed p ? p.studybookTarget() : model;
  }

  /** The path of a model, or "" when it has none. */
  static String path(Object model) {
    return model instanceof Pathed p ? p.studybookPath() : "";
  }

  private static void collect(Class<?> c, Set<Class<?>> out) {
    for (Class<?> i : c.getInterfaces()) {
      if (Modifier.isPublic(i.getModifiers())) {
        out.add(i);
      }
      collect(i, out);
    }
  }

  private record Handler(TemplateModel target, String path) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String name = m.getName();
      if (name.equals("studybookPath") && m.getDeclaringClass() == Pathed.class) {
        return path;
      }
      if (name.equals("studybookTarget") && m.getDeclaringClass() == Pathed.class) {
        return target;
      }
      if (name.equals("equals") && args != null && args.length == 1) {
        return target.equals(args[0] instanceof Pathed p ? p.studybookTarget() : args[0]);
      }
      Object r;
      try {
        r = m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (name.equals("get") && args != null && args.length == 1 && args[0] instanceof String key
          && target instanceof TemplateHashModel) {
        MISS.remove();
        if (r == null && target instanceof TemplateHashModelEx ex) {
          List<String> known = new ArrayList<>();
          for (TemplateModelIterator it = ex.keys().iterator(); it.hasNext(); ) {
            if (it.next() instanceof TemplateScalarModel k) {
              known.add(k.getAsString());
            }
          }
          if (!known.contains(key)) {
            MISS.set(new Miss(path, key, known));
          }
        }
      }
      if (name.equals("getBeforeMethodCall") && args != null && args.length == 1 && args[0] instanceof String key
          && r instanceof TemplateModel t) {
        // curve.totalEvents(): the method, and so its value, named by the method.
        return wrap(t, path + "." + key);
      }
      if (name.equals("get") && args != null && args.length == 1 && r instanceof TemplateModel t) {
        if (args[0] instanceof String key && target instanceof TemplateHashModel) {
          return wrap(t, path + "." + key);
        }
        if (args[0] instanceof Integer i && target instanceof TemplateSequenceModel) {
          return wrap(t, path + "." + i);
        }
      }
      if (name.equals("exec") && target instanceof TemplateMethodModel && r instanceof TemplateModel t) {
        // A method of a result (curve.totalEvents()): its value is named by the method.
        return wrap(t, path);
      }
      if (name.equals("iterator") && target instanceof TemplateCollectionModel && r instanceof TemplateModelIterator it) {
        return new TemplateModelIterator() {
          private int index;

          @Override
          public TemplateModel next() throws freemarker.template.TemplateModelException {
            return wrap(it.next(), path + "." + index++);
          }

          @Override
          public boolean hasNext() throws freemarker.template.TemplateModelException {
            return it.hasNext();
          }
        };
      }
      return r;
    }
  }
}
