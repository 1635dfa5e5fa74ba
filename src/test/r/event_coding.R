# Reference for studybook.stats.survival.EventCoding and `studybook survival` without --event-value:
# what R's Surv(time, status) itself takes as the event when the status is given as stored.
# Produced with R 4.2.2 and survival 3.5.3. Run from the project root:
#   Rscript src/test/r/event_coding.R
# Writes src/test/resources/reference/survival/event_coding.csv: one line per (case, group) with the
# number of events and the Kaplan-Meier median of survfit(Surv(time, status) ~ g), status passed as read
# by read.csv (numbers stay numbers, TRUE/FALSE become logical).
suppressPackageStartupMessages(library(survival))
out <- "src/test/resources/reference/survival"
logical_case <- data.frame(t = c(1, 2, 3, 4, 5, 6, 7, 8),
                           e = c(TRUE, FALSE, TRUE, TRUE, FALSE, TRUE, NA, TRUE),
                           g = c("a", "a", "a", "a", "b", "b", "b", "b"))
write.csv(logical_case, file.path(out, "logical_status.csv"), row.names = FALSE, na = "NA")
cases <- list(
  list(name = "lung_sex_12", file = "lung.csv", time = "time", status = "status", by = "sex"),
  list(name = "aml_x_01", file = "aml.csv", time = "time", status = "status", by = "x"),
  list(name = "logical", file = "logical_status.csv", time = "t", status = "e", by = "g"))
rows <- list()
for (k in cases) {
  d <- read.csv(file.path(out, k$file))
  fit <- survfit(Surv(d[[k$time]], d[[k$status]]) ~ as.character(d[[k$by]]))
  tab <- summary(fit)$table
  groups <- sub("^[^=]*=", "", rownames(tab))
  rows[[k$name]] <- data.frame(case = k$name, file = k$file, time = k$time, status = k$status, by = k$by,
                               group = groups, events = tab[, "events"],
                               median = trimws(formatC(tab[, "median"], digits = 17, format = "g")))
}
res <- do.call(rbind, rows)
write.csv(res, file.path(out, "event_coding.csv"), row.names = FALSE, quote = TRUE)
