# Reference distribution for polytomous imputation (polyreg) of studybook's chained equations; as mice.R, on
# nhanes2 with age (three levels) also made missing in rows 3, 7, 12, 18 and 22, so mice imputes it by polyreg.
# Run from the project root:  Rscript src/test/r/mice_polyreg.R   (R 4.2.2, mice 3.15.0)
# mice is run R = 30 times with m = 50 (seeds 1..30); the mean and standard deviation over runs of the pooled
# estimate, standard error and fmi of lm(chl ~ age + bmi) are written to expected_polyreg.csv.
suppressPackageStartupMessages(library(mice))
out <- "src/test/resources/reference/mice"
d <- nhanes2
d$age[c(3, 7, 12, 18, 22)] <- NA
write.csv(d, file.path(out, "nhanes2_age.csv"), row.names = FALSE, na = "NA")
f17 <- function(v) sprintf("%.17g", v)
R <- 30; m <- 50
res <- list()
for (s in seq_len(R)) {
  imp <- mice(d, m = m, seed = s, printFlag = FALSE)
  stopifnot(identical(unname(imp$method), c("polyreg", "pmm", "logreg", "pmm")))
  p <- pool(with(imp, lm(chl ~ age + bmi))); su <- summary(p)
  res[[s]] <- data.frame(term = as.character(su$term), estimate = su$estimate, se = su$std.error, fmi = p$pooled$fmi)
}
all <- do.call(rbind, res)
rows <- list()
for (t in unique(all$term)) for (what in c("estimate", "se", "fmi")) {
  v <- all[all$term == t, what]
  rows[[length(rows) + 1]] <- data.frame(model = "linear", term = sub("^age", "age=", t), quantity = what,
                                         mean = f17(mean(v)), sd = f17(sd(v)), runs = R, m = m)
}
write.csv(do.call(rbind, rows), file.path(out, "expected_polyreg.csv"), row.names = FALSE)
