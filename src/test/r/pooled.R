# Reference values for `--imputations PATTERN` on `studybook linear`, `logistic` and `cox` (docs/CONTRACT.md,
# "Weighted, clustered and pooled fits"). Run from the project root:  Rscript src/test/r/pooled.R
# Written with R 4.2.2, mice 3.15.0, survival 3.5-3 (versions in versions.txt).
# The completed data sets come from mice(..., m = 5, seed = 25) and are committed (the imputation itself is
# not what is checked); each model is fitted on every one with with(imp, ...) and pooled:
# summary(pool(fits), conf.int = TRUE) and pool(fits)$pooled (riv, lambda, fmi). Complete-data df as mice
# takes them: df.residual for lm and glm, nevent - p for coxph. Limits are exp()'d for logistic and cox.
# Output: <name>_<k>.csv, cases.csv (case, command, pattern, args ';'-separated), expected.csv (case, path, value).
suppressPackageStartupMessages({ library(mice); library(survival) })
out <- "src/test/resources/reference/pooled"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("mice", packageVersion("mice")), paste("survival", packageVersion("survival"))),
           file.path(out, "versions.txt"))
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

lu <- lung[, c("time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss")]
imp_lung <- mice(lu, m = 5, seed = 25, printFlag = FALSE)
for (k in 1:5) write.csv(complete(imp_lung, k), file.path(out, sprintf("lung_%d.csv", k)), row.names = FALSE)
nh <- nhanes2
imp_nh <- mice(nh, m = 5, seed = 25, printFlag = FALSE)
for (k in 1:5) write.csv(complete(imp_nh, k), file.path(out, sprintf("nhanes_%d.csv", k)), row.names = FALSE)

rows <- list(); cases <- list()
add <- function(case, path, v) rows[[length(rows) + 1]] <<- data.frame(case = case, path = path, value = f17(v))
record <- function(case, command, pattern, args, fits, ratio, rename = identity) {
  cases[[length(cases) + 1]] <<- data.frame(case = case, command = command, pattern = pattern,
                                            args = paste(args, collapse = ";"))
  p <- pool(fits); s <- summary(p, conf.int = TRUE)
  first <- fits$analyses[[1]]
  add(case, "m", p$m); add(case, "n", if (inherits(first, "coxph")) first$n else nobs(first))  # rows, not events
  tr <- if (ratio) exp else identity
  for (i in seq_len(nrow(s))) {
    t <- rename(as.character(s$term[i]))
    add(case, paste0("terms[", t, "].estimate"), s$estimate[i]); add(case, paste0("terms[", t, "].se"), s$std.error[i])
    add(case, paste0("terms[", t, "].t"), s$statistic[i]); add(case, paste0("terms[", t, "].df"), s$df[i])
    add(case, paste0("terms[", t, "].p"), s$p.value[i])
    add(case, paste0("terms[", t, "].ci_low"), tr(s[["2.5 %"]][i])); add(case, paste0("terms[", t, "].ci_high"), tr(s[["97.5 %"]][i]))
    add(case, paste0("terms[", t, "].riv"), p$pooled$riv[i]); add(case, paste0("terms[", t, "].lambda"), p$pooled$lambda[i])
    add(case, paste0("terms[", t, "].fmi"), p$pooled$fmi[i])
  }
}

record("linear_lung", "linear", "lung_*.csv", c("--outcome", "wt.loss", "--terms", "age,sex,ph.karno"),
       with(imp_lung, lm(wt.loss ~ age + sex + ph.karno)), FALSE)
record("linear_nhanes", "linear", "nhanes_*.csv", c("--outcome", "chl", "--terms", "age,bmi"),
       with(imp_nh, lm(chl ~ age + bmi)), FALSE, function(t) sub("^age", "age=", t))
record("logistic_lung", "logistic", "lung_*.csv", c("--outcome", "status", "--event", "2", "--terms", "age,ph.karno,wt.loss"),
       with(imp_lung, glm(I(status == 2) ~ age + ph.karno + wt.loss, family = binomial)), TRUE)
record("logistic_nhanes", "logistic", "nhanes_*.csv", c("--outcome", "hyp", "--event", "yes", "--terms", "bmi,chl"),
       with(imp_nh, glm(hyp == "yes" ~ bmi + chl, family = binomial)), TRUE)
record("cox_lung", "cox", "lung_*.csv", c("--time", "time", "--event", "status", "--terms", "age,sex,ph.ecog,wt.loss"),
       with(imp_lung, coxph(Surv(time, status) ~ age + sex + ph.ecog + wt.loss)), TRUE)

write.csv(do.call(rbind, cases), file.path(out, "cases.csv"), row.names = FALSE)
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
