# The synthetic cohort of the example study src/test/resources/studies/observational (a treatment given by
# indication, confounders, missing covariates) and the study's claims, computed by R. Run from the project root:
#   Rscript src/test/r/observational_study.R
# Written with R 4.2.2, survival 3.4, mice 3.15 (versions in reference/observational/versions.txt).
# The data are invented: no patient is behind them. The generator fixes R's random number generators, so the
# same R version writes the same file byte for byte.
# Writes:
#   studies/observational/data/cohort.csv   the cohort (500 rows)
#   studies/observational/analysis/claims.csv the claims the study's report must reproduce, each from R:
#       counts; the propensity model glm(treatment == "treated" ~ age + sex + diabetes + stage, binomial) and
#       its ATE weights 1/ps, 1/(1 - ps) (as WeightIt::weightit(method = "glm", estimand = "ATE")); the
#       standardized mean difference of age before and after weighting (the contract's formula); the weighted
#       Cox model coxph(Surv(months, died) ~ treatment, weights = w, robust = TRUE); the pooled logistic model
#       of a complication over 20 imputations (mice with its defaults, seed 2025: the imputations cannot equal
#       ours, so its odds ratio is claimed at one decimal, a window wider than the Monte Carlo error of m = 20);
#       the Cox hazard ratio of treatment among the patients with diabetes (the subgroup table's row).
#   reference/observational/expected.csv       the same numbers at full precision, for StudyObservationalTest
suppressPackageStartupMessages({ library(survival); library(mice) })
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20251207)
study <- "src/test/resources/studies/observational"
ref <- "src/test/resources/reference/observational"
dir.create(file.path(study, "data"), recursive = TRUE, showWarnings = FALSE)
dir.create(file.path(study, "analysis"), recursive = TRUE, showWarnings = FALSE)
dir.create(ref, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("survival", packageVersion("survival")), paste("mice", packageVersion("mice"))),
           file.path(ref, "versions.txt"))

n <- 500
age <- round(rnorm(n, 64, 10))
sex <- ifelse(runif(n) < 0.45, "female", "male")
diabetes <- ifelse(runif(n) < plogis(-1.2 + 0.04 * (age - 64)), "yes", "no")
stage <- sample(c("I", "II", "III"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
lp_t <- -0.4 + 0.05 * (age - 64) + 0.7 * (diabetes == "yes") + 0.5 * (stage == "II") + 1.0 * (stage == "III") -
  0.3 * (sex == "female")
treatment <- ifelse(runif(n) < plogis(lp_t), "treated", "control")
bmi <- round(27 + 0.08 * (age - 64) + 2 * (diabetes == "yes") + rnorm(n, 0, 4), 1)
smoking <- sample(c("never", "former", "current"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
rate <- 0.012 * exp(-0.45 * (treatment == "treated") + 0.03 * (age - 64) + 0.5 * (diabetes == "yes") +
                      0.4 * (stage == "II") + 0.9 * (stage == "III") + 0.03 * (bmi - 27) + 0.3 * (smoking == "current"))
event_time <- rexp(n, rate)
censor_time <- runif(n, 12, 72)
months <- pmax(round(pmin(event_time, censor_time), 1), 0.1)
died <- as.integer(event_time <= censor_time)
complication <- ifelse(runif(n) < plogis(-1.1 - 0.5 * (treatment == "treated") + 0.06 * (bmi - 27) +
                                           0.6 * (smoking == "current") + 0.02 * (age - 64)), "yes", "no")
# missing at random: bmi more often missing in the old, smoking more often in men
bmi[runif(n) < plogis(-2.4 + 0.06 * (age - 64))] <- NA
smoking[runif(n) < ifelse(sex == "male", 0.14, 0.06)] <- NA
d <- data.frame(id = seq_len(n), treatment, age, sex, diabetes, stage, bmi, smoking, complication, months, died,
                stringsAsFactors = FALSE)
write.csv(d, file.path(study, "data/cohort.csv"), row.names = FALSE, na = "")

# the analyses, as the study's cells do them
d$treatment <- factor(d$treatment, levels = c("control", "treated"))
d$sex <- factor(d$sex, levels = c("male", "female"))
d$diabetes <- factor(d$diabetes, levels = c("no", "yes"))
d$stage <- factor(d$stage, levels = c("I", "II", "III"))
d$smoking <- factor(d$smoking, levels = c("never", "former", "current"))
d$complication <- factor(d$complication, levels = c("no", "yes"))
ps_fit <- glm(treatment == "treated" ~ age + sex + diabetes + stage, family = binomial, data = d)
ps <- fitted(ps_fit)
t1 <- d$treatment == "treated"
w <- ifelse(t1, 1 / ps, 1 / (1 - ps))
ess <- function(x) sum(x)^2 / sum(x^2)
s_age <- sqrt((var(d$age[t1]) + var(d$age[!t1])) / 2)
smd_before <- (mean(d$age[t1]) - mean(d$age[!t1])) / s_age
smd_after <- (weighted.mean(d$age[t1], w[t1]) - weighted.mean(d$age[!t1], w[!t1])) / s_age
cox_w <- coxph(Surv(months, died) ~ treatment, data = d, weights = w, robust = TRUE)
sw <- summary(cox_w)$coefficients
ciw <- exp(confint(cox_w))
imp <- mice(d[, c("treatment", "age", "sex", "diabetes", "stage", "bmi", "smoking", "complication")], m = 20,
            seed = 2025, printFlag = FALSE)
pl <- summary(pool(with(imp, glm(complication == "yes" ~ treatment + age + bmi + smoking, family = binomial))),
              conf.int = TRUE)
or_pooled <- exp(pl$estimate[pl$term == "treatmenttreated"])
dia <- coxph(Surv(months, died) ~ treatment + age + stage, data = d, subset = diabetes == "yes")
dia_hr <- exp(coef(dia)[["treatmenttreated"]])

values <- list(
  n = n, n_treated = sum(t1), n_control = sum(!t1), deaths = sum(d$died),
  bmi_missing = sum(is.na(d$bmi)), smoking_missing = sum(is.na(d$smoking)),
  smd_age_before = smd_before, smd_age_after = smd_after,
  ess_treated = ess(w[t1]), ess_control = ess(w[!t1]),
  hr_weighted = sw[1, "exp(coef)"], hr_weighted_low = ciw[1, 1], hr_weighted_high = ciw[1, 2],
  p_weighted = sw[1, "Pr(>|z|)"], se_weighted = sw[1, "robust se"], se_naive = sqrt(diag(cox_w$naive.var))[1],
  or_pooled = or_pooled, hr_diabetes = dia_hr)
f17 <- function(v) sprintf("%.17g", v)
write.csv(data.frame(name = names(values), value = sapply(values, f17)), file.path(ref, "expected.csv"),
          row.names = FALSE)

r2 <- function(v) formatC(v, format = "f", digits = 2)
r3 <- function(v) formatC(v, format = "f", digits = 3)
pr <- function(p) if (p < 0.001) "<0.001" else paste("=", r3(p))
claims <- data.frame(
  id = c("n", "n_treated", "n_control", "deaths", "bmi_missing", "ess_treated", "smd_age_before", "smd_age_after",
         "hr_weighted", "hr_weighted_low", "hr_weighted_high", "p_weighted", "or_pooled", "hr_diabetes",
         "check_n"),
  text = c(paste(n, "patients"), paste(sum(t1), "treated"), paste(sum(!t1), "controls"),
           paste(sum(d$died), "deaths"), paste("body-mass index missing in", sum(is.na(d$bmi))),
           paste("effective sample size of the treated after weighting", formatC(ess(w[t1]), format = "f", digits = 1)),
           paste("SMD of age before weighting", r3(smd_before)), paste("SMD of age after weighting", r3(smd_after)),
           paste("weighted HR of death", r2(sw[1, "exp(coef)"])), paste("robust 95% CI from", r2(ciw[1, 1])),
           paste("to", r2(ciw[1, 2])), paste("P", pr(sw[1, "Pr(>|z|)"])),
           paste("pooled OR of a complication", formatC(or_pooled, format = "f", digits = 1)),
           paste("HR among patients with diabetes", r2(dia_hr)),
           paste(sum(t1), "+", sum(!t1), "=", n)),
  printed = c(n, sum(t1), sum(!t1), sum(d$died), sum(is.na(d$bmi)), formatC(ess(w[t1]), format = "f", digits = 1),
              r3(smd_before), r3(smd_after), r2(sw[1, "exp(coef)"]), r2(ciw[1, 1]), r2(ciw[1, 2]),
              sub("^= ", "", pr(sw[1, "Pr(>|z|)"])), formatC(or_pooled, format = "f", digits = 1), r2(dia_hr), ""),
  kind = c("count", "count", "count", "count", "count", "statistic", "statistic", "statistic", "hazard_ratio",
           "hazard_ratio", "hazard_ratio", "p", "odds_ratio", "hazard_ratio", "consistency"),
  result = c("table1.table.n", "table1.table.groupSizes.1", "table1.table.groupSizes.0",
             "weightedCox.events", "imputed.missing.bmi", "balance.result.treatedSummary.ess",
             "balance.result.balance.age.smdBefore", "balance.result.balance.age.smdAfter",
             "weightedCox.entries.treatment=treated.ratio", "weightedCox.entries.treatment=treated.ciLow",
             "weightedCox.entries.treatment=treated.ciHigh", "weightedCox.entries.treatment=treated.p",
             "pooledLogistic.estimates.treatment=treated.ratio", "subgroups.groups.diabetes.levels.1.ratio",
             "sum(n_treated, n_control) = n"),
  compare = c("", "", "", "", "", "half_up", "half_up", "half_up", "half_up", "half_up", "half_up",
              if (sw[1, "Pr(>|z|)"] < 0.001) "below" else "half_up",
              "half_up", "half_up", ""),
  note = c("", "", "", "", "", "", "", "", "coxph(..., weights = w, robust = TRUE)", "", "", "robust Wald test",
           "mice m = 20 (R's draws); the study's own imputation agrees at this precision", "", ""),
  stringsAsFactors = FALSE)
write.csv(claims, file.path(study, "analysis/claims.csv"), row.names = FALSE, quote = TRUE, na = "")
