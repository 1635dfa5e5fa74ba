# Reference values for the observational example study's Kaplan-Meier table (cell `survival`, a KmTable;
# ObservationalStudyTest.itsSurvivalTableIsRs). Run from the project root:  Rscript src/test/r/observational_km.R
# Needs Debian r-base-core and r-cran-survival. Reads the study's own data (made by observational_study.R);
# writes src/test/resources/reference/observational/km.csv (name, value; 17 significant digits):
#   median, its log limits (print(survfit)), survival and log limits at 12 and 36 months
#   (summary(fit, times, extend = TRUE)) per treatment group, and survdiff's log-rank chi-square and p.
suppressPackageStartupMessages(library(survival))
d <- read.csv("src/test/resources/studies/observational/data/cohort.csv")
fit <- survfit(Surv(months, died) ~ treatment, data = d)
tab <- summary(fit)$table
s <- summary(fit, times = c(12, 36), extend = TRUE)
sd <- survdiff(Surv(months, died) ~ treatment, data = d)
f17 <- function(v) sprintf("%.17g", v)
values <- c()
for (i in seq_len(nrow(tab))) {
  g <- sub("treatment=", "", rownames(tab)[i])
  values[paste0(g, "_n")] <- tab[i, "records"]
  values[paste0(g, "_events")] <- tab[i, "events"]
  values[paste0(g, "_median")] <- tab[i, "median"]
  values[paste0(g, "_median_lower")] <- tab[i, "0.95LCL"]
  values[paste0(g, "_median_upper")] <- tab[i, "0.95UCL"]
}
for (k in seq_along(s$time)) {
  g <- sub("treatment=", "", as.character(s$strata[k]))
  t <- s$time[k]
  values[sprintf("%s_surv_%g", g, t)] <- s$surv[k]
  values[sprintf("%s_lower_%g", g, t)] <- s$lower[k]
  values[sprintf("%s_upper_%g", g, t)] <- s$upper[k]
}
values["logrank_chisq"] <- sd$chisq
values["logrank_p"] <- pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE)
write.csv(data.frame(name = names(values), value = f17(values)),
          "src/test/resources/reference/observational/km.csv", row.names = FALSE)
