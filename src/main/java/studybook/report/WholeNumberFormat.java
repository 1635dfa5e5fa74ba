package studybook.report;

import freemarker.core.Environment;
import freemarker.core.TemplateNumberFormat;
import freemarker.core.TemplateNumberFormatFactory;
import freemarker.core.TemplateValueFormatException;
import freemarker.core.UnformattableValueException;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The number format of a plain {@code ${x}} in a template: whole numbers print as they are, and a
 * number with decimals is an error pointing at {@code fmt}, so no number reaches a report without
 * going through the one {@link NumberStyle}.
 */
final class WholeNumberFormat extends TemplateNumberFormat {
  static final String NAME = "whole";

  static final TemplateNumberFormatFactory FACTORY = new TemplateNumberFormatFactory() {
    @Override
    public TemplateNumberFormat get(String params, Locale locale, Environment env) {
      return new WholeNumberFormat();
    }
  };

  @Override
  public String formatToPlainText(TemplateNumberModel model) throws TemplateValueFormatException,
      TemplateModelException {
    Number n = model.getAsNumber();
    double d = n.doubleValue();
    if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return BigDecimal.valueOf(d).toBigInteger().toString();
    }
    throw new UnformattableValueException("the number " + n + " has decimals or is not finite; print it with fmt"
        + " (fmt.num, fmt.p, fmt.pct, fmt.or, fmt.ci) so it follows the report's number style");
  }

  @Override
  public boolean isLocaleBound() {
    return false;
  }

  @Override
  public String getDescription() {
    return "whole numbers only";
  }
}
