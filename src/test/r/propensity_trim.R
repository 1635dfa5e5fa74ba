# Reference values for trimmed propensity weights in a cell (Propensity.of(frame)...trimmed(at)), as
# WeightIt::trim(w, at = at) trims them (WeightIt is not in Debian: its rule is written out here, from its
# .trim_weights): the weights of the rows trimmed (every row for the ATE, the controls for the ATT) above
# quantile(w, at, type = 3) are set to it. Then the balance after trimming (the contract's SMD and variance
# ratio, docs/CONTRACT.md "propensity") and the effective sample sizes. Run from the project root:
#   Rscript src/test/r/propensity_trim.R
# Reads the propensity fixtures' lalonde; writes reference/propensity_trim/expected.csv (case, path, value).
out <- "src/test/resources/reference/propensity_trim"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(R.version.string, file.path(out, "versions.txt"))
la <- read.csv("src/test/resources/reference/propensity/lalonde.csv", stringsAsFactors = FALSE)
covs <- c("age", "educ", "race", "married", "nodegree", "re74", "re75")
la$race <- factor(la$race, levels = sort(unique(la$race)))
fit <- glm(treat == 1 ~ age + educ + race + married + nodegree + re74 + re75, family = binomial, data = la)
ps <- fitted(fit); t1 <- la$treat == 1
f17 <- function(v) sprintf("%.17g", v)
rows <- list()
add <- function(case, path, v) rows[[length(rows) + 1]] <<- data.frame(case = case, path = path, value = f17(v))
wvar <- function(x, w) { m <- weighted.mean(x, w); sum(w * (x - m)^2) / (sum(w) - sum(w^2) / sum(w)) }
ess <- function(w) sum(w)^2 / sum(w^2)
run <- function(case, estimand, at) {
  w <- if (estimand == "ate") ifelse(t1, 1 / ps, 1 / (1 - ps)) else ifelse(t1, 1, ps / (1 - ps))
  trim <- if (estimand == "ate") rep(TRUE, length(w)) else !t1
  cut <- quantile(w[trim], at, type = 3)
  add(case, "trimmed", sum(trim & w > cut))
  w[trim & w > cut] <- cut
  add(case, "cut", cut)
  add(case, "ess_treated", ess(w[t1])); add(case, "ess_control", ess(w[!t1]))
  cols <- list()
  for (v in covs) {
    if (is.factor(la[[v]])) for (l in levels(la[[v]])) cols[[paste0(v, "=", l)]] <- list(x = as.numeric(la[[v]] == l), level = TRUE)
    else cols[[v]] <- list(x = la[[v]], level = FALSE)
  }
  for (term in names(cols)) {
    x <- cols[[term]]$x
    if (cols[[term]]$level) {
      pt <- mean(x[t1]); pc <- mean(x[!t1])
      s <- if (estimand == "ate") sqrt((pt * (1 - pt) + pc * (1 - pc)) / 2) else sqrt(pt * (1 - pt))
    } else {
      s <- if (estimand == "ate") sqrt((var(x[t1]) + var(x[!t1])) / 2) else sd(x[t1])
    }
    add(case, paste0("balance[", term, "].smd_after"), (weighted.mean(x[t1], w[t1]) - weighted.mean(x[!t1], w[!t1])) / s)
    if (!cols[[term]]$level) add(case, paste0("balance[", term, "].vr_after"), wvar(x[t1], w[t1]) / wvar(x[!t1], w[!t1]))
  }
}
run("ate_95", "ate", 0.95)
run("att_90", "att", 0.90)
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
