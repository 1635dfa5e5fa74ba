# Writes text levels with blanks around them, as R and haven write and keep them (read.csv's
# strip.white = FALSE, read_sav): src/test/resources/readers/blank_levels.csv (write.csv) and
# blank_levels.sav (haven), and blank_levels.counts.csv, the count of each level once the blanks are
# dropped (trimws), which Table 1 of a study `new` starts from either file must show.
# Run from the repository root:  Rscript src/test/r/reader_blank_levels.R
suppressPackageStartupMessages(library(haven))
dir <- "src/test/resources/readers"
df <- data.frame(id = 1:12,
                 arm = c(" control", "treated ", " control", "treated ", "control", "treated",
                         " control", "treated ", "control", " treated", "control ", "treated"),
                 age = c(50, 61, 47, 58, 66, 52, 49, 70, 55, 63, 59, 48))
write.csv(df, file.path(dir, "blank_levels.csv"), row.names = FALSE)
write_sav(df, file.path(dir, "blank_levels.sav"))
stopifnot(identical(read.csv(file.path(dir, "blank_levels.csv"))$arm, df$arm))
# SPSS pads text with blanks, so haven keeps the leading blanks and drops the trailing ones.
stopifnot(identical(as.character(read_sav(file.path(dir, "blank_levels.sav"))$arm), sub(" +$", "", df$arm)))
counts <- as.data.frame(table(arm = trimws(df$arm)), stringsAsFactors = FALSE)
write.csv(counts, file.path(dir, "blank_levels.counts.csv"), row.names = FALSE)
