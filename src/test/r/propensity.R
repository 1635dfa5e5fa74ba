# Reference values for `studybook propensity` (docs/CONTRACT.md, section "propensity").
# Run from the project root:  Rscript src/test/r/propensity.R
# Written with R 4.2.2, MatchIt 4.5.1 (versions in versions.txt). WeightIt is not in Debian, so the
# weights and the balance statistics are computed here from the contract's formulas (first principles);
# the score model is glm(T == LEVEL ~ covariates, family = binomial). Matching follows the rule written out
# in caliper_match() below, which is MatchIt 4.5.1's general algorithm (src/nn_matchC.cpp: ratio rounds,
# treated from the largest score down, the first nearest unused control): for ratio 2 the script checks
# that MatchIt::matchit(..., method = "nearest", distance = "glm", m.order = "largest") gives the same
# weights. MatchIt 4.5.1 ignores `caliper`, and for ratio 1 it takes a faster path (nn_matchC_vec) that on
# lalonde picks a farther control than the nearest unused one for 6 of the 185 treated rows (e.g. NSW42:
# PSID86 at distance 0.00031 rather than PSID275 at 0.00024), so ratio 1 and the caliper cases are checked
# against the rule alone.
# Output: <data>.csv (as the CLI reads it), cases.csv (case, file, args: the CLI arguments after --data,
# ';'-separated), expected.csv (case, path, value: a JSON path into the answer, 17 significant digits)
# and rows-<case>.csv (ps, weight, subclass per row used, as --out writes them).
suppressPackageStartupMessages({ library(MatchIt) })
out <- "src/test/resources/reference/propensity"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("MatchIt", packageVersion("MatchIt"))), file.path(out, "versions.txt"))
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

data(lalonde, package = "MatchIt")
la <- lalonde
la$race <- as.character(la$race)
write.csv(la, file.path(out, "lalonde.csv"), row.names = FALSE, na = "")
# missing covariates and a missing treatment: rows left out and counted
set.seed(25)
lm <- la[sample(nrow(la), 200), c("treat", "age", "educ", "race", "married", "re74")]
lm$group <- ifelse(lm$treat == 1, "nsw", "psid")
lm$treat <- NULL
lm$age[c(3, 40, 77)] <- NA
lm$race[c(5, 90)] <- NA
lm$group[c(11)] <- NA
write.csv(lm, file.path(out, "lalonde_na.csv"), row.names = FALSE, na = "")

rows <- list()
add <- function(case, path, v) rows[[length(rows) + 1]] <<- data.frame(case = case, path = path, value = f17(v))
cases <- list()

wmean <- function(x, w) sum(w * x) / sum(w)
wvar <- function(x, w) { m <- wmean(x, w); sum(w * (x - m)^2) / (sum(w) - sum(w^2) / sum(w)) }

# The caliper rule, as MatchIt 4.5.1's nn_matchC runs without one: K rounds; in each, the treated rows
# from the largest score down each take the nearest unused control (ties: first in the file) whose
# distance is within C * sd(ps); a treated row that finds none in a round stays as it is.
caliper_match <- function(ps, treat, K, C) {
  limit <- C * sd(ps)
  used <- rep(FALSE, length(ps)); subclass <- rep(NA_integer_, length(ps))
  tr <- which(treat == 1); tr <- tr[order(-ps[tr], tr)]
  set <- rep(NA_integer_, length(ps)); s <- 0
  for (round in seq_len(K)) {
    for (i in tr) {
      cand <- which(treat == 0 & !used)
      d <- abs(ps[cand] - ps[i])
      ok <- cand[d <= limit]; dok <- d[d <= limit]
      if (length(ok) == 0) next
      pick <- ok[which.min(dok)]
      if (is.na(set[i])) { s <- s + 1; set[i] <- s }
      set[pick] <- set[i]; used[pick] <- TRUE
    }
  }
  # matched sets numbered as MatchIt numbers its subclasses: in the file order of their treated rows
  tm <- which(treat == 1 & !is.na(set))
  renumber <- match(set, set[tm])
  renumber
}

# MatchIt's weights from the matched sets: treated 1; a control (treated in its set / controls in its set),
# controls rescaled to sum to the number of matched controls; unmatched 0
subclass_weights <- function(subclass, treat) {
  w <- rep(0, length(treat))
  for (s in unique(na.omit(subclass))) {
    inS <- which(subclass == s)
    t <- inS[treat[inS] == 1]; c <- inS[treat[inS] == 0]
    w[t] <- 1; w[c] <- length(t) / length(c)
  }
  mc <- treat == 0 & w > 0
  w[mc] <- w[mc] * sum(mc) / sum(w[mc])
  w
}

run <- function(case, file, tcol, treated, covs, categorical = character(), estimand = "ate", method = "weight",
                stabilize = FALSE, ratio = 1, caliper = NA) {
  d0 <- read.csv(file.path(out, file), stringsAsFactors = FALSE, na.strings = c("", "NA"))
  args <- c("--treatment", tcol, "--treated", treated, "--covariates", paste(covs, collapse = ","),
            "--estimand", estimand, "--method", method)
  if (length(categorical)) args <- c(args, "--categorical", paste(categorical, collapse = ","))
  if (stabilize) args <- c(args, "--stabilize")
  if (method == "match") args <- c(args, "--ratio", ratio)
  if (!is.na(caliper)) args <- c(args, "--caliper", caliper)
  cases[[length(cases) + 1]] <<- data.frame(case = case, file = file, args = paste(args, collapse = ";"))
  keep <- complete.cases(d0[, c(tcol, covs)])
  d <- d0[keep, ]
  treat <- as.integer(as.character(d[[tcol]]) == treated)
  fac <- c(categorical, covs[sapply(d[covs], is.character)])
  for (v in unique(fac)) d[[v]] <- factor(d[[v]], levels = sort(unique(as.character(d[[v]]))))
  d$.t <- treat
  form <- as.formula(paste(".t ~", paste(covs, collapse = " + ")))
  fit <- glm(form, data = d, family = binomial)
  ps <- unname(fitted(fit))
  add(case, "n", nrow(d)); add(case, "treated", sum(treat)); add(case, "control", sum(1 - treat))
  add(case, "excluded", sum(!keep))
  add(case, "ps_model.converged", as.numeric(fit$converged))
  cn <- names(coef(fit))
  for (v in unique(fac)) cn <- sub(paste0("^", v), paste0(v, "="), cn)
  sc <- summary(fit)$coefficients
  for (i in seq_along(cn)) {
    add(case, paste0("ps_model.terms[", cn[i], "].estimate"), sc[i, 1])
    add(case, paste0("ps_model.terms[", cn[i], "].se"), sc[i, 2])
  }
  for (g in c("treated", "control")) {
    p <- ps[treat == (g == "treated")]
    add(case, paste0("ps.", g, ".min"), min(p)); add(case, paste0("ps.", g, ".median"), median(p))
    add(case, paste0("ps.", g, ".max"), max(p))
  }
  subclass <- rep(NA_integer_, nrow(d))
  if (method == "weight") {
    w <- if (estimand == "ate") ifelse(treat == 1, 1 / ps, 1 / (1 - ps)) else ifelse(treat == 1, 1, ps / (1 - ps))
    if (stabilize) w <- w * ifelse(treat == 1, mean(treat), 1 - mean(treat))
  } else {
    subclass <- caliper_match(ps, treat, ratio, if (is.na(caliper)) Inf else caliper)
    w <- subclass_weights(subclass, treat)
    if (is.na(caliper) && ratio > 1) {
      # MatchIt 4.5.1 (its general nn_matchC, used for ratio > 1) gives exactly these matches and weights
      m <- matchit(form, data = d, method = "nearest", distance = "glm", estimand = "ATT", ratio = ratio,
                   replace = FALSE, m.order = "largest")
      stopifnot(max(abs(m$distance - ps)) < 1e-12, max(abs(unname(m$weights) - w)) < 1e-12)
    }
    add(case, "matched.treated", sum(treat == 1 & w > 0)); add(case, "matched.control", sum(treat == 0 & w > 0))
    add(case, "matched.unmatched_treated", sum(treat == 1 & w == 0))
  }
  for (g in c("treated", "control")) {
    ww <- w[treat == (g == "treated") & w > 0]
    add(case, paste0("weights.", g, ".sum"), sum(ww)); add(case, paste0("weights.", g, ".ess"), sum(ww)^2 / sum(ww^2))
    add(case, paste0("weights.", g, ".max"), max(ww))
  }
  att <- estimand == "att" || method == "match"
  for (v in covs) {
    cols <- list()
    if (is.factor(d[[v]])) {
      lv <- levels(d[[v]])
      use <- if (length(lv) == 2) lv[-1] else lv
      for (l in use) cols[[paste0(v, "=", l)]] <- as.numeric(d[[v]] == l)
    } else {
      cols[[v]] <- d[[v]]
    }
    for (nm in names(cols)) {
      x <- cols[[nm]]
      level <- is.factor(d[[v]])
      xt <- x[treat == 1]; xc <- x[treat == 0]
      s2 <- function(z) if (level) mean(z) * (1 - mean(z)) else var(z)
      s <- if (att) sqrt(s2(xt)) else sqrt((s2(xt) + s2(xc)) / 2)
      wt <- w[treat == 1]; wc <- w[treat == 0]
      add(case, paste0("balance[", nm, "].smd_before"), (mean(xt) - mean(xc)) / s)
      add(case, paste0("balance[", nm, "].smd_after"), (wmean(xt, wt) - wmean(xc, wc)) / s)
      if (!level) {
        add(case, paste0("balance[", nm, "].vr_before"), var(xt) / var(xc))
        add(case, paste0("balance[", nm, "].vr_after"), wvar(xt[wt > 0], wt[wt > 0]) / wvar(xc[wc > 0], wc[wc > 0]))
      }
    }
  }
  write.csv(data.frame(line = which(keep) + 1, ps = f17(ps), weight = f17(w), subclass = subclass),
            file.path(out, paste0("rows-", case, ".csv")), row.names = FALSE, na = "")
}

covs <- c("age", "educ", "race", "married", "nodegree", "re74", "re75")
run("ate", "lalonde.csv", "treat", "1", covs)
run("ate_stabilized", "lalonde.csv", "treat", "1", covs, stabilize = TRUE)
run("att", "lalonde.csv", "treat", "1", covs, estimand = "att")
run("match1", "lalonde.csv", "treat", "1", covs, estimand = "att", method = "match")
run("match2", "lalonde.csv", "treat", "1", covs, estimand = "att", method = "match", ratio = 2)
run("caliper", "lalonde.csv", "treat", "1", covs, estimand = "att", method = "match", caliper = 0.1)
run("caliper2", "lalonde.csv", "treat", "1", covs, estimand = "att", method = "match", ratio = 2, caliper = 0.05)
run("married_factor", "lalonde.csv", "treat", "1", c("age", "married", "re74"), categorical = "married")
run("missing", "lalonde_na.csv", "group", "nsw", c("age", "educ", "race", "married", "re74"))
run("missing_att", "lalonde_na.csv", "group", "psid", c("age", "educ", "race", "re74"), estimand = "att")

write.csv(do.call(rbind, cases), file.path(out, "cases.csv"), row.names = FALSE)
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
