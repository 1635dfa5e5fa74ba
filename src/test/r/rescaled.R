# Reference values for a rescaled regression term (studybook.tables.Term, issue 10): the odds ratio
# per 10 years of age, as R's I(age / 10).
# Run from the project root:  Rscript src/test/r/rescaled.R   (R 4.2.2, base stats)
# Reads src/test/resources/reference/compare/infert.csv (datasets::infert, as compare.R wrote it).
# Writes src/test/resources/reference/rescaled/infert_age10.csv: term, estimate, se, p (Wald), OR, Wald 95% CI.
d <- read.csv("src/test/resources/reference/compare/infert.csv")
d$case <- factor(d$case)
fit <- glm(case ~ I(age / 10) + induced, family = binomial, data = d)
s <- summary(fit)$coefficients
ci <- confint.default(fit)
out <- data.frame(term = c("(Intercept)", "age", "induced"), estimate = s[, 1], se = s[, 2], p = s[, 4],
  or = exp(s[, 1]), ci_low = exp(ci[, 1]), ci_high = exp(ci[, 2]))
write.csv(out, "src/test/resources/reference/rescaled/infert_age10.csv", row.names = FALSE)
