package studybook.report;

import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.DefaultMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How templates see results: records by their components ({@code r.n} as well as {@code r.n()}),
 * an empty Optional as a missing value, and otherwise only the public instance methods of the
 * study's and studybook's own classes. Nothing static, no constructors, no fields, no methods that
 * the JDK declares (so no getClass, class loaders or reflection).
 */
final class SandboxWrapper extends DefaultObjectWrapper {
  SandboxWrapper() {
    super(builder(), true);
  }

  private static DefaultObjectWrapperBuilder builder() {
    DefaultObjectWrapperBuilder b = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_33);
    b.setMemberAccessPolicy(new Policy());
    b.setExposeFields(false);
    b.setRecordZeroArgumentNonVoidMethodPolicy(
        ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
    b.setUseAdaptersForContainers(true);
    return b;
  }

  @Override
  protected TemplateModel handleUnknownType(Object obj) throws TemplateModelException {
    if (obj instanceof Optional<?> o) {
      return o.isPresent() ? wrap(o.get()) : null;
    }
    if (obj instanceof OptionalDouble o) {
      return o.isPresent() ? wrap(o.getAsDouble()) : null;
    }
    if (obj instanceof OptionalInt o) {
      return o.isPresent() ? wrap(o.getAsInt()) : null;
    }
    if (obj instanceof OptionalLong o) {
      return o.isPresent() ? wrap(o.getAsLong()) : null;
    }
    return super.handleUnknownType(obj);
  }

  private static final class Policy implements MemberAccessPolicy {
    private final MemberAccessPolicy base = DefaultMemberAccessPolicy.getInstance(Configuration.VERSION_2_3_33);

    @Override
    public ClassMemberAccessPolicy forClass(Class<?> c) {
      ClassMemberAccessPolicy b = base.forClass(c);
      return new ClassMemberAccessPolicy() {
        @Override
        public boolean isMethodExposed(Method m) {
          return !Modifier.isStatic(m.getModifiers()) && !fromJdk(m.getDeclaringClass()) && b.isMethodExposed(m);
        }

        @Override
        public boolean isConstructorExposed(Constructor<?> constructor) {
          return false;
        }

        @Override
        public boolean isFieldExposed(Field field) {
          return false;
        }
      };
    }

    @Override
    public boolean isToStringAlwaysExposed() {
      return true;
    }

    private static boolean fromJdk(Class<?> c) {
      String n = c.getName();
      return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
          || n.startsWith("com.sun.") || n.startsWith("freemarker.") || n.startsWith("tech.tablesaw.")
          || c.getClassLoader() == null;
    }
  }
}
