# Writes src/test/resources/readers/conformance/openxlsx_number_formats.xlsx with R's openxlsx: the same
# kinds of numbers under Excel number formats with escaped characters (yyyy\-mm\-dd, dd\.mm\.yyyy), quoted
# text ("Day "d), a locale code ([$-409]), month names, times of day and elapsed times ([h]:mm:ss,
# [mm]:ss), and plain number formats; then readxl's reading of it as .readxl.csv beside it, dates as
# yyyy-MM-dd[THH:mm:ss] and times (readxl's date-times of 1899-12-31/1900) as seconds, which is how
# studybook reads a time. Run from the repository root:  Rscript src/test/r/reader_xlsx_formats.R
suppressPackageStartupMessages({library(openxlsx); library(readxl)})
cat("R", as.character(getRversion()), "openxlsx", as.character(packageVersion("openxlsx")),
    "readxl", as.character(packageVersion("readxl")), "\n")
f <- "src/test/resources/readers/conformance/openxlsx_number_formats.xlsx"
d <- data.frame(id = 1:4,
                escaped = c(44000, 44001.5, 44100, 36526),
                dotted = c(44000, 40000, 30000, 45000),
                quoted = c(44000, 44010, 44020, 44030),
                locale = c(43831, 43832, 43833, 43834),
                monthname = c(44000, 44050, 44100, 44150),
                elapsed = c(1.5, 0.25, 30.75, 0),
                minutes = c(0.01, 0.02, 0.5, 0.125),
                clock = c(0.5, 0.75, 0.3333333333333333, 0.0625),
                fixed = c(1.25, 2, 3.125, -4),
                scientific = c(12345.678, 0.00012, 1, 2e10))
formats <- c(escaped = "yyyy\\-mm\\-dd", dotted = "dd\\.mm\\.yyyy", quoted = '"Day "d" of "mmmm yyyy',
             locale = "[$-409]mmmm d, yyyy;@", monthname = "mmm yy", elapsed = "[h]:mm:ss",
             minutes = "[mm]:ss", clock = "h:mm AM/PM", fixed = "#,##0.00", scientific = "0.00E+00")
wb <- createWorkbook()
addWorksheet(wb, "formats")
writeData(wb, "formats", d)
for (col in names(formats)) {
  addStyle(wb, "formats", createStyle(numFmt = formats[[col]]), rows = 2:5, cols = match(col, names(d)))
}
saveWorkbook(wb, f, overwrite = TRUE)

x <- read_excel(f)
origin <- as.numeric(as.POSIXct("1899-12-31", tz = "UTC"))
cell <- function(v, time) {
  if (inherits(v, "POSIXct") && time) {
    s <- as.numeric(v) - origin
    return(ifelse(s == round(s), sprintf("%.0f", s), sprintf("%.17g", s)))
  }
  if (inherits(v, "POSIXct")) {
    return(ifelse(format(v, "%H:%M:%S", tz = "UTC") == "00:00:00", format(v, "%Y-%m-%d", tz = "UTC"),
                  format(v, "%Y-%m-%dT%H:%M:%S", tz = "UTC")))
  }
  ifelse(v == round(v) & abs(v) < 1e15, sprintf("%.0f", v), sprintf("%.17g", v))
}
out <- as.data.frame(lapply(names(x), function(n) cell(x[[n]], n %in% c("elapsed", "minutes", "clock"))),
                     col.names = names(x), check.names = FALSE)
write.csv(out, paste0(f, ".readxl.csv"), row.names = FALSE, na = "", fileEncoding = "UTF-8")
