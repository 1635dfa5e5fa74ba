# Writes src/test/resources/readers/conformance/haven_text_utf8.xpt: a SAS transport file whose text
# (values and a variable label) R haven writes as UTF-8 bytes, with characters that ISO-8859-1 and
# Windows-1252 would read as other ones (é, the en dash, the euro sign). reader_conformance.R then writes
# haven's reading of it. Run from the repository root:  Rscript src/test/r/reader_xpt_text.R
suppressPackageStartupMessages(library(haven))
dir <- "src/test/resources/readers/conformance"
df <- data.frame(txt = c("caf\u00e9 \u2013 \u20ac5", "plain", "", "na\u00efve"), n = c(1, 2, NA, 4))
attr(df$txt, "label") <- "Caf\u00e9 \u2013 text"
write_xpt(df, file.path(dir, "haven_text_utf8.xpt"), version = 5, name = "TEXT")
