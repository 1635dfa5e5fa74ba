# Reference values for studybook's Cox regression (CoxRegressionReferenceTest, CoxCommandTest).
# Run from the project root:  Rscript src/test/r/cox.R
# Written with R 4.2 and survival 3.5 (versions are written into versions.txt).
#
# Writes into src/test/resources/reference/cox/:
#   <dataset>.csv   the data exactly as the `cox` command reads them (NA = missing)
#   <case>.json     {"args": the command's options, "expected": the JSON document of CONTRACT.md's cox
#                   section as R computes it}
# Every case is fitted on the CSV read back, with factor levels as the contract orders them (code point
# order, numeric order for numbers, or --levels), so R sees what studybook sees:
#   fit <- coxph(Surv(time, status == event) ~ terms + strata(s), ties = ties)
#   summary(fit)$coefficients / $logtest / $waldtest / $sctest / $concordance, exp(confint(fit)),
#   fit$loglik, AIC(fit), fit$iter, cox.zph(fit)$table (defaults: transform = "km", terms = TRUE).
#   The Wald statistic is fit$wald.test: summary() prints it rounded to two decimals (its p is not rounded).
# A coefficient that coxph warns "may be infinite" (Loglik converged before variable ...) is written
# with null estimate, hr and limits (se, z and p as summary(fit) gives them) and listed in "diverged".
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
out <- "src/test/resources/reference/cox"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
writeLines(c(sprintf("R %s", getRversion()), sprintf("survival %s", packageVersion("survival")),
             sprintf("jsonlite %s", packageVersion("jsonlite"))), file.path(out, "versions.txt"))
wr <- function(df, name) write.csv(df, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "NA")

# ---- datasets ----
wr(lung, "lung")
vet <- veteran; vet$celltype <- as.character(vet$celltype); wr(vet, "veteran")
col <- subset(colon, etype == 2, select = c(id, rx, sex, age, obstruct, nodes, differ, extent, time, status))
col$rx <- as.character(col$rx); wr(col, "colon")
pb <- pbc[, c("id", "time", "status", "trt", "age", "sex", "edema", "bili", "albumin", "protime", "stage")]
pb$sex <- as.character(pb$sex)
pb$status <- c("censored", "transplant", "dead")[pb$status + 1]
pb$status[pb$status == "transplant"] <- "censored"   # transplant censors death, as Surv(time, status == 2)
wr(pb, "pbc")
# constructed edge cases
set.seed(11)
ties <- data.frame(time = c(1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5, 6, 6, 6, 7, 8, 8, 9, 10),
                   status = c(1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1),
                   x = c(0.5, 1.2, -0.3, 0.8, 0.1, 2.0, -1.0, 0.4, 1.5, 0.2, -0.5, 0.9, 1.1, -0.2, 0.3, 0.7, -0.8, 1.3, 0.0, 0.6),
                   g = c("a", "b", "a", "b", "b", "a", "b", "a", "b", "a", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b"))
wr(ties, "ties")
n <- 60
noevents <- data.frame(time = round(rexp(n, 0.1), 2), status = rbinom(n, 1, 0.7),
                       group = sample(c("a", "b", "c"), n, TRUE), age = round(rnorm(n, 60, 10)))
noevents$status[noevents$group == "c"] <- 0
wr(noevents, "noevents")
onestrat <- data.frame(time = round(rexp(40, 0.2), 2), status = rbinom(40, 1, 0.75),
                       x = round(rnorm(40), 3), centre = c(rep("A", 20), rep("B", 19), "C"))
wr(onestrat, "onestratum")
allcens <- data.frame(time = 1:10, status = 0, x = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3))
wr(allcens, "allcensored")
single <- data.frame(time = c(6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35),
                     status = c(1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0),
                     dose = c(2.1, 1.4, 3.3, 0.5, 2.2, 1.1, 1.9, 0.3, 0.8, 2.5, 1.7, 0.9, 0.4, 1.2, 2.0, 1.5, 0.6, 0.2, 1.0, 0.7, 0.1))
wr(single, "single")
# times computed in floating point: pairs that differ by rounding error only (coxph's timefix ties them)
base <- c(0.3, 0.7, 1.1, 1.9, 2.3, 2.9, 3.7, 4.1, 5.3, 6.1)
nearties <- data.frame(time = c(base, base * (1 + 1e-12), base + 0.05),
                       status = c(1, 1, 0, 1, 1, 1, 0, 1, 1, 1,  1, 1, 1, 0, 1, 1, 1, 1, 0, 1,  0, 1, 1, 1, 0, 1, 1, 0, 1, 1),
                       x = c(0.2, 1.1, -0.4, 0.9, 0.3, -1.2, 0.5, 1.6, -0.1, 0.8, 1.4, -0.6, 0.7, 0.1, 1.0,
                             -0.9, 0.6, 0.4, 1.3, -0.3, 0.0, 0.9, -0.7, 1.2, 0.2, -0.2, 1.5, 0.3, -1.0, 0.8))
writeLines(c("time,status,x", sprintf("%.17g,%d,%.17g", nearties$time, as.integer(nearties$status), nearties$x)),
           file.path(out, "nearties.csv"))

# ---- fitting ----
rd <- function(name) read.csv(file.path(out, paste0(name, ".csv")), stringsAsFactors = FALSE)
ordered_levels <- function(v, given) {
  if (!is.null(given)) return(given)
  u <- unique(v[!is.na(v)])
  if (is.numeric(u)) as.character(sort(u)) else sort(u, method = "radix")
}
case <- function(name, data, time, event, terms, categorical = character(), levels = list(), strata = NULL,
                 ties = "efron", event_value = NULL) {
  d <- rd(data)
  d$.time <- d[[time]]
  ev <- d[[event]]
  if (is.null(event_value)) {
    u <- sort(unique(ev[!is.na(ev)]))
    d$.status <- if (all(u %in% c(0, 1))) ev == 1 else if (all(u %in% c(1, 2))) ev == 2 else stop("coding")
  } else {
    d$.status <- as.character(ev) == event_value
  }
  names_out <- character()
  for (t in c(terms, strata)) {
    cat_t <- t %in% categorical || !is.null(levels[[t]]) || is.character(d[[t]])
    if (cat_t) {
      lv <- ordered_levels(d[[t]], levels[[t]])
      d[[t]] <- factor(as.character(d[[t]]), levels = lv)
      if (t %in% terms) names_out <- c(names_out, paste0(t, "=", lv[-1]))
    } else if (t %in% terms) names_out <- c(names_out, t)
  }
  rhs <- paste(sprintf("`%s`", terms), collapse = " + ")
  if (!is.null(strata)) rhs <- paste0(rhs, " + strata(`", strata, "`)")
  f <- as.formula(paste("Surv(.time, .status) ~", rhs))
  warn <- character()
  fit <- withCallingHandlers(coxph(f, data = d, ties = ties),
    warning = function(w) { warn <<- c(warn, conditionMessage(w)); invokeRestart("muffleWarning") })
  div <- integer()
  for (w in warn) if (grepl("coefficient may be infinite", w))
    div <- c(div, as.integer(strsplit(trimws(sub(".*variable +(.*?) *;.*", "\\1", w)), ",")[[1]]))
  s <- summary(fit)
  co <- s$coefficients
  ci <- exp(confint(fit))
  num <- function(v) if (is.na(v)) NA else unname(v)
  rows <- lapply(seq_along(names_out), function(j) {
    if (j %in% div) return(list(term = names_out[j], estimate = NA, se = num(co[j, "se(coef)"]), z = num(co[j, "z"]),
                                p = num(co[j, "Pr(>|z|)"]), hr = NA, ci_low = NA, ci_high = NA))
    list(term = names_out[j], estimate = num(co[j, "coef"]), se = num(co[j, "se(coef)"]), z = num(co[j, "z"]),
         p = num(co[j, "Pr(>|z|)"]), hr = num(co[j, "exp(coef)"]), ci_low = num(ci[j, 1]), ci_high = num(ci[j, 2]))
  })
  zph <- cox.zph(fit)$table
  zrows <- lapply(seq_len(nrow(zph) - 1), function(i)
    list(term = rownames(zph)[i], chisq = zph[i, "chisq"], df = as.integer(zph[i, "df"]), p = zph[i, "p"]))
  g <- nrow(zph)
  tst <- function(x) list(chisq = unname(x["test"]), df = as.integer(x["df"]), p = unname(x["pvalue"]))
  expected <- list(n = fit$n, events = fit$nevent, ties = ties, converged = TRUE, iterations = fit$iter,
    loglik = fit$loglik[2], loglik_null = fit$loglik[1], aic = AIC(fit),
    concordance = unname(s$concordance[1]), concordance_se = unname(s$concordance[2]),
    tests = list(lr = tst(s$logtest), wald = list(chisq = unname(fit$wald.test), df = as.integer(s$waldtest["df"]),
                 p = unname(s$waldtest["pvalue"])), score = tst(s$sctest)),
    terms = rows,
    ph_test = list(terms = zrows, global = list(chisq = zph[g, "chisq"], df = as.integer(zph[g, "df"]), p = zph[g, "p"])),
    diverged = I(names_out[div]))
  args <- list(data = paste0(data, ".csv"), time = time, event = event, terms = I(terms),
               categorical = I(categorical), levels = lapply(levels, I), strata = strata, ties = ties,
               event_value = event_value, r_call = paste(deparse(f, width.cutoff = 500), collapse = ""))
  writeLines(toJSON(list(args = args, expected = expected), auto_unbox = TRUE, digits = NA, null = "null",
                    na = "null", pretty = TRUE), file.path(out, paste0(name, ".json")))
  invisible(fit)
}

case("lung-sex", "lung", "time", "status", "sex", categorical = "sex")
case("lung-multi", "lung", "time", "status", c("age", "sex", "ph.ecog"), categorical = "sex")
case("lung-multi-breslow", "lung", "time", "status", c("age", "sex", "ph.ecog"), categorical = "sex", ties = "breslow")
case("lung-ecog-factor", "lung", "time", "status", c("age", "ph.ecog"), categorical = "ph.ecog", strata = "sex")
case("veteran-celltype", "veteran", "time", "status", c("celltype", "karno", "age"),
     levels = list(celltype = c("squamous", "smallcell", "adeno", "large")))
case("veteran-strata", "veteran", "time", "status", c("karno", "celltype"), strata = "trt")
case("colon-death", "colon", "time", "status", c("rx", "sex", "age", "nodes", "differ"),
     levels = list(rx = c("Obs", "Lev", "Lev+5FU")), categorical = "differ")
case("pbc-death", "pbc", "time", "status", c("age", "edema", "bili", "albumin", "protime"), event_value = "dead")
case("ties-efron", "ties", "time", "status", c("x", "g"))
case("ties-breslow", "ties", "time", "status", c("x", "g"), ties = "breslow")
case("noevents-level", "noevents", "time", "status", c("group", "age"))
case("onestratum", "onestratum", "time", "status", "x", strata = "centre")
case("single", "single", "time", "status", "dose")
case("nearties", "nearties", "time", "status", "x")

# "diverged" block (CoxCommandTest.divergedLevelHasNoNumbersAndIsListed): group c has no events, so its
# estimate diverges; the contract nulls estimate, hr and limits but keeps se, z and p as coxph reports them:
#   v <- read.csv("src/test/resources/reference/cox/noevents.csv"); v$group <- factor(v$group)
#   print(summary(coxph(Surv(time, status) ~ group + age, v))$coefficients["groupc", ], digits = 17)
#   se 4955.5141259324901, z -3.9481101752446559e-03, p 0.99684987203063458 (R 4.2.2, survival 3.4)
