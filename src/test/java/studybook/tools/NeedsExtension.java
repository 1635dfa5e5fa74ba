package studybook.tools;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link Needs} test where its tools work. Where one is missing the test is disabled with the
 * reason, and the reason is also said once per tool on the console (Maven's test report alone would
 * show only "Skipped: 1"); where {@code STUDYBOOK_REQUIRE_TOOLS} requires the tool, the test fails.
 */
public final class NeedsExtension implements ExecutionCondition {
  private static final Set<OptionalTool> SAID = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    List<OptionalTool> tools = new ArrayList<>();
    context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, Needs.class))
        .ifPresent(n -> tools.addAll(List.of(n.value())));
    for (OptionalTool tool : tools) {
      var missing = tool.missing();
      if (missing.isEmpty()) {
        continue;
      }
      if (tool.required()) {
        throw new AssertionError(missing.get() + "; " + OptionalTool.REQUIRE + " requires it here");
      }
      if (SAID.add(tool)) {
        say("SKIPPED (optional tool): " + missing.get() + ". Tests marked @Needs(" + tool + ") are skipped.");
      }
      return ConditionEvaluationResult.disabled(missing.get());
    }
    return ConditionEvaluationResult.enabled(tools.isEmpty() ? "needs no optional tool" : "its tools work here");
  }

  /** Straight to the process's standard error, which Maven's console shows even when test output is redirected. */
  private static void say(String line) {
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    err.println(System.lineSeparator() + "[studybook] " + line);
  }
}
