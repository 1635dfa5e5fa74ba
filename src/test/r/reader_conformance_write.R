# Writes the conformance files that no public repository offered with the property needed, with R's
# haven (ReadStat inside): a very long string (> 255 bytes, multi-byte characters across its 252-byte
# segments), value labels and a user-missing value of a string wider than 8 bytes (records 7.21, 7.22;
# SPSS keeps at most 8 bytes of such a missing value).
# Run from the repository root:  Rscript src/test/r/reader_conformance_write.R
# then Rscript src/test/r/reader_conformance.R writes haven's reading of them.
suppressPackageStartupMessages(library(haven))
dir <- "src/test/resources/readers/conformance"
cat("R", as.character(getRversion()), "haven", as.character(packageVersion("haven")), "\n")

long <- c(paste0(strrep("a", 250), "\u00e9\u00e9\u00e9", strrep("b", 300), "\u00e9nd"),
          "short", "", strrep("x", 700))
code <- labelled_spss(c("refused", "smoker_daily", "non_smoker", "smoker_daily"),
                      labels = c("Daily smoker" = "smoker_daily", "Never smoked" = "non_smoker"),
                      na_values = "refused", label = "Smoking")
num <- labelled_spss(c(1, 2, -9, 1), labels = c(Yes = 1, No = 2, Refused = -9), na_values = -9)
write_sav(data.frame(long = long, code = code, num = num, stringsAsFactors = FALSE),
          file.path(dir, "haven_long_strings.sav"))
write_sav(data.frame(long = long, code = code, num = num, stringsAsFactors = FALSE),
          file.path(dir, "haven_long_strings.zsav"), compress = "zsav")

# SAS transport: dates under formats with separators (MMDDYYS10., YYMMDDD10., DDMMYYP10.) and a
# date-time under DATEAMPM, as days and seconds since 1960-01-01 (what SAS stores).
days <- c(20892, 0, -1, NA, 21000)
xpt <- data.frame(mdys = days, ymdd = days, dmyp = days, ampm = days * 86400 + 3600.5)
attr(xpt$mdys, "format.sas") <- "MMDDYYS10"
attr(xpt$ymdd, "format.sas") <- "YYMMDDD10"
attr(xpt$dmyp, "format.sas") <- "DDMMYYP10"
attr(xpt$ampm, "format.sas") <- "DATEAMPM22"
write_xpt(xpt, file.path(dir, "haven_date_formats.xpt"), version = 5, name = "DATES")

# A Stata 6 dataset (format 108), which studybook refuses by name: R's foreign writes it.
suppressPackageStartupMessages(library(foreign))
write.dta(data.frame(x = c(1.5, 2), s = c("a", "b")), "src/test/resources/readers/old_stata6.dta", version = 6)
