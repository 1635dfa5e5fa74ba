# The benchmark's work in R, for the ratio in bench/RESULTS.md: read the registry, describe 9
# variables by recurrence (summaries + Welch t / Pearson chi-squared as the studybook defaults pick
# them), the 9-term logistic model of lvi, and Kaplan-Meier + log-rank of recurrence by lvi with the
# reverse-KM median follow-up. Usage: Rscript bench/bench.R FILE
# Prints one line "R stage seconds: read=.. describe=.. logistic=.. survival=.. total=.." and a few
# numbers to cross-check against studybook's JSON.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
file <- args[1]
stage <- function(expr) system.time(expr)[["elapsed"]]

reader <- if (requireNamespace("data.table", quietly = TRUE)) "data.table::fread" else "read.csv"
t_read <- stage({
  d <- if (reader == "read.csv") {
    read.csv(file, na.strings = c("", "NA"), stringsAsFactors = TRUE)
  } else {
    as.data.frame(data.table::fread(file, na.strings = c("", "NA"), stringsAsFactors = TRUE))
  }
})

vars <- c("age", "sex", "tumor_size_mm", "initial_diagnosis", "suspected_net", "er_method", "grade", "lvi",
          "resection_margin")
t_describe <- stage({
  described <- lapply(vars, function(v) {
    x <- d[[v]]
    g <- d$recurrence
    if (is.numeric(x)) {
      s <- function(y) { y <- y[!is.na(y)]; c(n = length(y), mean = mean(y), sd = sd(y),
        quantile(y, c(0, 0.25, 0.5, 0.75, 1), type = 7)) }
      list(overall = s(x), groups = tapply(x, g, s), test = t.test(x ~ g)$p.value)
    } else {
      tab <- table(x, g)
      list(overall = table(x), groups = prop.table(tab, 2), test = chisq.test(tab, correct = FALSE)$p.value)
    }
  })
})

t_logistic <- stage({
  fit <- glm(lvi ~ age + sex + tumor_size_mm + initial_diagnosis + suspected_net + er_method +
               grade + depth + resection_margin, family = binomial, data = d)
  wald <- exp(confint.default(fit))
})

t_survival <- stage({
  status <- as.integer(d$recurrence == "yes")
  km <- survfit(Surv(followup_months, status) ~ lvi, data = d, conf.type = "log")
  lr <- survdiff(Surv(followup_months, status) ~ lvi, data = d)
  reverse <- survfit(Surv(followup_months, 1 - status) ~ 1, data = d)
  followup <- c(reverse = unname(summary(reverse)$table["median"]), observed = median(d$followup_months))
})

total <- t_read + t_describe + t_logistic + t_survival
cat(sprintf("R stage seconds: read=%.2f describe=%.2f logistic=%.2f survival=%.2f total=%.2f (reader %s, %s)\n",
            t_read, t_describe, t_logistic, t_survival, total, reader, R.version.string))
cat(sprintf("R check: n=%d logistic_loglik=%.17g coef_g2=%.17g logrank_chisq=%.17g median_followup_reverse=%.17g\n",
            nrow(d), as.numeric(logLik(fit)), coef(fit)[["gradeG2"]], lr$chisq, followup[["reverse"]]))
