# Writes the reader fixtures of src/test/resources/readers/ with R's haven and foreign, which are
# independent of studybook: the same eight patients in every format the readers accept.
# Run from the repository root:  Rscript src/test/r/reader_fixtures.R
# (then src/test/r/reader_fixtures.sh converts with Debian's readstat). Versions used are printed.
suppressPackageStartupMessages({ library(haven); library(foreign) })
out <- "src/test/resources/readers"
cat("R", as.character(getRversion()), "haven", as.character(packageVersion("haven")),
    "foreign", as.character(packageVersion("foreign")), "\n")

pid <- sprintf("P%02d", 1:8)
age <- c(34, 51, NA, 67, 45, 72, 58, 29)
sex <- c(1, 2, 2, 1, 1, 2, 1, 2)
bmi <- c(22.5, 31.25, 27, 19.75, 24.5, 29, 26.25, 23)
stage <- c(1, 2, 3, 1, 2, 3, 2, 1)
resected <- as.Date(c("2019-03-14", "2019-05-02", "2019-06-30", "2019-08-01",
                      "2019-11-19", "2020-01-07", "2020-02-29", "2020-04-15"))
lastseen <- as.Date(c("2023-03-01", "2021-12-24", "2022-06-30", "2024-01-31",
                       "2023-11-19", "2021-07-07", "2024-02-29", "2022-10-15"))

labelled_df <- function() {
  df <- data.frame(pid = pid, age = age, sex = sex, bmi = bmi, stage = stage,
                   resected = resected, lastseen = lastseen, stringsAsFactors = FALSE)
  df$sex <- labelled(df$sex, c(Male = 1, Female = 2), label = "Sex")
  df$stage <- labelled(df$stage, c(I = 1, II = 2, III = 3), label = "Tumour stage")
  attr(df$pid, "label") <- "Patient"
  attr(df$age, "label") <- "Age at resection"
  attr(df$bmi, "label") <- "Body-mass index"
  attr(df$resected, "label") <- "Date of resection"
  attr(df$lastseen, "label") <- "Date last seen"
  df
}
df <- labelled_df()

# The plain CSV the other formats must equal (ISO dates, NA for missing).
write.csv(data.frame(pid, age, sex, bmi, stage, resected = format(resected), lastseen = format(lastseen)),
          file.path(out, "patients.csv"), row.names = FALSE, quote = FALSE, na = "NA")
# A European export: semicolons, decimal commas, Latin-1.
eu <- data.frame(pid, age, sex, bmi = format(bmi, decimal.mark = ",", trim = TRUE), stage,
                 resected = format(resected), lastseen = format(lastseen))
write.table(eu, file.path(out, "patients_eu.csv"), sep = ";", row.names = FALSE, quote = FALSE,
            na = "", fileEncoding = "latin1")

write_sav(df, file.path(out, "patients.sav"), compress = "byte")
write_sav(df, file.path(out, "patients_uncompressed.sav"), compress = "none")
write_sav(df, file.path(out, "patients.zsav"), compress = "zsav")
for (v in c(12, 13, 14, 15)) {
  write_dta(df, file.path(out, sprintf("patients_v%d.dta", v)), version = v)
}
write_xpt(df, file.path(out, "patients.xpt"), version = 5)
suppressWarnings(write_sas(df, file.path(out, "patients.sas7bdat")))

# Stata 10 (format 114) by foreign, with value labels from factors.
fdf <- data.frame(pid, age, sex = factor(sex, 1:2, c("Male", "Female")), bmi,
                  stage = factor(stage, 1:3, c("I", "II", "III")), resected, lastseen, stringsAsFactors = FALSE)
attr(fdf, "var.labels") <- c("Patient", "Age at resection", "Sex", "Body-mass index", "Tumour stage",
                             "Date of resection", "Date last seen")
foreign::write.dta(fdf, file.path(out, "patients_v10_foreign.dta"), version = 10)

# Missing values the formats carry themselves: SPSS user-missing, Stata extended missing .a/.b.
miss <- data.frame(pid = pid[1:5], score = c(3, -9, 5, -8, 4), stringsAsFactors = FALSE)
miss$score <- labelled_spss(miss$score, c(Refused = -9, Unknown = -8), na_values = c(-9, -8), label = "Pain score")
write_sav(miss, file.path(out, "user_missing.sav"))
tagged <- data.frame(pid = pid[1:5], score = c(3, tagged_na("a"), 5, tagged_na("b"), NA))
tagged$score <- labelled(tagged$score, c(Refused = tagged_na("a"), Unknown = tagged_na("b")), label = "Pain score")
write_dta(tagged, file.path(out, "extended_missing.dta"), version = 14)

# Excel, written by openxlsx (real Excel dates, a date number format), plus the two sheets a reader must refuse.
suppressPackageStartupMessages(library(openxlsx))
cat("openxlsx", as.character(packageVersion("openxlsx")), "\n")
plain <- data.frame(pid, age, sex, bmi, stage, resected, lastseen, stringsAsFactors = FALSE)
wb <- createWorkbook()
addWorksheet(wb, "notes")
writeData(wb, "notes", data.frame(note = "the data are on the sheet 'patients'"))
addWorksheet(wb, "patients")
writeData(wb, "patients", plain, keepNA = FALSE)
saveWorkbook(wb, file.path(out, "patients.xlsx"), overwrite = TRUE)

wb <- createWorkbook()
addWorksheet(wb, "patients")
writeData(wb, "patients", plain)
mergeCells(wb, "patients", cols = 2:3, rows = 1)
saveWorkbook(wb, file.path(out, "merged_header.xlsx"), overwrite = TRUE)

wb <- createWorkbook()
addWorksheet(wb, "patients")
writeData(wb, "patients", plain)
writeFormula(wb, "patients", x = "B2+1", startCol = 2, startRow = 4)
saveWorkbook(wb, file.path(out, "formula.xlsx"), overwrite = TRUE)

# One sheet only, with variable-style headers: what `studybook new` reads without --sheet.
write.xlsx(plain, file.path(out, "patients_onesheet.xlsx"))
