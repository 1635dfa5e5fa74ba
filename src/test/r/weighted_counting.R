# Reference values for `studybook cox --start S` combined with `--weights` and `--cluster` (docs/CONTRACT.md,
# "cox" and "Weighted, clustered and pooled fits"). Run from the project root:
#   Rscript src/test/r/weighted_counting.R
# Written with R 4.2.2 and survival 3.4 (versions in versions.txt). Same file shapes as weighted.R.
# Each case is
#   fit <- coxph(Surv(start, stop, event) ~ terms [+ strata(s)], data, weights = w, cluster = id, ties = ties)
# (survival refuses robust = TRUE without a cluster or id on (start, stop] data: a patient's rows are not
# independent; so does studybook)
# on survival's heart (Stanford heart transplant, transplant a time-varying exposure, several rows per
# patient): summary(fit)'s robust se, z and p, exp(confint(fit)), sqrt(diag(fit$naive.var)), fit$wald.test,
# fit$loglik, AIC(fit), summary(fit)$concordance. Weights are per patient (some 0: those rows drop out, as the contract says).
suppressPackageStartupMessages(library(survival))
out <- "src/test/resources/reference/weighted_counting"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), file.path(out, "versions.txt"))
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(2512)
h <- heart
pw <- round(runif(max(h$id), 0.3, 2.5), 2)
pw[c(7, 40)] <- 0
h$w <- pw[h$id]
h$transplant <- as.integer(as.character(h$transplant))
write.csv(h, file.path(out, "heart_w.csv"), row.names = FALSE, na = "")

rows <- list(); cases <- list()
add <- function(case, path, v) rows[[length(rows) + 1]] <<- data.frame(case = case, path = path, value = f17(v))
cox <- function(case, terms, weights = NULL, cluster = NULL, strata = NULL, ties = "efron") {
  args <- c("--start", "start", "--time", "stop", "--event", "event", "--terms", paste(terms, collapse = ","),
            "--ties", ties)
  if (!is.null(weights)) args <- c(args, "--weights", weights)
  if (!is.null(cluster)) args <- c(args, "--cluster", cluster)
  if (!is.null(strata)) args <- c(args, "--strata", strata)
  cases[[length(cases) + 1]] <<- data.frame(case = case, command = "cox", file = "heart_w.csv",
                                            args = paste(args, collapse = ";"))
  d <- h
  if (!is.null(weights)) d <- d[d[[weights]] > 0, ]
  rhs <- paste(c(terms, if (!is.null(strata)) paste0("strata(", strata, ")")), collapse = " + ")
  form <- as.formula(paste("Surv(start, stop, event) ~", rhs))
  d$.w <- if (is.null(weights)) 1 else d[[weights]]
  fit <- if (is.null(cluster)) coxph(form, data = d, weights = .w, robust = TRUE, ties = ties)
         else coxph(form, data = d, weights = .w, cluster = d[[cluster]], ties = ties)
  s <- summary(fit); ci <- exp(confint(fit))
  add(case, "n", fit$n); add(case, "events", fit$nevent); add(case, "converged", 1); add(case, "iterations", fit$iter)
  add(case, "loglik", fit$loglik[2]); add(case, "loglik_null", fit$loglik[1]); add(case, "aic", AIC(fit))
  # summary(fit)$concordance: weighted pairs, the jackknife se summed within clusters
  add(case, "concordance", s$concordance[1]); add(case, "concordance_se", s$concordance[2])
  add(case, "tests.wald.chisq", fit$wald.test); add(case, "tests.wald.df", length(coef(fit)))
  add(case, "tests.wald.p", pchisq(fit$wald.test, length(coef(fit)), lower.tail = FALSE))
  cn <- names(coef(fit)); sc <- s$coefficients; naive <- sqrt(diag(fit$naive.var))
  for (i in seq_along(cn)) {
    add(case, paste0("terms[", cn[i], "].estimate"), sc[i, "coef"]); add(case, paste0("terms[", cn[i], "].se"), sc[i, "robust se"])
    add(case, paste0("terms[", cn[i], "].se_naive"), naive[i]); add(case, paste0("terms[", cn[i], "].z"), sc[i, "z"])
    add(case, paste0("terms[", cn[i], "].p"), sc[i, "Pr(>|z|)"]); add(case, paste0("terms[", cn[i], "].hr"), sc[i, "exp(coef)"])
    add(case, paste0("terms[", cn[i], "].ci_low"), ci[i, 1]); add(case, paste0("terms[", cn[i], "].ci_high"), ci[i, 2])
  }
}
cox("heart_cluster", c("age", "surgery", "transplant"), cluster = "id")
cox("heart_weights_cluster", c("age", "surgery", "transplant"), weights = "w", cluster = "id")
cox("heart_weights_cluster_breslow", c("age", "transplant"), weights = "w", cluster = "id", ties = "breslow")
cox("heart_weights_cluster_strata", c("age", "transplant"), weights = "w", cluster = "id", strata = "surgery")
write.csv(do.call(rbind, cases), file.path(out, "cases.csv"), row.names = FALSE)
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
