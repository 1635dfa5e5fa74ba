# Reference values for studybook.stats.describe / studybook.stats.compare / describe command.
# Run from the project root:  Rscript src/test/r/compare.R
# Produced with R 4.2.2 (base stats + MASS for ginv); tableone is not installed here, so its
# standardized-difference formulas (tableone:::StdDiff / StdDiffMulti, Yang & Dalton 2012) are
# written out below.
# Writes into src/test/resources/reference/compare/:
#   <dataset>.csv      the data as the Java tests read them (NA = missing)
#   tests.csv          one row per group comparison: the R call, statistic, df, df2, p
#   summaries.csv      descriptives per variable and group (group "" = overall)
#   levels.csv         level counts per categorical variable and group
#   smd.csv            standardized differences between the first two groups
Sys.setlocale("LC_COLLATE", "C")  # level order by code point, as studybook's CONTRACT
out <- "src/test/resources/reference/compare"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wr <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, na = "NA")

infert2 <- infert[, c("education", "age", "parity", "induced", "case", "spontaneous")]
infert2$education <- as.character(infert2$education)
aq <- airquality
ds <- list(
  mtcars = cbind(model = rownames(mtcars), mtcars),
  ToothGrowth = ToothGrowth,
  infert = infert2,
  esoph = data.frame(lapply(esoph, function(x) if (is.factor(x)) as.character(x) else x)),
  warpbreaks = data.frame(lapply(warpbreaks, function(x) if (is.factor(x)) as.character(x) else x)),
  airquality = aq,
  # hand-made edge cases
  tiny = data.frame(
    g = c("a","a","a","a","b","b","b","b","b"),
    x = c(1.5, 2.25, 3, 10, 4, 5.5, 6, 7, 8),
    y = c("u","u","u","u","v","v","v","v","u"),
    z = c("p","q","r","p","q","r","r","r","r"))
)
for (n in names(ds)) wr(ds[[n]], paste0(n, ".csv"))

# Everything below reads the CSVs back, so R sees exactly what Java sees.
rd <- function(n) read.csv(file.path(out, paste0(n, ".csv")), stringsAsFactors = FALSE)
grp <- function(v) factor(v, levels = sort(unique(v[!is.na(v)]), method = "radix"))

tests <- list()
add <- function(data, var, by, test, call, st, df = NA, df2 = NA, p) {
  tests[[length(tests) + 1]] <<- data.frame(data = data, var = var, by = by, test = test, r_call = call,
    statistic = unname(st), df = unname(df), df2 = unname(df2), p = unname(p))
}
cont <- function(data, var, by) {
  d <- rd(data); d <- d[!is.na(d[[by]]), ]
  x <- d[[var]]; g <- grp(d[[by]])
  if (nlevels(g) == 2) {
    r <- t.test(x ~ g, var.equal = TRUE); add(data, var, by, "t", "t.test(x ~ g, var.equal = TRUE)", r$statistic, r$parameter, NA, r$p.value)
    r <- t.test(x ~ g); add(data, var, by, "welch", "t.test(x ~ g)", r$statistic, r$parameter, NA, r$p.value)
    r <- suppressWarnings(wilcox.test(x ~ g, exact = FALSE)); add(data, var, by, "mann-whitney", "wilcox.test(x ~ g, exact = FALSE)", r$statistic, NA, NA, r$p.value)
    xx <- x[!is.na(x)]
    if (!any(duplicated(xx)) && length(xx) < 50) {
      r <- wilcox.test(x ~ g, exact = TRUE); add(data, var, by, "mann-whitney-exact", "wilcox.test(x ~ g, exact = TRUE)", r$statistic, NA, NA, r$p.value)
    }
  }
  r <- kruskal.test(x ~ g); add(data, var, by, "kruskal", "kruskal.test(x ~ g)", r$statistic, r$parameter, NA, r$p.value)
  a <- oneway.test(x ~ g, var.equal = TRUE)
  add(data, var, by, "anova", "oneway.test(x ~ g, var.equal = TRUE)", a$statistic, a$parameter[1], a$parameter[2], a$p.value)
}
catg <- function(data, var, by, fisher = TRUE) {
  d <- rd(data); d <- d[!is.na(d[[by]]), ]
  tab <- table(grp(d[[var]]), grp(d[[by]]))
  r <- suppressWarnings(chisq.test(tab, correct = FALSE)); add(data, var, by, "chisq", "chisq.test(table(x, g), correct = FALSE)", r$statistic, r$parameter, NA, r$p.value)
  r <- suppressWarnings(chisq.test(tab, correct = TRUE)); add(data, var, by, "chisq-yates", "chisq.test(table(x, g), correct = TRUE)", r$statistic, r$parameter, NA, r$p.value)
  if (fisher) {
    r <- fisher.test(tab, workspace = 2e8); add(data, var, by, "fisher", "fisher.test(table(x, g))", NA, NA, NA, r$p.value)
  }
}
cont("mtcars", "mpg", "am"); cont("mtcars", "mpg", "cyl"); cont("mtcars", "hp", "vs"); cont("mtcars", "qsec", "am")
cont("mtcars", "wt", "gear")
catg("mtcars", "gear", "am"); catg("mtcars", "vs", "am"); catg("mtcars", "cyl", "gear"); catg("mtcars", "carb", "cyl")
cont("ToothGrowth", "len", "supp"); cont("ToothGrowth", "len", "dose")
catg("infert", "education", "case"); catg("infert", "induced", "spontaneous"); catg("infert", "induced", "case")
cont("infert", "age", "case")
catg("esoph", "agegp", "tobgp"); catg("esoph", "alcgp", "tobgp"); cont("esoph", "ncases", "alcgp")
catg("warpbreaks", "tension", "wool"); cont("warpbreaks", "breaks", "wool"); cont("warpbreaks", "breaks", "tension")
cont("airquality", "Ozone", "Month"); cont("airquality", "Solar.R", "Month")
catg("tiny", "y", "g"); catg("tiny", "z", "g"); cont("tiny", "x", "g")
# airquality Ozone, May vs August only (NAs in both groups)
aq2 <- rd("airquality"); aq2 <- aq2[aq2$Month %in% c(5, 8), ]; ds$airquality58 <- aq2; wr(aq2, "airquality58.csv")
cont("airquality58", "Ozone", "Month"); cont("airquality58", "Wind", "Month")
tests <- do.call(rbind, tests)
wr(tests, "tests.csv")

# Fisher exact on hand-made tables (rows separated by ';', cells by ' ')
fish <- list("3 1;1 3", "0 5;5 0", "10 0;3 7", "1 2 3;4 5 0;0 1 6", "2 0 0 1;0 3 1 0;1 1 2 2", "2 1;499488 500509", "3 0 1;40000 39000 41000",
  "5 0;0 0;2 3", "20 15 12;8 14 19;5 3 9;11 6 2", "1 1;1 1", "7 2 1 0 3;1 4 4 6 0")
fr <- do.call(rbind, lapply(fish, function(s) {
  m <- do.call(rbind, lapply(strsplit(strsplit(s, ";")[[1]], " "), as.numeric))
  keep <- rowSums(m) > 0; m2 <- m[keep, colSums(m) > 0, drop = FALSE]
  data.frame(table = s, p = fisher.test(m2, workspace = 2e8)$p.value)
}))
wr(fr, "fisher_tables.csv")

# Descriptives: overall and per group, over non-missing values
q <- function(x, p) unname(quantile(x, p, type = 7, na.rm = TRUE))
summ <- function(data, var, by) {
  d <- rd(data); d <- d[!is.na(d[[by]]), ]
  g <- grp(d[[by]])
  f <- function(x, lev) data.frame(data = data, var = var, by = by, group = lev, n = sum(!is.na(x)), missing = sum(is.na(x)),
    mean = mean(x, na.rm = TRUE), sd = sd(x, na.rm = TRUE), median = median(x, na.rm = TRUE),
    q1 = q(x, .25), q3 = q(x, .75), min = min(x, na.rm = TRUE), max = max(x, na.rm = TRUE))
  rbind(f(d[[var]], ""), do.call(rbind, lapply(levels(g), function(l) f(d[[var]][g == l], l))))
}
sm <- rbind(summ("mtcars", "mpg", "am"), summ("mtcars", "hp", "cyl"), summ("airquality", "Ozone", "Month"),
  summ("airquality", "Solar.R", "Month"), summ("ToothGrowth", "len", "dose"), summ("infert", "age", "case"),
  summ("tiny", "x", "g"))
wr(sm, "summaries.csv")

levs <- function(data, var, by) {
  d <- rd(data); d <- d[!is.na(d[[by]]), ]
  g <- grp(d[[by]]); x <- grp(d[[var]])
  f <- function(xs, lev) { tb <- table(xs); data.frame(data = data, var = var, by = by, group = lev, level = names(tb),
    n = as.integer(tb), missing = sum(is.na(xs)), pct = 100 * as.numeric(tb) / sum(tb)) }
  rbind(f(x, ""), do.call(rbind, lapply(levels(g), function(l) f(x[g == l], l))))
}
lv <- rbind(levs("mtcars", "gear", "am"), levs("infert", "education", "case"), levs("esoph", "agegp", "tobgp"),
  levs("tiny", "z", "g"))
wr(lv, "levels.csv")

# Standardized differences as tableone defines them (first vs second group, absolute value)
smd_cont <- function(x1, x2) abs((mean(x1, na.rm = TRUE) - mean(x2, na.rm = TRUE)) /
  sqrt((var(x1, na.rm = TRUE) + var(x2, na.rm = TRUE)) / 2))
smd_cat <- function(x1, x2, levs) {
  p1 <- as.numeric(table(factor(x1, levs))); p1 <- p1 / sum(p1)
  p2 <- as.numeric(table(factor(x2, levs))); p2 <- p2 / sum(p2)
  tt <- p1[-1]; cc <- p2[-1]
  covm <- function(p) { m <- -outer(p, p); diag(m) <- p * (1 - p); m }
  S <- (covm(tt) + covm(cc)) / 2
  sqrt(drop(t(tt - cc) %*% MASS::ginv(S) %*% (tt - cc)))
}
smd <- function(data, var, by, type) {
  d <- rd(data); d <- d[!is.na(d[[by]]), ]; g <- grp(d[[by]]); l <- levels(g)
  x1 <- d[[var]][g == l[1]]; x2 <- d[[var]][g == l[2]]
  v <- if (type == "continuous") smd_cont(x1, x2) else smd_cat(x1, x2, levels(grp(d[[var]])))
  data.frame(data = data, var = var, by = by, type = type, smd = v)
}
wr(rbind(smd("mtcars", "mpg", "am", "continuous"), smd("airquality58", "Ozone", "Month", "continuous"),
  smd("mtcars", "gear", "am", "categorical"), smd("infert", "education", "case", "categorical"),
  smd("mtcars", "vs", "am", "categorical"), smd("tiny", "z", "g", "categorical")), "smd.csv")
cat("written to", out, "\n")
