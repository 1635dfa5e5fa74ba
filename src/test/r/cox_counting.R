# Reference values for studybook's Cox regression on counting-process data, `cox --start`
# (CoxCommandTest runs every case; CoxCountingProcessTest checks the bad input).
# Run from the project root:  Rscript src/test/r/cox_counting.R
# Written with R 4.2 and survival 3.5, as src/test/r/cox.R (same directory, same file shapes).
#
# Writes into src/test/resources/reference/cox/:
#   heart.csv        survival's `heart` (Stanford heart transplant: one row per (start, stop] interval,
#                    transplant a time-varying 0/1 exposure)
#   pbcseq.csv       survival's pbcseq joined to pbc with tmerge (laboratory values that change at each
#                    visit; death as the event, transplant censors)
#   <case>.json      {"args": the command's options (with "start", or "landmark" for a landmark analysis), "expected": the JSON document of
#                    CONTRACT.md's cox section as R computes it}
# Each case is
#   fit <- coxph(Surv(start, stop, status) ~ terms + strata(s), ties = ties)
#   summary(fit)$coefficients / $logtest / $waldtest / $sctest / $concordance, exp(confint(fit)),
#   fit$loglik, AIC(fit), fit$iter, cox.zph(fit)$table (defaults: transform = "km", terms = TRUE).
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
out <- "src/test/resources/reference/cox"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wr <- function(df, name) write.csv(df, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "NA")

# ---- datasets ----
wr(heart, "heart")
base <- subset(pbc, id <= 312, select = c(id, trt, age, sex))
base$sex <- as.character(base$sex)
base$death <- as.integer(pbc$status[pbc$id <= 312] == 2)
base$futime <- pbc$time[pbc$id <= 312]
tm <- tmerge(base[, c("id", "trt", "age", "sex")], base, id = id, death = event(futime, death))
tm <- tmerge(tm, pbcseq, id = id, bili = tdc(day, bili), albumin = tdc(day, albumin), edema = tdc(day, edema))
tm <- tm[, c("id", "tstart", "tstop", "death", "trt", "age", "sex", "bili", "albumin", "edema")]
wr(tm, "pbcseq")

# ---- fitting ----
rd <- function(name) read.csv(file.path(out, paste0(name, ".csv")), stringsAsFactors = FALSE)
case <- function(name, data, start, time, event, terms, categorical = character(), strata = NULL, ties = "efron",
                 landmark = NULL) {
  d <- rd(data)
  if (!is.null(landmark)) {
    # landmark analysis (`cox --landmark L`): rows with time < L leave, time is measured from L
    d <- d[!is.na(d[[time]]) & d[[time]] >= landmark, ]
    d[[time]] <- d[[time]] - landmark
  }
  d$.start <- if (is.null(start)) 0 else d[[start]]
  d$.time <- d[[time]]
  ev <- d[[event]]
  u <- sort(unique(ev[!is.na(ev)]))
  d$.status <- if (all(u %in% c(0, 1))) ev == 1 else if (all(u %in% c(1, 2))) ev == 2 else stop("coding")
  names_out <- character()
  for (t in c(terms, strata)) {
    if (t %in% categorical || is.character(d[[t]])) {
      u <- unique(d[[t]][!is.na(d[[t]])])
      lv <- if (is.numeric(u)) as.character(sort(u)) else sort(u, method = "radix")
      d[[t]] <- factor(as.character(d[[t]]), levels = lv)
      if (t %in% terms) names_out <- c(names_out, paste0(t, "=", lv[-1]))
    } else if (t %in% terms) names_out <- c(names_out, t)
  }
  rhs <- paste(sprintf("`%s`", terms), collapse = " + ")
  if (!is.null(strata)) rhs <- paste0(rhs, " + strata(`", strata, "`)")
  f <- as.formula(paste(if (is.null(start)) "Surv(.time, .status) ~" else "Surv(.start, .time, .status) ~", rhs))
  fit <- coxph(f, data = d, ties = ties)
  s <- summary(fit)
  co <- s$coefficients
  ci <- exp(confint(fit))
  rows <- lapply(seq_along(names_out), function(j)
    list(term = names_out[j], estimate = unname(co[j, "coef"]), se = unname(co[j, "se(coef)"]), z = unname(co[j, "z"]),
         p = unname(co[j, "Pr(>|z|)"]), hr = unname(co[j, "exp(coef)"]), ci_low = unname(ci[j, 1]), ci_high = unname(ci[j, 2])))
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
    diverged = I(character()))
  args <- list(data = paste0(data, ".csv"), start = start, landmark = landmark, time = time, event = event, terms = I(terms),
               categorical = I(categorical), levels = NULL, strata = strata, ties = ties, event_value = NULL,
               r_call = paste(deparse(f, width.cutoff = 500), collapse = ""))
  writeLines(toJSON(list(args = args, expected = expected), auto_unbox = TRUE, digits = NA, null = "null",
                    na = "null", pretty = TRUE), file.path(out, paste0(name, ".json")))
  invisible(fit)
}

case("heart-transplant", "heart", "start", "stop", "event", c("age", "year", "surgery", "transplant"))
case("heart-transplant-breslow", "heart", "start", "stop", "event", c("age", "year", "surgery", "transplant"),
     ties = "breslow")
case("heart-strata", "heart", "start", "stop", "event", c("age", "transplant"), strata = "surgery")
case("pbcseq-tdc", "pbcseq", "tstart", "tstop", "death", c("age", "sex", "bili", "albumin", "edema"),
     categorical = "edema")
case("pbcseq-tdc-breslow", "pbcseq", "tstart", "tstop", "death", c("trt", "age", "bili"), ties = "breslow")
# landmark analyses at 6 months (lung, days) and at 30 days (veteran, stratified, Breslow) on one row per patient:
#   coxph(Surv(time - L, status) ~ ..., data = subset(d, time >= L))
case("lung-landmark", "lung", NULL, "time", "status", c("age", "sex", "ph.ecog"), categorical = "sex", landmark = 182.5)
case("veteran-landmark-strata", "veteran", NULL, "time", "status", c("karno", "age"), strata = "trt", landmark = 30,
     ties = "breslow")
