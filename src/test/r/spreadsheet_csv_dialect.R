# Writes the study's codebook and claims file as a German spreadsheet would save them: R's write.csv2
# (';'-separated, decimal commas in the numbers, as Excel and LibreOffice write CSV in such locales),
# with CR LF line ends, to src/test/resources/readers/codebook_csv2.csv and claims_csv2.csv.
# SpreadsheetCsvDialectTest reads them and requires the same codebook and claims as from the originals.
# Run from the repository root:  Rscript src/test/r/spreadsheet_csv_dialect.R
dir <- "src/test/resources/readers"
comma <- function(x) ifelse(grepl("^-?[0-9]*\\.[0-9]+$", x), sub(".", ",", x, fixed = TRUE), x)
cb <- read.csv("data/codebook.csv", colClasses = "character", na.strings = character(0), check.names = FALSE)
cb$min <- comma(cb$min)
cb$max <- comma(cb$max)
write.csv2(cb, file.path(dir, "codebook_csv2.csv"), row.names = FALSE, eol = "\r\n", fileEncoding = "UTF-8")
cl <- read.csv("analysis/claims.csv", colClasses = "character", na.strings = character(0), check.names = FALSE)
cl$printed <- comma(cl$printed)
write.csv2(cl, file.path(dir, "claims_csv2.csv"), row.names = FALSE, eol = "\r\n", fileEncoding = "UTF-8")
