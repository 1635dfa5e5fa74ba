# Reference values for the Monte-Carlo Fisher test (studybook.stats.compare.FisherSimulated).
# Run from the project root:  Rscript src/test/r/fisher_simulated.R
# Produced with R 4.2.2. Writes src/test/resources/reference/compare/fisher_simulated.csv:
#   table        rows separated by ';', cells by ' '
#   p_exact      fisher.test(m, workspace = 2e8)$p.value, the exact p the Monte-Carlo p must approach
#   p_simulated  fisher.test(m, simulate.p.value = TRUE, B = 2000)$p.value after set.seed(1), for information:
#                studybook uses its own generator, so its p differs from this one by Monte-Carlo error only
out <- "src/test/resources/reference/compare"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
tabs <- c("3 1;1 3",
          "10 0;3 7",
          "1 2 3;4 5 0;0 1 6",
          "2 0 1 4;1 3 2 0;0 2 5 1",
          "5 3 2 1 0;1 2 3 4 6;2 2 2 2 2",
          "4 1 0;2 3 1;0 2 4;1 1 1;3 0 2;0 4 1",
          "6 2 1 0 3;1 5 2 4 0;2 1 6 1 2;0 3 1 5 1")
parse <- function(s) do.call(rbind, lapply(strsplit(strsplit(s, ";")[[1]], " "), as.numeric))
rows <- lapply(tabs, function(s) {
  m <- parse(s)
  set.seed(1)
  data.frame(table = s,
             p_exact = fisher.test(m, workspace = 2e8)$p.value,
             p_simulated = fisher.test(m, simulate.p.value = TRUE, B = 2000)$p.value)
})
write.csv(do.call(rbind, rows), file.path(out, "fisher_simulated.csv"), row.names = FALSE)
