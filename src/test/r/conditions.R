# Reference values for studybook.data.Truth / Condition / Frame.where / withFactor (issue 10).
# Run from the project root:  Rscript src/test/r/conditions.R
# Produced with R 4.2.2, base R only (dplyr is not installed here: filter() keeps the rows where the
# condition is TRUE, which is base subset(); case_when's "first TRUE wins, otherwise NA" is written out).
# Writes into src/test/resources/reference/conditions/:
#   logic.csv      R's &, | and ! over TRUE, FALSE, NA
#   data.csv       a small data set with missing values (NA = missing)
#   conditions.csv each condition's value per row (TRUE/FALSE/NA), by name
out <- "src/test/resources/reference/conditions"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wr <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, na = "NA")

v <- c(TRUE, FALSE, NA)
g <- expand.grid(a = v, b = v)
wr(data.frame(a = g$a, b = g$b, and = g$a & g$b, or = g$a | g$b, not_a = !g$a), "logic.csv")

d <- data.frame(
  size  = c(5, 9.9, 10, 12, NA, 3, 10, NA),
  grade = c("G1", "G1", "G2", "G1", "G1", NA, "G2", NA),
  lvi   = c("negative", "positive", "negative", NA, "negative", "negative", "negative", NA),
  stringsAsFactors = FALSE)
wr(d, "data.csv")

rule <- d$size < 10 & d$grade == "G1" & d$lvi == "negative"
cond <- data.frame(
  is_g1 = d$grade == "G1",
  isnot_g1 = !(d$grade == "G1"),
  is_g1_g2 = d$grade == "G1" | d$grade == "G2",
  below_10 = d$size < 10,
  atmost_10 = d$size <= 10,
  above_9_9 = d$size > 9.9,
  atleast_10 = d$size >= 10,
  between_5_10 = d$size >= 5 & d$size <= 10,
  ismissing_size = is.na(d$size),
  notmissing_lvi = !is.na(d$lvi),
  rule = rule,
  not_rule = !rule,
  any = d$size < 10 | d$lvi == "positive",
  # case_when(rule ~ "curative", !rule ~ "non_curative") : first TRUE wins, else NA
  group = ifelse(!is.na(rule) & rule, "curative", ifelse(!is.na(!rule) & !rule, "non_curative", NA)),
  # filter(!rule): rows kept
  kept_not_rule = !is.na(!rule) & !rule)
wr(cond, "conditions.csv")
cat("rows kept by filter(!rule):", sum(cond$kept_not_rule), " dropped as NA:", sum(is.na(!rule)), "\n")
