# Reference values for studybook's subgroup table (SubgroupTableTest).
# Run from the project root:  Rscript src/test/r/subgroups.R
# Written with R 4.2 and survival 3.5. Reads the CSVs of src/test/resources/reference/cox/ (cox.R writes them)
# and writes src/test/resources/reference/subgroups/<case>.json:
#   {"args": {data, kind, outcome, event, exposure, adjust, subgroups},
#    "expected": {"overall": effect, "groups": [{"variable", "levels": [effect per level], "interaction_chisq",
#                 "interaction_df", "interaction_p"}]}}
# effect = {"label", "n", "events", "estimate", "se", "ratio", "ci_low", "ci_high", "p"} of the exposure's
# coefficient in  y ~ exposure + adjust  fitted on the level's rows (coxph, Efron; or glm binomial), Wald limits
# exp(confint.default(fit)); the interaction test is anova(fit0, fit1, test = "Chisq") with
# fit0: y ~ exposure + adjust + S and fit1: fit0 + exposure:S.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
src <- "src/test/resources/reference/cox"
out <- "src/test/resources/reference/subgroups"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

case <- function(name, data, kind, outcome, exposure, adjust, subgroups, factors, event = NULL, time = NULL) {
  d <- read.csv(file.path(src, paste0(data, ".csv")), stringsAsFactors = FALSE)
  for (f in factors) {
    u <- unique(d[[f]][!is.na(d[[f]])])
    d[[f]] <- factor(as.character(d[[f]]), levels = if (is.numeric(u)) as.character(sort(u)) else sort(u, method = "radix"))
  }
  lhs <- if (kind == "cox") {
    ev <- d[[outcome]]; u <- sort(unique(ev[!is.na(ev)]))
    d$.y <- if (all(u %in% c(0, 1))) ev == 1 else ev == 2
    sprintf("Surv(`%s`, .y)", time)
  } else {
    d$.y <- as.character(d[[outcome]]) == event
    ".y"
  }
  fitter <- function(rhs, dd) {
    f <- as.formula(paste(lhs, "~", paste(sprintf("`%s`", rhs), collapse = " + ")))
    if (kind == "cox") coxph(f, data = dd, ties = "efron") else glm(f, data = dd, family = binomial)
  }
  effect <- function(fit, label) {
    co <- coef(summary(fit))
    j <- if (kind == "cox") 1 else 2   # the exposure's row (glm's first is the intercept)
    b <- co[j, 1]; se <- co[j, if (kind == "cox") 3 else 2]
    ci <- exp(confint.default(fit)[j, ])
    list(label = label, n = if (kind == "cox") fit$n else nobs(fit),
         events = if (kind == "cox") fit$nevent else sum(fit$y), estimate = b, se = se, ratio = exp(b),
         ci_low = unname(ci[1]), ci_high = unname(ci[2]), p = 2 * pnorm(-abs(b / se)))
  }
  overall <- effect(fitter(c(exposure, adjust), d), "All patients")
  groups <- lapply(subgroups, function(s) {
    within <- c(exposure, setdiff(adjust, s))
    lv <- levels(d[[s]])
    levs <- lapply(lv, function(l) effect(fitter(within, d[!is.na(d[[s]]) & d[[s]] == l, ]), l))
    fit0 <- fitter(c(within, s), d)
    f1 <- update(formula(fit0), as.formula(sprintf(". ~ . + `%s`:`%s`", exposure, s)))
    fit1 <- if (kind == "cox") coxph(f1, data = d, ties = "efron") else glm(f1, data = d, family = binomial)
    a <- anova(fit0, fit1, test = "Chisq")
    list(variable = s, levels = levs,
         interaction_chisq = if (kind == "cox") a$Chisq[2] else a$Deviance[2],
         interaction_df = as.integer(if (kind == "cox") a$Df[2] else a$Df[2]),
         interaction_p = if (kind == "cox") a[2, "Pr(>|Chi|)"] else a[2, "Pr(>Chi)"])
  })
  args <- list(data = paste0(data, ".csv"), kind = kind, outcome = outcome, event = event, time = time,
               exposure = exposure, adjust = I(adjust), subgroups = I(subgroups), factors = I(factors))
  writeLines(toJSON(list(args = args, expected = list(overall = overall, groups = groups)), auto_unbox = TRUE,
                    digits = NA, null = "null", na = "null", pretty = TRUE), file.path(out, paste0(name, ".json")))
}

case("veteran-trt", "veteran", "cox", "status", "trt", "karno", c("celltype", "prior"),
     factors = c("trt", "celltype", "prior"), time = "time")
case("colon-obstruct", "colon", "logistic", "status", "obstruct", c("age"), c("sex", "differ"),
     factors = c("sex", "differ"), event = "1")
