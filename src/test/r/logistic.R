# Reference values for studybook.stats.regression (LogisticRegressionReferenceTest).
# Run from the project root:  Rscript src/test/r/logistic.R
# Written with R 4.2.2, MASS 7.3, brglm2 0.9 (versions are written into each fixture's header comment).
#
# For every case it writes src/test/resources/reference/logistic/<case>.csv (the data, as the CLI reads it)
# and <case>-<method>-<ci>.csv with one row per coefficient plus a row "(model)" holding n, events,
# loglik, aic, iterations, converged, separation, and rows "(term) NAME" for whole-term LR tests and
# "(auc)" for the c-statistic.
#
# ML:    estimates, se, z, p, Wald limits (exp(confint.default)), loglik, aic, iterations and converged from
#        glm(family = binomial) with its DEFAULT control, as summary(glm(...)) reports them. Profile limits
#        and LR term tests from a tight glm (epsilon = 1e-14): they are defined by the likelihood's maximum.
#        Profile limits: uniroot (tol 1e-13) on 2 (l(b) - l_j(t)) = qchisq(.95, 1), l_j(t) from glm.fit with
#        coefficient j moved into an offset -- NOT MASS::confint, which interpolates a spline.
# Firth: direct maximisation of l(b) + 0.5 log det(X'WX) by nlminb (tolerances 1e-15, analytic gradient),
#        polished by Newton steps; checked against brglm2::brglmFit(type = "AS_mean") to 1e-8. p from the
#        penalized LR test (coefficient j held at 0, others re-maximised), profile limits by uniroot.
# separation: Konis' linear program (as detectseparation, which is not installed here) solved with boot::simplex:
#        max sum s_i x_i'b s.t. s_i x_i'b >= 0, -1 <= b <= 1 (b = b+ - b-); separated iff the optimum is > 0.
suppressPackageStartupMessages({ library(MASS); library(brglm2); library(boot) })
out <- "src/test/resources/reference/logistic"
versions <- sprintf("# R %s, MASS %s, brglm2 %s", getRversion(), packageVersion("MASS"), packageVersion("brglm2"))
q95 <- qchisq(0.95, 1)
f17 <- function(v) ifelse(is.na(v), "NA", ifelse(is.infinite(v), ifelse(v > 0, "Inf", "-Inf"), sprintf("%.17g", v)))

loglik_ml <- function(X, y, b) { eta <- drop(X %*% b); sum(y * eta - log1p(exp(eta))) }
pen_loglik <- function(X, y, b) {
  eta <- drop(X %*% b); mu <- plogis(eta); w <- mu * (1 - mu)
  sum(y * eta - log1p(exp(eta))) + 0.5 * as.numeric(determinant(crossprod(X, w * X), logarithm = TRUE)$modulus)
}
pen_grad <- function(X, y, b) {
  eta <- drop(X %*% b); mu <- plogis(eta); w <- mu * (1 - mu)
  I <- crossprod(X, w * X); h <- w * rowSums((X %*% solve(I)) * X)
  drop(crossprod(X, y - mu + h * (0.5 - mu)))
}
# maximise the penalized likelihood over the free coefficients (fixed ones keep their value in b):
# Newton steps with step-halving and logistf's maxstep of 5 (nlminb alone wanders into singular
# information on separated data), then nlminb from that point must not find anything higher.
firth_max <- function(X, y, b, free = rep(TRUE, ncol(X))) {
  pl <- pen_loglik(X, y, b)
  for (k in 1:500) {
    eta <- drop(X %*% b); mu <- plogis(eta); w <- mu * (1 - mu)
    I <- crossprod(X, w * X)
    step <- solve(I[free, free, drop = FALSE], pen_grad(X, y, b)[free])
    if (max(abs(step)) > 5) step <- step * 5 / max(abs(step))
    for (h in 0:60) {
      nb <- b; nb[free] <- b[free] + step / 2^h
      npl <- pen_loglik(X, y, nb)
      if (is.finite(npl) && npl >= pl - 1e-12 * (1 + abs(pl))) break
    }
    moved <- max(abs(nb[free] - b[free])); b <- nb; pl <- npl
    if (moved < 1e-14 * (1 + max(abs(b)))) break
  }
  f <- function(v) { bb <- b; bb[free] <- v; -pen_loglik(X, y, bb) }
  o <- nlminb(b[free], f, control = list(rel.tol = 1e-15, x.tol = 1e-15))
  stopifnot(-o$objective <= pl + 1e-10 * (1 + abs(pl)))
  list(b = b, pl = pl)
}
# Constrained ML fits: glm.fit with an offset diverges from its default start (mu from y, offset
# ignored) and even from the full estimate at wt = -10 on mtcars, since IRLS only halves steps on a
# non-finite deviance. So: Newton with step-halving (as for Firth), then glm.fit started there must
# agree, and nlminb from there must find nothing higher.
ml_constrained <- function(X, y, j, t, start) {
  b <- start; b[j] <- t; free <- rep(TRUE, ncol(X)); free[j] <- FALSE
  l <- loglik_ml(X, y, b)
  for (k in 1:500) {
    mu <- plogis(drop(X %*% b)); I <- crossprod(X, mu * (1 - mu) * X)
    step <- solve(I[free, free, drop = FALSE], drop(crossprod(X, y - mu))[free])
    for (h in 0:60) {
      nb <- b; nb[free] <- b[free] + step / 2^h; nl <- loglik_ml(X, y, nb)
      if (is.finite(nl) && nl >= l - 1e-12 * (1 + abs(l))) break
    }
    moved <- max(abs(nb[free] - b[free])); b <- nb; l <- nl
    if (moved < 1e-14 * (1 + max(abs(b)))) break
  }
  g <- suppressWarnings(glm.fit(X[, -j, drop = FALSE], y, offset = X[, j] * t, family = binomial(),
                                start = b[-j], control = glm.control(epsilon = 1e-14, maxit = 500)))
  stopifnot(g$converged, abs(-g$deviance / 2 - l) < 1e-9 * (1 + abs(l)))
  o <- nlminb(b[free], function(v) { bb <- b; bb[free] <- v; -loglik_ml(X, y, bb) }, control = list(rel.tol = 1e-15))
  stopifnot(-o$objective <= l + 1e-9 * (1 + abs(l)))
  l
}
firth_constrained <- function(X, y, b, j, t) { b[j] <- t; free <- rep(TRUE, ncol(X)); free[j] <- FALSE; firth_max(X, y, b, free)$pl }

profile_limit <- function(lhat, prof, est, se, dir) {
  g <- function(t) 2 * (lhat - prof(t)) - q95
  inner <- est; step <- se
  for (k in 1:40) {
    outer <- est + dir * step
    if (g(outer) > 0) return(uniroot(g, sort(c(inner, outer)), tol = 1e-13 * max(1, abs(outer)), maxiter = 1000)$root)
    inner <- outer; step <- 2 * step
    if (abs(outer - est) > 1e4 * (1 + abs(est))) break
  }
  dir * Inf
}
separated <- function(X, y) {
  Xs <- sweep(X, 2, apply(abs(X), 2, max), "/") * ifelse(y == 1, 1, -1)
  A <- cbind(Xs, -Xs); p <- ncol(X)
  lp <- simplex(a = colSums(A), A1 = rbind(diag(2 * p), -A), b1 = c(rep(1, 2 * p), rep(0, nrow(A))), maxi = TRUE)
  stopifnot(lp$solved == 1)
  lp$value > 1e-7
}
auc <- function(p, y) { p1 <- p[y == 1]; p0 <- p[y == 0]; mean(outer(p1, p0, ">") + 0.5 * outer(p1, p0, "==")) }

write_fit <- function(name, method, ci, X, y, est, se, z, p, lo, hi, model, terms = NULL, aucv = NA) {
  rows <- data.frame(term = colnames(X), estimate = f17(est), se = f17(se), z = f17(z), p = f17(p),
                     or = f17(exp(est)), ci_low = f17(exp(lo)), ci_high = f17(exp(hi)), stringsAsFactors = FALSE)
  file <- file.path(out, sprintf("%s-%s-%s.csv", name, method, ci))
  con <- file(file, "w")
  writeLines(c(versions, sprintf("# model: %s", paste(names(model), f17(unlist(model)), sep = "=", collapse = " ")),
               if (!is.null(terms)) sprintf("# term: %s df=%d chisq=%s p=%s", terms$term, terms$df, f17(terms$chisq), f17(terms$p)),
               if (!is.na(aucv)) sprintf("# auc: %s", f17(aucv))), con)
  write.csv(rows, con, row.names = FALSE, quote = TRUE)
  close(con)
}

run_case <- function(name, data, formula, factors = list(), term_groups = list(), firth = TRUE) {
  write.csv(data, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "")
  for (v in names(factors)) data[[v]] <- factor(data[[v]], levels = factors[[v]])
  mf <- model.frame(formula, data)
  X <- model.matrix(formula, mf)
  # name columns as studybook does: variable=level for factor indicators
  cn <- colnames(X)
  for (v in names(factors)) for (l in factors[[v]]) cn[cn == paste0(v, l)] <- paste0(v, "=", l)
  colnames(X) <- cn
  y <- model.response(mf); if (is.character(y)) y <- factor(y); if (is.factor(y)) y <- as.numeric(y == levels(y)[2])
  n <- nrow(X); events <- sum(y)
  sep <- separated(X, y)
  # --- ML
  fit0 <- suppressWarnings(glm.fit(X, y, family = binomial()))  # R's own iteration count and verdict
  fit <- suppressWarnings(glm.fit(X, y, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 500)))
  # with separation the ML estimate does not exist: report where glm's default iterations stop, as studybook does
  if (sep) fit <- fit0
  # reported estimates, se, z, p, Wald limits, loglik and aic: R's DEFAULT glm (its stopping point and the
  # weights of its last IRLS iteration, as summary.glm); the tight fit anchors profile limits and LR tests
  b <- fit0$coefficients
  V <- chol2inv(qr.R(fit0$qr))[order(fit0$qr$pivot), order(fit0$qr$pivot)]
  se <- sqrt(diag(V)); z <- b / se; p <- 2 * pnorm(-abs(z))
  ll <- loglik_ml(X, y, b)
  bt <- fit$coefficients; llt <- loglik_ml(X, y, bt)
  Vt <- chol2inv(qr.R(fit$qr))[order(fit$qr$pivot), order(fit$qr$pivot)]; set <- sqrt(diag(Vt))
  model <- list(n = n, events = events, loglik = ll, aic = -2 * ll + 2 * ncol(X), iterations = fit0$iter,
                converged = as.numeric(fit0$converged), separation = as.numeric(sep))
  terms <- NULL
  for (t in names(term_groups)) {
    cols <- which(colnames(X) %in% term_groups[[t]])
    red <- suppressWarnings(glm.fit(X[, -cols, drop = FALSE], y, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 500)))
    chisq <- red$deviance - fit$deviance
    terms <- rbind(terms, data.frame(term = t, df = length(cols), chisq = chisq, p = pchisq(chisq, length(cols), lower.tail = FALSE)))
  }
  aucv <- auc(plogis(drop(X %*% b)), y)
  write_fit(name, "ml", "wald", X, y, b, se, z, p, b - qnorm(0.975) * se, b + qnorm(0.975) * se, model, terms, aucv)
  if (!sep) {
    lo <- hi <- numeric(ncol(X))
    for (j in seq_len(ncol(X))) {
      prof <- function(t) ml_constrained(X, y, j, t, bt)
      lo[j] <- profile_limit(llt, prof, bt[j], set[j], -1); hi[j] <- profile_limit(llt, prof, bt[j], set[j], +1)
    }
    write_fit(name, "ml", "profile", X, y, b, se, z, p, lo, hi, model, terms, aucv)
  }
  # --- Firth
  if (!firth) { cat(name, ": separation =", sep, "(ML only)\n"); return(invisible()) }
  ff <- firth_max(X, y, rep(0, ncol(X)))
  bf <- ff$b
  br <- suppressWarnings(glm(y ~ X - 1, family = binomial(), method = "brglmFit", type = "AS_mean",
                             epsilon = 1e-12, maxit = 500))
  stopifnot(max(abs(coef(br) - bf) / pmax(1, abs(bf))) < 1e-8)
  mu <- plogis(drop(X %*% bf)); Vf <- solve(crossprod(X, mu * (1 - mu) * X))
  sef <- sqrt(diag(Vf)); zf <- bf / sef
  pf <- sapply(seq_len(ncol(X)), function(j) pchisq(max(0, 2 * (ff$pl - firth_constrained(X, y, bf, j, 0))), 1, lower.tail = FALSE))
  lo <- hi <- numeric(ncol(X))
  for (j in seq_len(ncol(X))) {
    prof <- function(t) firth_constrained(X, y, bf, j, t)
    lo[j] <- profile_limit(ff$pl, prof, bf[j], sef[j], -1); hi[j] <- profile_limit(ff$pl, prof, bf[j], sef[j], +1)
  }
  fterms <- NULL
  for (t in names(term_groups)) {
    cols <- which(colnames(X) %in% term_groups[[t]])
    b0 <- bf; b0[cols] <- 0; free <- rep(TRUE, ncol(X)); free[cols] <- FALSE
    chisq <- max(0, 2 * (ff$pl - firth_max(X, y, b0, free)$pl))
    fterms <- rbind(fterms, data.frame(term = t, df = length(cols), chisq = chisq, p = pchisq(chisq, length(cols), lower.tail = FALSE)))
  }
  fmodel <- list(n = n, events = events, loglik = ff$pl, aic = -2 * ff$pl + 2 * ncol(X), separation = as.numeric(sep))
  write_fit(name, "firth", "profile", X, y, bf, sef, zf, pf, lo, hi, fmodel, fterms, auc(mu, y))
  write_fit(name, "firth", "wald", X, y, bf, sef, zf, pf, bf - qnorm(0.975) * sef, bf + qnorm(0.975) * sef, fmodel, fterms, auc(mu, y))
  cat(name, ": separation =", sep, "\n")
}

inf <- infert[, c("case", "spontaneous", "induced", "education")]
run_case("infert", inf, case ~ spontaneous + induced + education,
         factors = list(education = c("0-5yrs", "6-11yrs", "12+ yrs")),
         term_groups = list(education = c("education=6-11yrs", "education=12+ yrs"), induced = "induced"))
run_case("mtcars", mtcars[, c("am", "wt", "hp")], am ~ wt + hp, term_groups = list(wt = "wt"))
# complete separation: every x > 5 is an event
run_case("separated", data.frame(y = c("no", "no", "no", "no", "no", "yes", "yes", "yes", "yes", "yes"),
                                 x = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), y ~ x)
# quasi-complete separation: x = 0 holds both outcomes, x < 0 none, x > 0 only events (x is centred at the
# tie so the intercept stays identifiable and its Firth profile limits stay finite in double precision)
run_case("quasi", data.frame(y = c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0),
                             x = c(-4, -3, -2, -1, 0, 0, 1, 2, 3, 4, 5, 0),
                             z = c(0.3, 1.2, -0.5, 0.8, 0.1, -1.1, 0.4, 2.0, -0.2, 0.9, 1.5, -0.7)), y ~ x + z)
# a factor level with no events (C), with a missing value in each column to exercise complete cases
set.seed(4911)
g <- rep(c("A", "B", "C"), times = c(14, 12, 8)); age <- round(rnorm(34, 60, 10))
ev <- ifelse(g == "C", 0, rbinom(34, 1, ifelse(g == "A", 0.3, 0.6)))
zero <- data.frame(event = ev, group = g, age = age); zero$age[5] <- NA; zero$group[20] <- NA
run_case("zerolevel", zero, event ~ group + age, factors = list(group = c("A", "B", "C")),
         term_groups = list(group = c("group=B", "group=C")))

# MASS::birthwt with ptl and ftv as factors (as `studybook new` makes them): ptl = 3 holds one birth and no
# low weight, ftv = 6 one visit count and no low weight, so two levels are quasi-separated; glm converges with
# fitted probabilities near 1e-7, which a fixed boundary on the fit did not catch.
bw <- birthwt[, c("low", "age", "lwt", "race", "smoke", "ptl", "ht", "ui", "ftv")]
run_case("birthwt", bw, low ~ age + lwt + race + smoke + ptl + ht + ui + ftv,
         factors = list(race = c("1", "2", "3"), ptl = c("0", "1", "2", "3"), ftv = c("0", "1", "2", "3", "4", "6")),
         firth = FALSE)  # ML only: the nlminb Firth fit does not reach brglm2's to 1e-8 with 16 columns

# Univariable screening (ML, Wald) of each infert term alone, for the Table-3 layout: one glm per term,
# its coefficients (default glm), and drop1's LRT for the term; written as infert-univariable.csv.
inf$education <- factor(inf$education, levels = c("0-5yrs", "6-11yrs", "12+ yrs"))
uni <- NULL
for (t in c("spontaneous", "induced", "education")) {
  g0 <- glm(reformulate(t, "case"), family = binomial(), data = inf)  # default control, as summary(glm) reports
  g <- glm(reformulate(t, "case"), family = binomial(), data = inf, control = glm.control(epsilon = 1e-14, maxit = 100))
  s <- summary(g0)$coefficients[-1, , drop = FALSE]
  lrt <- drop1(g, test = "LRT")
  uni <- rbind(uni, data.frame(term = t, column = sub("^education", "education=", rownames(s)),
                               estimate = f17(s[, 1]), se = f17(s[, 2]), p = f17(s[, 4]),
                               lrt_chisq = f17(lrt$LRT[2]), lrt_p = f17(lrt[["Pr(>Chi)"]][2])))
}
con <- file(file.path(out, "infert-univariable.csv"), "w")
writeLines(versions, con); write.csv(uni, con, row.names = FALSE); close(con)
