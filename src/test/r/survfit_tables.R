# Reference values for studybook.tables.KmTable and CumulativeIncidenceTable (SurvivalTablesReferenceTest).
# Run from the project root:  Rscript src/test/r/survfit_tables.R
# Needs Debian r-base-core, r-cran-survival, r-cran-cmprsk; versions go into versions.txt.
#
# KmTable, as gtsummary::tbl_survfit reads survfit: survival::veteran by trt. Median and its limits from
#   summary(survfit(Surv(time, status) ~ trt))$table; survival and log limits at 90, 180 and 365 days from
#   summary(fit, times, extend = TRUE); the log-rank test from survdiff.
# CumulativeIncidenceTable, as tbl_cuminc (tidycmprsk) reads cmprsk::cuminc: survival::mgus2 (etime, status
#   censor/pcm/death) by sex. Incidence of pcm and its variance at 60, 120 and 240 months from
#   timepoints(cuminc(...)), limits est^exp(+-z se / (est log est)) (Pintilie's log-log limits, as
#   tidycmprsk), Gray's test from cuminc's Tests.
suppressPackageStartupMessages({ library(survival); library(cmprsk) })
out <- "src/test/resources/reference/survfit_tables"
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
writeLines(c(sprintf("R %s", getRversion()), sprintf("survival %s", packageVersion("survival")),
             sprintf("cmprsk %s", packageVersion("cmprsk"))), file.path(out, "versions.txt"))

vet <- read.csv("src/test/resources/reference/cox/veteran.csv")
fit <- survfit(Surv(time, status) ~ trt, data = vet)
tab <- summary(fit)$table
times <- c(90, 180, 365)
s <- summary(fit, times = times, extend = TRUE)
sd <- survdiff(Surv(time, status) ~ trt, data = vet)
km <- data.frame(group = sub("trt=", "", rownames(tab)), n = tab[, "records"], events = tab[, "events"],
                 median = f17(tab[, "median"]), lower = f17(tab[, "0.95LCL"]), upper = f17(tab[, "0.95UCL"]))
write.csv(km, file.path(out, "km_groups.csv"), row.names = FALSE)
write.csv(data.frame(group = sub("trt=", "", as.character(s$strata)), time = s$time, surv = f17(s$surv),
                     lower = f17(s$lower), upper = f17(s$upper)), file.path(out, "km_times.csv"), row.names = FALSE)
write.csv(data.frame(chisq = f17(sd$chisq), df = length(sd$n) - 1,
                     p = f17(pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE))),
          file.path(out, "km_logrank.csv"), row.names = FALSE)

m <- read.csv("src/test/resources/reference/cuminc/mgus2.csv")
m <- m[!is.na(m$etime) & !is.na(m$status) & !is.na(m$sex), ]
ci <- cuminc(m$etime, m$status, m$sex, cencode = "censored")
ctimes <- c(60, 120, 240)
tp <- timepoints(ci, ctimes)
z <- qnorm(0.975)
rows <- NULL
for (g in c("F", "M")) {
  key <- paste(g, "pcm")
  est <- tp$est[key, ]; v <- tp$var[key, ]; se <- sqrt(v)
  lo <- est^exp(-z * se / (est * log(est))); hi <- est^exp(z * se / (est * log(est)))
  rows <- rbind(rows, data.frame(group = g, time = ctimes, incidence = f17(est), se = f17(se), lower = f17(lo),
                                 upper = f17(hi)))
}
write.csv(rows, file.path(out, "cif_times.csv"), row.names = FALSE)
write.csv(data.frame(stat = f17(ci$Tests["pcm", "stat"]), df = ci$Tests["pcm", "df"], p = f17(ci$Tests["pcm", "pv"])),
          file.path(out, "cif_gray.csv"), row.names = FALSE)
