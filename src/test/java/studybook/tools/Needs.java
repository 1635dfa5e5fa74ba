package studybook.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class (or method) that needs an optional tool: skipped with the reason where the tool is
 * absent, failed instead where {@code STUDYBOOK_REQUIRE_TOOLS} requires it (CI). See {@link OptionalTool}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsExtension.class)
public @interface Needs {
  OptionalTool[] value();
}
