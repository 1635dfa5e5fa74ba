# Reference distribution for studybook's chained-equations imputation (studybook.stats.impute.ChainedEquations,
# the Imputation cell facility). Run from the project root:  Rscript src/test/r/mice.R
# Written with R 4.2.2 and mice 3.15.0 (versions in versions.txt).
# Draws cannot equal mice's, so what is checked is the distribution: mice(nhanes2) with its defaults (pmm for
# bmi and chl, logreg for hyp, maxit = 5) is run R = 40 times with m = 50 (seeds 1..40); for two analysis
# models each run is pooled (summary(pool(fits))) and the mean and the standard deviation over the runs of the
# pooled estimate, standard error and fmi are written. The test compares studybook's pooled numbers over many
# imputations with these means within a stated number of Monte Carlo standard deviations.
# Data: nhanes2 from mice (Schafer 1997, Table 6.14; an excerpt of the US National Health and Nutrition
# Examination Survey, a US government work in the public domain); committed as nhanes2.csv (NA for missing).
suppressPackageStartupMessages(library(mice))
out <- "src/test/resources/reference/mice"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("mice", packageVersion("mice"))), file.path(out, "versions.txt"))
write.csv(nhanes2, file.path(out, "nhanes2.csv"), row.names = FALSE, na = "NA")
f17 <- function(v) sprintf("%.17g", v)
R <- 40; m <- 50
models <- list(
  linear = function(imp) with(imp, lm(chl ~ age + bmi)),
  logistic = function(imp) with(imp, glm(hyp == "yes" ~ bmi + chl, family = binomial)))
res <- list()
for (s in seq_len(R)) {
  imp <- mice(nhanes2, m = m, seed = s, printFlag = FALSE)
  stopifnot(identical(unname(imp$method), c("", "pmm", "logreg", "pmm")), imp$iteration == 5)
  for (name in names(models)) {
    p <- pool(models[[name]](imp)); su <- summary(p)
    res[[length(res) + 1]] <- data.frame(model = name, run = s, term = as.character(su$term),
                                         estimate = su$estimate, se = su$std.error, fmi = p$pooled$fmi)
  }
}
all <- do.call(rbind, res)
rename <- function(t) sub("^age", "age=", t)
rows <- list()
for (name in names(models)) for (t in unique(all$term[all$model == name])) {
  d <- all[all$model == name & all$term == t, ]
  for (what in c("estimate", "se", "fmi"))
    rows[[length(rows) + 1]] <- data.frame(model = name, term = rename(t), quantity = what,
                                           mean = f17(mean(d[[what]])), sd = f17(sd(d[[what]])), runs = R, m = m)
}
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
