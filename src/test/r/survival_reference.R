# Reference values for studybook.stats.survival and `studybook survival`.
# Produced with R 4.2.2 and survival 3.5.3 (the versions are also written to
# versions.txt). Run from the project root:
#   Rscript src/test/r/survival_reference.R
# Writes, into src/test/resources/reference/survival/:
#   - the datasets as CSV (lung, aml, ovarian, veteran from the survival package; tiny edge cases),
#   - cases.csv: one line per analysis (data file, time/event/by columns, event value, conf type, level),
#   - expected.csv: long format (case, group, quantity, index, value) with values at 17 significant digits.
# Calls used: survfit(Surv(time, event) ~ g, conf.type=, conf.int=) for the curves (fit$std.err is the
# standard error of the cumulative hazard), print.survfit's table (summary(fit)$table) for the median and
# its limits, summary(fit, times=, extend=TRUE) for numbers at risk, survdiff(rho=0) for the log-rank test,
# survfit(Surv(time, 1 - event) ~ 1) for the reverse Kaplan-Meier median and median(time) for the plain one.
suppressPackageStartupMessages(library(survival))
out <- "src/test/resources/reference/survival"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
writeLines(c(R.version.string, paste("survival", as.character(packageVersion("survival")))),
           file.path(out, "versions.txt"))

wcsv <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, na = "NA", quote = TRUE)
data(cancer, package = "survival")
wcsv(lung, "lung.csv")
aml2 <- data.frame(time = aml$time, status = aml$status, x = as.character(aml$x))
wcsv(aml2, "aml.csv")
wcsv(ovarian, "ovarian.csv")
vet <- veteran; vet$celltype <- as.character(vet$celltype)
wcsv(vet, "veteran.csv")

tiny <- list(
  noevents = data.frame(t = c(3, 5, 8, 2, 9, 12), e = 0, g = c("a", "a", "a", "b", "b", "b")),
  ties = data.frame(t = c(2, 2, 2, 3, 5, 5, 5, 7, 2, 4, 4, 5, 6, 6),
                    e = c(1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0),
                    g = c(rep("a", 8), rep("b", 6))),
  single = data.frame(t = 4.5, e = 1),
  single_censored = data.frame(t = 4.5, e = 0),
  half = data.frame(t = c(1, 2, 3, 4), e = c(1, 1, 1, 1)),
  half_censored = data.frame(t = c(1, 2, 2.5, 3, 6, 7), e = c(1, 1, 0, 0, 1, 1)),
  allcensored_group = data.frame(t = c(1, 3, 4, 6, 2, 5, 8, 9), e = c(1, 0, 1, 1, 0, 0, 0, 0),
                                 g = c("a", "a", "a", "a", "b", "b", "b", "b")),
  text_event = data.frame(t = c(6, 6, 6, 7, 10, 13, 16, 22, 23, 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8),
                          status = c("relapse", "relapse", "relapse", "none", "relapse", "none", "relapse",
                                     "none", "relapse", rep("relapse", 11)),
                          arm = c(rep("drug", 9), rep("placebo", 11))),
  three_groups = data.frame(t = c(5, 8, 12, 12, 20, 3, 4, 9, 9, 15, 1, 2, 2, 6, 30),
                            e = c(1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0),
                            g = rep(c("x", "y", "z"), each = 5)),
  missing = data.frame(t = c(5, NA, 8, 12, 3, 4, 9, 11, 2, 6),
                       e = c(1, 1, NA, 1, 1, 0, 1, 0, 1, 1),
                       g = c("a", "a", "a", "a", NA, "b", "b", "b", "b", "b")),
  zero_time = data.frame(t = c(0, 0, 1, 2, 3, 3), e = c(1, 0, 1, 0, 1, 1)),
  empty_group = data.frame(t = c(2, 4, 6, 1, 3, 5), e = c(1, 0, 1, 1, 1, 0),
                           g = c("a", "a", "a", "c", "c", "c"))
)
for (nm in names(tiny)) wcsv(tiny[[nm]], paste0(nm, ".csv"))

cases <- read.csv(text = "
case,file,time,event,event_value,by,levels,conf_type,conf_level,at_times
lung_sex,lung.csv,time,status,2,sex,,log,0.95,0;100;365;730;1000;1100
lung_all,lung.csv,time,status,2,,,log,0.95,0;180;365
lung_loglog,lung.csv,time,status,2,sex,,log-log,0.95,
lung_plain90,lung.csv,time,status,2,ph.ecog,,plain,0.9,
aml_x,aml.csv,time,status,1,x,,log,0.95,0;10;20;40
ovarian_rx,ovarian.csv,futime,fustat,1,rx,,log,0.95,100;500;1000
veteran_trt,veteran.csv,time,status,1,trt,,log,0.95,30;90;365
veteran_celltype,veteran.csv,time,status,1,celltype,,log,0.95,
noevents,noevents.csv,t,e,1,g,,log,0.95,0;4;10
noevents_all,noevents.csv,t,e,1,,,log,0.95,
ties,ties.csv,t,e,1,g,,log,0.95,2;5
single,single.csv,t,e,1,,,log,0.95,1;4.5
single_censored,single_censored.csv,t,e,1,,,log,0.95,
half,half.csv,t,e,1,,,log,0.95,
half_censored,half_censored.csv,t,e,1,,,log,0.95,
allcensored_group,allcensored_group.csv,t,e,1,g,,log,0.95,
text_event,text_event.csv,t,status,relapse,arm,,log,0.95,5;10
three_groups,three_groups.csv,t,e,1,g,,log,0.95,
missing,missing.csv,t,e,1,g,,log,0.95,
zero_time,zero_time.csv,t,e,1,,,log,0.95,0;1
empty_group,empty_group.csv,t,e,1,g,a;b;c,log,0.95,
", colClasses = "character", na.strings = character(0))
wcsv(cases, "cases.csv")

num <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
rows <- list()
add <- function(case, group, quantity, values) {
  if (length(values) == 0) return(invisible())
  rows[[length(rows) + 1]] <<- data.frame(case = case, group = group, quantity = quantity,
                                         index = seq_along(values) - 1, value = num(as.numeric(values)))
}
# R's C-locale order for text, numeric order for numbers (as studybook's ad-hoc loader orders levels)
levels_of <- function(x, declared) {
  if (nzchar(declared)) return(strsplit(declared, ";")[[1]])
  u <- unique(x[!is.na(x)])
  if (is.numeric(u)) as.character(sort(u)) else sort(as.character(u), method = "radix")
}
for (i in seq_len(nrow(cases))) {
  cs <- cases[i, ]
  d <- read.csv(file.path(out, cs$file), na.strings = "NA", stringsAsFactors = FALSE)
  time <- d[[cs$time]]
  raw <- d[[cs$event]]
  ev <- ifelse(is.na(raw), NA, as.integer(as.character(raw) == cs$event_value |
                                           (is.numeric(raw) & raw == suppressWarnings(as.numeric(cs$event_value)))))
  grouped <- nzchar(cs$by)
  g <- if (grouped) factor(as.character(d[[cs$by]]), levels = levels_of(d[[cs$by]], cs$levels)) else factor(rep("all", nrow(d)))
  keep <- !is.na(time) & !is.na(ev) & !is.na(g)
  time <- time[keep]; ev <- ev[keep]; g <- g[keep]
  add(cs$case, "", "n", length(time)); add(cs$case, "", "events", sum(ev)); add(cs$case, "", "excluded", sum(!keep))
  ctype <- cs$conf_type; clevel <- as.numeric(cs$conf_level)
  at <- if (nzchar(cs$at_times)) as.numeric(strsplit(cs$at_times, ";")[[1]]) else numeric(0)
  for (lv in levels(g)) {
    w <- g == lv
    add(cs$case, lv, "group_n", sum(w)); add(cs$case, lv, "group_events", sum(ev[w]))
    if (!any(w)) next
    f <- survfit(Surv(time[w], ev[w]) ~ 1, conf.type = ctype, conf.int = clevel)
    add(cs$case, lv, "time", f$time); add(cs$case, lv, "n.risk", f$n.risk)
    add(cs$case, lv, "n.event", f$n.event); add(cs$case, lv, "n.censor", f$n.censor)
    add(cs$case, lv, "surv", f$surv); add(cs$case, lv, "std.err", f$std.err)
    add(cs$case, lv, "lower", f$lower); add(cs$case, lv, "upper", f$upper)
    tab <- summary(f)$table
    add(cs$case, lv, "median", tab[["median"]])
    add(cs$case, lv, "median_low", tab[[paste0(clevel, "LCL")]])
    add(cs$case, lv, "median_high", tab[[paste0(clevel, "UCL")]])
    if (length(at) > 0) {
      s <- summary(f, times = at, extend = TRUE)
      add(cs$case, lv, "at.time", s$time); add(cs$case, lv, "at.n.risk", s$n.risk)
      add(cs$case, lv, "at.n.event", s$n.event); add(cs$case, lv, "at.n.censor", s$n.censor)
      add(cs$case, lv, "at.surv", s$surv); add(cs$case, lv, "at.std.err", s$std.err)
      add(cs$case, lv, "at.lower", s$lower); add(cs$case, lv, "at.upper", s$upper)
    }
  }
  if (grouped) {
    sd <- survdiff(Surv(time, ev) ~ g, rho = 0)
    df <- sum(sd$exp > 0) - 1
    add(cs$case, "", "logrank_df", df)
    if (df >= 1) {
      add(cs$case, "", "logrank_chisq", sd$chisq)
      add(cs$case, "", "logrank_p", pchisq(sd$chisq, df, lower.tail = FALSE))
    }
    add(cs$case, "", "logrank_observed", sd$obs); add(cs$case, "", "logrank_expected", sd$exp)
  }
  rf <- survfit(Surv(time, 1 - ev) ~ 1)
  add(cs$case, "", "median_reverse_km", summary(rf)$table[["median"]])
  add(cs$case, "", "median_observed", median(time))
}
write.csv(do.call(rbind, rows), file.path(out, "expected.csv"), row.names = FALSE, quote = FALSE)
