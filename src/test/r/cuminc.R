# Reference values for studybook.stats.survival.CumulativeIncidence and `studybook cuminc`.
# Run from the project root:  Rscript src/test/r/cuminc.R
# Written with R 4.2.2, survival 3.5, cmprsk 2.2 (versions in versions.txt).
# Writes into src/test/resources/reference/cuminc/: the data as CSV; cases.csv (one line per analysis:
# file, time, status, event, censor ("" = the command's default), by, levels of the status); expected.csv in long form
# (case, group, quantity, index, value) at 17 significant digits.
# Calls: fit <- survfit(Surv(t, factor(s, levels = c(censor, event, competing...))) ~ g): per stratum,
# fit$time, fit$n.risk[, 1] and the pstate columns of the event and of the competing states (summed);
# Gray's test: cmprsk::cuminc(t, s, g, cencode = censor)$Tests[event, c("stat", "pv", "df")] (stat -1 =
# not computable, written as NA).
suppressPackageStartupMessages({ library(survival); library(cmprsk) })
out <- "src/test/resources/reference/cuminc"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("survival", packageVersion("survival")), paste("cmprsk", packageVersion("cmprsk"))),
           file.path(out, "versions.txt"))
f17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
wcsv <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, na = "NA")

# mgus2 (survival): progression to a plasma-cell malignancy (pcm) vs death without it, by sex
m <- mgus2
m$etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
m$status <- ifelse(m$pstat == 0, ifelse(m$death == 1, "death", "censored"), "pcm")
wcsv(m[, c("id", "age", "sex", "etime", "status")], "mgus2.csv")
set.seed(16)
ties <- data.frame(t = c(1, 1, 1, 2, 2, 3, 3, 3, 3, 5, 5, 6, 7, 7, 8, 8, 8, 9, 10, 10),
                   s = c(1, 2, 0, 1, 1, 2, 1, 0, 2, 1, 0, 2, 1, 1, 0, 2, 1, 0, 1, 2),
                   g = rep(c("a", "b"), 10))
wcsv(ties, "ties.csv")
allcens <- data.frame(t = c(2, 4, 6, 8, 3, 5), s = "censored", g = c("x", "x", "x", "y", "y", "y"))
wcsv(allcens, "allcensored.csv")
nog <- data.frame(t = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                  s = c("relapse", "death", "censored", "relapse", "death", "relapse",
                        "death", "censored", "death", "death", "censored", "death"),
                  g = c("a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"))
wcsv(nog, "noeventgroup.csv")
# three groups, two competing causes (2 and 3), missing values
three <- data.frame(t = round(rexp(60, 0.1), 1), s = sample(0:3, 60, replace = TRUE, prob = c(.3, .3, .2, .2)),
                    g = sample(c("p", "q", "r"), 60, replace = TRUE))
three$t[c(5, 17)] <- NA; three$s[23] <- NA; three$g[40] <- NA
wcsv(three, "three.csv")

cases <- list(
  list(name = "mgus2_sex", file = "mgus2.csv", time = "etime", status = "status", event = "pcm", censor = "", by = "sex",
       cen = "censored"),
  list(name = "mgus2_death", file = "mgus2.csv", time = "etime", status = "status", event = "death", censor = "", by = "sex",
       cen = "censored"),
  list(name = "mgus2_all", file = "mgus2.csv", time = "etime", status = "status", event = "pcm", censor = "", by = "",
       cen = "censored"),
  list(name = "ties", file = "ties.csv", time = "t", status = "s", event = "1", censor = "", by = "g", cen = "0"),
  list(name = "allcensored", file = "allcensored.csv", time = "t", status = "s", event = "relapse",
       censor = "censored", by = "g", cen = "censored"),
  list(name = "noeventgroup", file = "noeventgroup.csv", time = "t", status = "s", event = "relapse", censor = "",
       by = "g", cen = "censored"),
  list(name = "three", file = "three.csv", time = "t", status = "s", event = "1", censor = "0", by = "g", cen = "0"),
  list(name = "three_cause3", file = "three.csv", time = "t", status = "s", event = "3", censor = "", by = "g", cen = "0"))

rows <- list()
add <- function(case, group, q, v) rows[[length(rows) + 1]] <<- data.frame(case = case, group = group, quantity = q,
                                                                           index = seq_along(v), value = f17(v))
for (k in cases) {
  d <- read.csv(file.path(out, k$file), stringsAsFactors = FALSE)
  d <- d[!is.na(d[[k$time]]) & !is.na(d[[k$status]]) & (k$by == "" | !is.na(d[[if (k$by == "") 1 else k$by]])), ]
  s <- as.character(d[[k$status]])
  others <- setdiff(sort(unique(s)), c(k$cen, k$event))
  st <- factor(s, levels = c(k$cen, k$event, others))
  g <- if (k$by == "") rep("all", nrow(d)) else as.character(d[[k$by]])
  add(k$name, "", "n", nrow(d))
  for (gr in sort(unique(g))) {
    sel <- g == gr
    if (all(st[sel] == k$cen)) {
      # survfit refuses a multi-state fit with no transitions: the incidence is 0 at every time
      tt <- sort(unique(d[[k$time]][sel]))
      nr <- sapply(tt, function(x) sum(d[[k$time]][sel] >= x))
      cif <- rep(0, length(tt)); comp <- rep(0, length(tt))
    } else {
      fit <- survfit(Surv(d[[k$time]][sel], st[sel]) ~ 1)
      tt <- fit$time; nr <- fit$n.risk[, 1]
      ps <- fit$pstate; colnames(ps) <- fit$states
      cif <- if (k$event %in% colnames(ps)) ps[, k$event] else rep(0, length(tt))
      oc <- intersect(others, colnames(ps))
      comp <- if (length(oc)) rowSums(ps[, oc, drop = FALSE]) else rep(0, length(tt))
    }
    add(k$name, gr, "n", sum(sel)); add(k$name, gr, "events", sum(st[sel] == k$event))
    add(k$name, gr, "competing_events", sum(st[sel] %in% others))
    add(k$name, gr, "times", tt); add(k$name, gr, "at_risk", nr)
    add(k$name, gr, "cif", cif); add(k$name, gr, "cif_competing", comp)
  }
  if (k$by != "") {
    # with no event of any kind cuminc itself fails ("NAs in foreign function call"): not computable
    ci <- tryCatch(cuminc(d[[k$time]], s, g, cencode = k$cen), error = function(e) NULL)
    if (!is.null(ci) && k$event %in% rownames(ci$Tests)) {
      tst <- ci$Tests[k$event, ]
      stat <- if (tst[["stat"]] < 0) NA else tst[["stat"]]
      add(k$name, "", "gray_chisq", stat); add(k$name, "", "gray_df", tst[["df"]])
      add(k$name, "", "gray_p", if (is.na(stat)) NA else tst[["pv"]])
    } else {
      # no event of interest at all: cuminc has no row for it
      add(k$name, "", "gray_chisq", NA); add(k$name, "", "gray_df", NA); add(k$name, "", "gray_p", NA)
    }
  }
}
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE)
# levels: a status level order for the command (--levels), where the event of interest has no row
cs <- do.call(rbind, lapply(cases, function(k) data.frame(case = k$name, file = k$file, time = k$time,
  status = k$status, event = k$event, censor = k$censor, by = k$by,
  levels = if (k$name == "allcensored") "censored;relapse" else "")))
write.csv(cs, file.path(out, "cases.csv"), row.names = FALSE)
