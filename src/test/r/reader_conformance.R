# Writes, for every file of src/test/resources/readers/conformance/ (public test files other tools
# wrote; see the README there), the values R's haven reads: FILE.haven.csv beside it. ReaderConformanceTest
# compares them with what studybook reads (its `studybook data FILE` output), so CI needs no R.
# Run from the repository root:  Rscript src/test/r/reader_conformance.R
# Conventions (those of `studybook data`): numbers with 17 significant digits (the test compares them as
# doubles), dates yyyy-MM-dd, date-times yyyy-MM-ddTHH:mm:ss (UTC), text as is, system missing empty,
# user-missing values kept (user_na = TRUE) as their value, Stata/SAS tagged missing values as .a / .A (SAS's in
# upper case, as SAS shows them),
# and beside each labelled column a column NAME:label with each cell's value label.
suppressPackageStartupMessages(library(haven))
dir <- "src/test/resources/readers/conformance"
cat("R", as.character(getRversion()), "haven", as.character(packageVersion("haven")), "\n")

cell <- function(x, sas = FALSE) {
  out <- rep("", length(x))
  tag <- if (is.double(x)) na_tag(x) else rep(NA_character_, length(x))
  # is.na() of a labelled_spss vector is TRUE for user-missing values: read the bare values instead.
  if (inherits(x, "haven_labelled")) attributes(x) <- NULL
  if (inherits(x, "POSIXct")) {
    ok <- !is.na(x)
    out[ok] <- format(x[ok], "%Y-%m-%dT%H:%M:%S", tz = "UTC")
  } else if (inherits(x, "Date")) {
    ok <- !is.na(x)
    out[ok] <- format(x[ok], "%Y-%m-%d")
  } else if (is.numeric(x)) {
    ok <- !is.na(x)
    v <- unclass(x)[ok]
    out[ok] <- ifelse(v == round(v) & abs(v) < 1e15, sprintf("%.0f", v), sprintf("%.17g", v))
    tagged <- !is.na(tag)
    # haven keeps tags in lower case; SAS shows its special missing values .A-.Z in upper case.
    out[tagged] <- paste0(".", if (sas) toupper(tag[tagged]) else tag[tagged])
  } else {
    ok <- !is.na(x)
    out[ok] <- as.character(x)[ok]
  }
  out
}

for (f in list.files(dir, pattern = "\\.(sav|zsav|dta|xpt|sas7bdat)$", full.names = TRUE)) {
  # A file with another tool's reading beside it (FILE.pandas.csv, FILE.parso.csv) is one haven 2.5.1 reads wrong.
  if (file.exists(paste0(f, ".pandas.csv")) || file.exists(paste0(f, ".parso.csv"))) next
  ext <- tolower(tools::file_ext(f))
  df <- tryCatch(switch(ext,
    sav = , zsav = read_sav(f, user_na = TRUE),
    dta = read_dta(f),
    xpt = read_xpt(f),
    sas7bdat = read_sas(f)), error = function(e) { cat(f, "not read by haven:", conditionMessage(e), "\n"); NULL })
  if (is.null(df)) next
  cols <- list()
  for (name in names(df)) {
    x <- df[[name]]
    cols[[name]] <- cell(x, sas = ext %in% c("xpt", "sas7bdat"))
    labels <- attr(x, "labels", exact = TRUE)
    if (!is.null(labels) && is.numeric(x)) {
      key <- cell(labels)
      cols[[paste0(name, ":label")]] <- ifelse(cols[[name]] %in% key, names(labels)[match(cols[[name]], key)], "")
    } else if (!is.null(labels)) {
      cols[[paste0(name, ":label")]] <- ifelse(cols[[name]] %in% labels, names(labels)[match(cols[[name]], labels)], "")
    }
  }
  out <- as.data.frame(cols, check.names = FALSE, stringsAsFactors = FALSE)
  write.csv(out, paste0(f, ".haven.csv"), row.names = FALSE, na = "", fileEncoding = "UTF-8")
  cat(f, nrow(out), "rows", ncol(out), "columns\n")
}
