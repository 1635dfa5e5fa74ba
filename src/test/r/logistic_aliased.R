# Reference for logistic regression on a rank-deficient design (issue 16): glm reports an aliased
# coefficient as NA and fits the rest. Run from the project root (after src/test/r/linear.R):
#   Rscript src/test/r/logistic_aliased.R
# Written with R 4.2.2. Data: src/test/resources/reference/linear/collinear.csv with a binary outcome
# yb = y > median(y); c = a + 2 b exactly, lbs = 1000 wt, h = (g == "p").
# Calls: which coefficients are NA in glm(yb ~ ..., family = binomial) (default control); then the estimable
# columns refitted with glm's default control (what summary(glm) reports); summary(fit)
# coefficients; exp(confint.default(fit)); AIC(fit); logLik(fit). Output: expected.csv (case, term,
# quantity, value) at 17 significant digits, NA for aliased.
out <- "src/test/resources/reference/logistic_aliased"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
d <- read.csv("src/test/resources/reference/linear/collinear.csv")
d$yb <- ifelse(d$y > median(d$y), "yes", "no")
write.csv(d, file.path(out, "collinear.csv"), row.names = FALSE)
cases <- list(list(name = "sum", terms = c("a", "b", "c")),
              list(name = "units", terms = c("wt", "lbs", "a")),
              list(name = "factor", terms = c("g", "h")))
rows <- list()
for (k in cases) {
  form <- as.formula(paste("I(yb == 'yes') ~", paste(k$terms, collapse = " + ")))
  # which coefficients are aliased: glm with its default control (QR tolerance min(1e-7, 1e-8 / 1000));
  # a smaller epsilon would shrink that tolerance too and hide the aliasing
  alias <- is.na(coef(glm(form, family = binomial, data = d)))
  X <- model.matrix(form, data = d)
  yb <- as.numeric(d$yb == "yes")
  # then the estimable columns with glm's default control, as studybook reports them
  fit <- glm(yb ~ 0 + X[, !alias], family = binomial)
  names(fit$coefficients) <- colnames(X)[!alias]
  ct <- summary(fit)$coefficients; rownames(ct) <- colnames(X)[!alias]
  ci <- exp(confint.default(fit)); rownames(ci) <- colnames(X)[!alias]
  full <- setNames(rep(NA_real_, ncol(X)), colnames(X)); full[!alias] <- coef(fit)
  cn <- sub("^g", "g=", names(full))
  add <- function(term, q, v) rows[[length(rows) + 1]] <<- data.frame(case = k$name, terms = paste(k$terms, collapse = ";"),
                                                                       term = term, quantity = q, value = f17(v))
  add("(model)", "aic", AIC(fit)); add("(model)", "loglik", as.numeric(logLik(fit))); add("(model)", "n", nobs(fit))
  for (i in seq_along(cn)) {
    nm <- names(full)[i]
    if (is.na(full[i])) {
      for (q in c("estimate", "se", "z", "p", "ci_low", "ci_high")) add(cn[i], q, NA)
    } else {
      add(cn[i], "estimate", ct[nm, 1]); add(cn[i], "se", ct[nm, 2]); add(cn[i], "z", ct[nm, 3])
      add(cn[i], "p", ct[nm, 4]); add(cn[i], "ci_low", ci[nm, 1]); add(cn[i], "ci_high", ci[nm, 2])
    }
  }
}
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
