# Reference values for studybook.stats.regression.LinearRegression and `studybook linear`.
# Run from the project root:  Rscript src/test/r/linear.R
# Written with R 4.2.2, MASS 7.3, sandwich 3.0, lmtest 0.9 (versions in versions.txt).
# For every case: <case>.csv (the data as the CLI reads it) and, in expected.csv, long rows
# (case, se_type, term, quantity, value) at 17 significant digits; "(model)" rows hold n, df_residual,
# r_squared, adj_r_squared, sigma, aic, f, f_df, f_df2, f_p; one row per coefficient and quantity
# (estimate, se, t, p, ci_low, ci_high) with NA for an aliased coefficient,; the aliased names are in cases.csv.
# Calls: fit <- lm(y ~ ...); summary(fit) (coefficients, r.squared, adj.r.squared, sigma, fstatistic,
# pf(lower.tail = FALSE)); confint(fit); AIC(fit). HC3: V <- sandwich::vcovHC(fit, type = "HC3");
# lmtest::coeftest(fit, vcov = V) (t on the residual df) and lmtest::coefci(fit, vcov = V).
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(lmtest) })
out <- "src/test/resources/reference/linear"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("MASS", packageVersion("MASS")), paste("sandwich", packageVersion("sandwich")),
             paste("lmtest", packageVersion("lmtest"))), file.path(out, "versions.txt"))
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
wcsv <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, na = "NA")

mt <- mtcars[, c("mpg", "wt", "hp", "cyl", "qsec", "am")]
wcsv(mt, "mtcars.csv")
aq <- airquality
wcsv(aq, "airquality.csv")
bw <- birthwt[, c("bwt", "age", "lwt", "race", "smoke", "ht", "ui")]
wcsv(bw, "birthwt.csv")
set.seed(11)
co <- data.frame(a = round(rnorm(30), 3), b = round(rnorm(30), 3), g = rep(c("p", "q", "r"), 10))
co$c <- co$a + 2 * co$b                   # exactly collinear with a and b
co$lbs <- round(mt$wt[1:30] * 1000, 1)    # a unit change: wt in pounds
co$wt <- mt$wt[1:30]
co$h <- ifelse(co$g == "p", 1, 0)         # the indicator g=p duplicated as a number
co$y <- round(1 + co$a - co$b + 0.5 * co$wt + rnorm(30), 3)
wcsv(co, "collinear.csv")
# extreme leverage for HC3: one far x
lev <- data.frame(x = c(1:19, 60), z = c(rep(c(0, 1), 10)))
lev$y <- round(2 + 0.3 * lev$x + lev$z + c(rnorm(19), 8), 4)
wcsv(lev, "leverage.csv")

cases <- list(
  list(name = "mtcars", file = "mtcars.csv", y = "mpg", terms = c("wt", "hp", "cyl", "am"), categorical = "cyl"),
  list(name = "mtcars_simple", file = "mtcars.csv", y = "mpg", terms = c("wt"), categorical = character()),
  list(name = "airquality", file = "airquality.csv", y = "Ozone", terms = c("Solar.R", "Wind", "Temp", "Month"),
       categorical = "Month"),
  list(name = "birthwt", file = "birthwt.csv", y = "bwt", terms = c("age", "lwt", "race", "smoke", "ht", "ui"),
       categorical = "race"),
  list(name = "collinear", file = "collinear.csv", y = "y", terms = c("a", "b", "c", "wt"), categorical = character()),
  list(name = "collinear_units", file = "collinear.csv", y = "y", terms = c("wt", "lbs", "a"), categorical = character()),
  list(name = "collinear_factor", file = "collinear.csv", y = "y", terms = c("g", "h", "a"), categorical = "g"),
  list(name = "leverage", file = "leverage.csv", y = "y", terms = c("x", "z"), categorical = character()))

rows <- list()
add <- function(case, se, term, q, v) rows[[length(rows) + 1]] <<- data.frame(case = case, se_type = se, term = term,
                                                                                quantity = q, value = f17(v))
for (k in cases) {
  d <- read.csv(file.path(out, k$file))
  for (v in k$categorical) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  form <- as.formula(paste(k$y, "~", paste(k$terms, collapse = " + ")))
  fit <- lm(form, data = d)
  s <- summary(fit)
  fs <- s$fstatistic
  model <- c(n = nobs(fit), df_residual = fit$df.residual, r_squared = s$r.squared, adj_r_squared = s$adj.r.squared,
             sigma = s$sigma, aic = AIC(fit), f = unname(fs["value"]), f_df = unname(fs["numdf"]),
             f_df2 = unname(fs["dendf"]), f_p = unname(pf(fs["value"], fs["numdf"], fs["dendf"], lower.tail = FALSE)))
  # studybook's term names: variable=level for a factor's indicator
  cn <- names(coef(fit))
  for (v in k$categorical) cn <- sub(paste0("^", v), paste0(v, "="), cn)
  aliased <- cn[is.na(coef(fit))]
  for (se in c("classical", "hc3")) {
    for (q in names(model)) add(k$name, se, "(model)", q, model[[q]])
    if (se == "classical") {
      ct <- s$coefficients; ci <- confint(fit)
    } else {
      V <- vcovHC(fit, type = "HC3"); ct <- coeftest(fit, vcov = V); ci <- coefci(fit, vcov = V)
    }
    for (i in seq_along(cn)) {
      nm <- names(coef(fit))[i]
      if (is.na(coef(fit)[i])) {
        for (q in c("estimate", "se", "t", "p", "ci_low", "ci_high")) add(k$name, se, cn[i], q, NA)
      } else {
        add(k$name, se, cn[i], "estimate", ct[nm, 1]); add(k$name, se, cn[i], "se", ct[nm, 2])
        add(k$name, se, cn[i], "t", ct[nm, 3]); add(k$name, se, cn[i], "p", ct[nm, 4])
        add(k$name, se, cn[i], "ci_low", ci[nm, 1]); add(k$name, se, cn[i], "ci_high", ci[nm, 2])
      }
    }
  }
}
res <- do.call(rbind, rows)
write.csv(res, file.path(out, "expected.csv"), row.names = FALSE)
cs <- do.call(rbind, lapply(cases, function(k) data.frame(case = k$name, file = k$file, outcome = k$y,
  terms = paste(k$terms, collapse = ";"), categorical = paste(k$categorical, collapse = ";"),
  aliased = { d <- read.csv(file.path(out, k$file)); for (v in k$categorical) d[[v]] <- factor(d[[v]]);
              f <- lm(as.formula(paste(k$y, "~", paste(k$terms, collapse = " + "))), data = d); cn <- names(coef(f))
              for (v in k$categorical) cn <- sub(paste0("^", v), paste0(v, "="), cn)
              paste(cn[is.na(coef(f))], collapse = ";") })))
write.csv(cs, file.path(out, "cases.csv"), row.names = FALSE)
