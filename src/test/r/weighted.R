# Reference values for `--weights` and `--cluster` on `studybook linear` and `studybook logistic`
# (docs/CONTRACT.md, "Weighted, clustered and pooled fits"). Run from the project root after propensity.R:
#   Rscript src/test/r/weighted.R
# Written with R 4.2.2, sandwich 3.0.2, lmtest 0.9.40 (versions in versions.txt).
# linear:   fit <- lm(y ~ ..., weights = w); summary(fit), confint(fit), AIC(fit); --se hc3:
#           lmtest::coeftest/coefci(fit, vcov = sandwich::vcovHC(fit, type = "HC3")); --cluster:
#           the same with sandwich::vcovCL(fit, cluster = ~COL) (its defaults; t on the residual df).
# logistic: fit <- glm(y ~ ..., family = quasibinomial, weights = w); estimates, z = estimate / se,
#           p = 2 pnorm(-|z|), exp(estimate -/+ qnorm(0.975) se) with se from vcovHC(fit, type = "HC0")
#           or vcovCL(fit, cluster = ~COL); loglik and aic NA (weighted) or the binomial glm's (cluster only).
# cox:      fit <- coxph(Surv(T, E) ~ ..., weights = w, robust = TRUE) or coxph(..., cluster = COL) (with or
#           without weights); summary(fit)'s robust se, z and p, exp(confint(fit)), sqrt(diag(fit$naive.var)),
#           fit$wald.test (robust), fit$loglik, AIC(fit), summary(fit)$concordance (weighted pairs, clustered se).
# vcovCL's defaults differ by class: type HC1 ((n - 1)/(n - k)) for lm, HC0 for glm; both times G/(G - 1).
# Rows with weight 0 drop out (the contract's rule): R is given the data without them, since sandwich
# counts zero-weight rows in n when they are present. A row with a missing cluster is left out.
# Output: <data>.csv, cases.csv (case, command, file, args ';'-separated), expected.csv (case, path, value).
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(survival) })
out <- "src/test/resources/reference/weighted"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("sandwich", packageVersion("sandwich")), paste("lmtest", packageVersion("lmtest")),
             paste("survival", packageVersion("survival"))), file.path(out, "versions.txt"))
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

# lalonde with the propensity fixtures' ATE weights and 1:2 matches (their weights and matched sets)
pr <- "src/test/resources/reference/propensity"
la <- read.csv(file.path(pr, "lalonde.csv"), stringsAsFactors = FALSE)
ate <- read.csv(file.path(pr, "rows-ate.csv")); m2 <- read.csv(file.path(pr, "rows-match2.csv"))
la$w_ate <- ate$weight; la$w_match <- m2$weight; la$subclass <- m2$subclass
la$earned <- ifelse(la$re78 > 0, "yes", "no")
write.csv(la, file.path(out, "lalonde_w.csv"), row.names = FALSE, na = "")
# mtcars with weights (two of them 0) and a cluster with one missing value
set.seed(25)
mt <- mtcars[, c("mpg", "wt", "hp", "cyl", "vs", "am", "gear")]
mt$w <- round(runif(nrow(mt), 0.2, 3), 3); mt$w[c(4, 17)] <- 0
mt$plant <- sample(c("north", "south", "east", "west", "hill"), nrow(mt), replace = TRUE)
mt$plant[9] <- NA
write.csv(mt, file.path(out, "mtcars_w.csv"), row.names = FALSE, na = "")

lu <- lung[, c("time", "status", "inst", "age", "sex", "ph.ecog", "wt.loss")]
lu$w <- round(runif(nrow(lu), 0.3, 2.5), 2); lu$w[c(5, 50, 120)] <- 0
lu$sex <- ifelse(lu$sex == 1, "m", "f")
write.csv(lu, file.path(out, "lung_w.csv"), row.names = FALSE, na = "")

rows <- list(); cases <- list()
add <- function(case, path, v) rows[[length(rows) + 1]] <<- data.frame(case = case, path = path, value = f17(v))

prepare <- function(file, y, terms, categorical, weights, cluster) {
  d <- read.csv(file.path(out, file), stringsAsFactors = FALSE, na.strings = c("", "NA"))
  if (!is.null(weights)) d <- d[d[[weights]] > 0, ]
  d <- d[complete.cases(d[, c(y, terms, cluster)]), ]
  for (v in categorical) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  d
}
names_of <- function(fit, d, terms, categorical) {
  cn <- names(coef(fit))
  for (v in union(categorical, terms[sapply(d[terms], is.character)])) cn <- sub(paste0("^", v), paste0(v, "="), cn)
  cn
}

linear <- function(case, file, y, terms, categorical = character(), weights = NULL, cluster = NULL, se = "classical") {
  args <- c("--outcome", y, "--terms", paste(terms, collapse = ","), "--se", se)
  if (length(categorical)) args <- c(args, "--categorical", paste(categorical, collapse = ","))
  if (!is.null(weights)) args <- c(args, "--weights", weights)
  if (!is.null(cluster)) args <- c(args, "--cluster", cluster)
  cases[[length(cases) + 1]] <<- data.frame(case = case, command = "linear", file = file, args = paste(args, collapse = ";"))
  d <- prepare(file, y, terms, categorical, weights, cluster)
  form <- as.formula(paste(y, "~", paste(terms, collapse = " + ")))
  fit <- if (is.null(weights)) lm(form, data = d) else lm(form, data = d, weights = d[[weights]])
  s <- summary(fit); fs <- s$fstatistic
  add(case, "n", nobs(fit)); add(case, "df_residual", fit$df.residual); add(case, "r_squared", s$r.squared)
  add(case, "adj_r_squared", s$adj.r.squared); add(case, "sigma", s$sigma); add(case, "aic", AIC(fit))
  add(case, "f.statistic", fs[["value"]]); add(case, "f.df", fs[["numdf"]]); add(case, "f.df2", fs[["dendf"]])
  add(case, "f.p", pf(fs[["value"]], fs[["numdf"]], fs[["dendf"]], lower.tail = FALSE))
  V <- if (!is.null(cluster)) vcovCL(fit, cluster = d[[cluster]]) else if (se == "hc3") vcovHC(fit, type = "HC3") else vcov(fit)
  ct <- coeftest(fit, vcov = V); ci <- coefci(fit, vcov = V)
  cn <- names_of(fit, d, terms, categorical)
  for (i in seq_along(cn)) {
    add(case, paste0("terms[", cn[i], "].estimate"), ct[i, 1]); add(case, paste0("terms[", cn[i], "].se"), ct[i, 2])
    add(case, paste0("terms[", cn[i], "].t"), ct[i, 3]); add(case, paste0("terms[", cn[i], "].p"), ct[i, 4])
    add(case, paste0("terms[", cn[i], "].ci_low"), ci[i, 1]); add(case, paste0("terms[", cn[i], "].ci_high"), ci[i, 2])
  }
}

logistic <- function(case, file, y, event, terms, categorical = character(), weights = NULL, cluster = NULL) {
  args <- c("--outcome", y, "--event", event, "--terms", paste(terms, collapse = ","))
  if (length(categorical)) args <- c(args, "--categorical", paste(categorical, collapse = ","))
  if (!is.null(weights)) args <- c(args, "--weights", weights)
  if (!is.null(cluster)) args <- c(args, "--cluster", cluster)
  cases[[length(cases) + 1]] <<- data.frame(case = case, command = "logistic", file = file, args = paste(args, collapse = ";"))
  d <- prepare(file, y, terms, categorical, weights, cluster)
  d$.y <- as.integer(as.character(d[[y]]) == event)
  form <- as.formula(paste(".y ~", paste(terms, collapse = " + ")))
  fit <- if (is.null(weights)) glm(form, data = d, family = binomial)
         else glm(form, data = d, family = quasibinomial, weights = d[[weights]])
  V <- if (!is.null(cluster)) vcovCL(fit, cluster = d[[cluster]]) else vcovHC(fit, type = "HC0")
  add(case, "n", nobs(fit)); add(case, "events", sum(d$.y)); add(case, "converged", as.numeric(fit$converged))
  add(case, "iterations", fit$iter)
  add(case, "loglik", if (is.null(weights)) as.numeric(logLik(fit)) else NA)
  add(case, "aic", if (is.null(weights)) AIC(fit) else NA)
  b <- coef(fit); se <- sqrt(diag(V)); z <- b / se; q <- qnorm(0.975)
  cn <- names_of(fit, d, terms, categorical)
  for (i in seq_along(cn)) {
    add(case, paste0("terms[", cn[i], "].estimate"), b[i]); add(case, paste0("terms[", cn[i], "].se"), se[i])
    add(case, paste0("terms[", cn[i], "].z"), z[i]); add(case, paste0("terms[", cn[i], "].p"), 2 * pnorm(-abs(z[i])))
    add(case, paste0("terms[", cn[i], "].or"), exp(b[i]))
    add(case, paste0("terms[", cn[i], "].ci_low"), exp(b[i] - q * se[i]))
    add(case, paste0("terms[", cn[i], "].ci_high"), exp(b[i] + q * se[i]))
  }
}

cox <- function(case, file, terms, categorical = character(), weights = NULL, cluster = NULL, strata = NULL,
                ties = "efron") {
  args <- c("--time", "time", "--event", "status", "--terms", paste(terms, collapse = ","), "--ties", ties)
  if (length(categorical)) args <- c(args, "--categorical", paste(categorical, collapse = ","))
  if (!is.null(weights)) args <- c(args, "--weights", weights)
  if (!is.null(cluster)) args <- c(args, "--cluster", cluster)
  if (!is.null(strata)) args <- c(args, "--strata", strata)
  cases[[length(cases) + 1]] <<- data.frame(case = case, command = "cox", file = file, args = paste(args, collapse = ";"))
  d <- prepare(file, "time", c("status", terms, strata), categorical, weights, cluster)
  rhs <- paste(c(terms, if (!is.null(strata)) paste0("strata(", strata, ")")), collapse = " + ")
  form <- as.formula(paste("Surv(time, status) ~", rhs))
  d$.w <- if (is.null(weights)) 1 else d[[weights]]
  fit <- if (is.null(cluster)) coxph(form, data = d, weights = .w, robust = TRUE, ties = ties)
         else coxph(form, data = d, weights = .w, cluster = d[[cluster]], ties = ties)
  s <- summary(fit); ci <- exp(confint(fit))
  add(case, "n", fit$n); add(case, "events", fit$nevent); add(case, "converged", 1); add(case, "iterations", fit$iter)
  add(case, "loglik", fit$loglik[2]); add(case, "loglik_null", fit$loglik[1]); add(case, "aic", AIC(fit))
  # summary(fit)$concordance: weighted pairs, the jackknife se summed within clusters
  add(case, "concordance", s$concordance[1]); add(case, "concordance_se", s$concordance[2])
  # fit$wald.test unrounded (summary(fit)$waldtest rounds the statistic to 2 decimals)
  add(case, "tests.wald.chisq", fit$wald.test); add(case, "tests.wald.df", length(coef(fit)))
  add(case, "tests.wald.p", pchisq(fit$wald.test, length(coef(fit)), lower.tail = FALSE))
  cn <- names_of(fit, d, terms, categorical); sc <- s$coefficients; naive <- sqrt(diag(fit$naive.var))
  for (i in seq_along(cn)) {
    add(case, paste0("terms[", cn[i], "].estimate"), sc[i, "coef"]); add(case, paste0("terms[", cn[i], "].se"), sc[i, "robust se"])
    add(case, paste0("terms[", cn[i], "].se_naive"), naive[i]); add(case, paste0("terms[", cn[i], "].z"), sc[i, "z"])
    add(case, paste0("terms[", cn[i], "].p"), sc[i, "Pr(>|z|)"]); add(case, paste0("terms[", cn[i], "].hr"), sc[i, "exp(coef)"])
    add(case, paste0("terms[", cn[i], "].ci_low"), ci[i, 1]); add(case, paste0("terms[", cn[i], "].ci_high"), ci[i, 2])
  }
}

lt <- c("treat", "age", "educ", "race")
linear("linear_ate", "lalonde_w.csv", "re78", lt, weights = "w_ate")
linear("linear_ate_hc3", "lalonde_w.csv", "re78", lt, weights = "w_ate", se = "hc3")
linear("linear_match_cluster", "lalonde_w.csv", "re78", c("treat", "age"), weights = "w_match", cluster = "subclass")
linear("linear_mtcars", "mtcars_w.csv", "mpg", c("wt", "cyl"), categorical = "cyl", weights = "w")
linear("linear_mtcars_cluster", "mtcars_w.csv", "mpg", c("wt", "cyl"), categorical = "cyl", weights = "w", cluster = "plant")
linear("linear_cluster_only", "mtcars_w.csv", "mpg", c("wt", "hp"), cluster = "gear")
logistic("logistic_ate", "lalonde_w.csv", "earned", "yes", lt, weights = "w_ate")
logistic("logistic_match_cluster", "lalonde_w.csv", "earned", "yes", c("treat", "age"), weights = "w_match",
         cluster = "subclass")
logistic("logistic_mtcars", "mtcars_w.csv", "vs", "1", c("mpg", "am"), weights = "w")
logistic("logistic_mtcars_cluster", "mtcars_w.csv", "vs", "1", c("mpg", "am"), weights = "w", cluster = "plant")
logistic("logistic_cluster_only", "mtcars_w.csv", "vs", "1", c("mpg"), cluster = "gear")

cox("cox_weights", "lung_w.csv", c("age", "sex", "ph.ecog"), weights = "w")
cox("cox_weights_breslow", "lung_w.csv", c("age", "sex", "ph.ecog"), weights = "w", ties = "breslow")
cox("cox_cluster", "lung_w.csv", c("age", "sex", "wt.loss"), cluster = "inst")
cox("cox_weights_cluster", "lung_w.csv", c("age", "ph.ecog"), weights = "w", cluster = "inst")
cox("cox_weights_strata", "lung_w.csv", c("age", "ph.ecog"), weights = "w", strata = "sex")

write.csv(do.call(rbind, cases), file.path(out, "cases.csv"), row.names = FALSE)
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
