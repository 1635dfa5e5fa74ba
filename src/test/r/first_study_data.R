# The README walk-through's example data (src/test/resources/studies/first/data/trial.csv):
# 160 invented patients of a two-arm trial, seeded, so anyone can regenerate the same file.
# Rscript src/test/r/first_study_data.R
set.seed(20240501)
n <- 160
group <- rep(c("control", "treated"), each = n / 2)
age <- round(rnorm(n, 62, 9))
sex <- sample(c("male", "female"), n, replace = TRUE, prob = c(0.55, 0.45))
stage <- sample(c("I", "II", "III"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
sbp <- round(rnorm(n, 128, 15))
lp <- -0.4 + 0.9 * (group == "treated") - 0.03 * (age - 62) - 0.6 * (stage == "III")
response <- ifelse(runif(n) < plogis(lp), "yes", "no")
rate <- 0.03 * exp(-0.5 * (group == "treated") + 0.5 * (stage == "III"))
event_time <- rexp(n, rate)
censor_time <- runif(n, 12, 60)
months <- round(pmin(event_time, censor_time), 1)
died <- as.integer(event_time <= censor_time)
sbp[c(7, 91)] <- NA
d <- data.frame(id = seq_len(n), group, age, sex, stage, sbp, response, months, died)
write.csv(d, "src/test/resources/studies/first/data/trial.csv", row.names = FALSE, quote = FALSE, na = "")
