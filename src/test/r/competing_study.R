# Reference values for the competing-risks example study (src/test/resources/studies/competing, cell
# `progression`, a CumulativeIncidenceTable; CompetingStudyTest). Run from the project root:
#   Rscript src/test/r/competing_study.R
# Needs Debian r-base-core and r-cran-cmprsk. The study's data are survival::mgus2 as
# src/test/resources/reference/cuminc/mgus2.csv holds it (status censored | pcm | death). Writes
# src/test/resources/reference/competing/cif.csv: per sex and time (60, 120, 240 months) the incidence of pcm,
# its standard error (timepoints(cuminc(...))$var) and Pintilie's log-log limits, as tidycmprsk gives them;
# and Gray's test. 17 significant digits.
suppressPackageStartupMessages(library(cmprsk))
m <- read.csv("src/test/resources/studies/competing/data/mgus2.csv")
ci <- cuminc(m$etime, m$status, m$sex, cencode = "censored")
times <- c(60, 120, 240)
tp <- timepoints(ci, times)
z <- qnorm(0.975)
f17 <- function(v) sprintf("%.17g", v)
values <- c()
for (g in c("F", "M")) {
  key <- paste(g, "pcm")
  est <- tp$est[key, ]; se <- sqrt(tp$var[key, ])
  w <- z * se / (est * log(est))
  for (k in seq_along(times)) {
    values[sprintf("%s_incidence_%g", g, times[k])] <- est[k]
    values[sprintf("%s_se_%g", g, times[k])] <- se[k]
    values[sprintf("%s_lower_%g", g, times[k])] <- est[k]^exp(-w[k])
    values[sprintf("%s_upper_%g", g, times[k])] <- est[k]^exp(w[k])
  }
  values[paste0(g, "_n")] <- sum(m$sex == g)
  values[paste0(g, "_events")] <- sum(m$sex == g & m$status == "pcm")
  values[paste0(g, "_competing")] <- sum(m$sex == g & m$status == "death")
}
values["gray_stat"] <- ci$Tests["pcm", "stat"]
values["gray_p"] <- ci$Tests["pcm", "pv"]
write.csv(data.frame(name = names(values), value = f17(values)),
          "src/test/resources/reference/competing/cif.csv", row.names = FALSE)
