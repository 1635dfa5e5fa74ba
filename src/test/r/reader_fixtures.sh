#!/bin/sh
# Writes the reader fixtures that R does not: SAS transport and sas7bdat by Debian's readstat CLI
# (ReadStat 1.1.8), the REDCap export pair (as REDCap writes them), and the broken files the readers
# must refuse. Run from the repository root after src/test/r/reader_fixtures.R.
set -eu
out=src/test/resources/readers
readstat "$out/patients_v13.dta" "$out/patients_readstat.xpt"
readstat "$out/patients_v13.dta" "$out/patients_readstat.sas7bdat"

# REDCap: the records export (raw values) and the data dictionary of the project.
cat > "$out/redcap_data.csv" <<'CSV'
pid,age,sex,bmi,stage,resected,lastseen
P01,34,1,22.5,1,2019-03-14,2023-03-01
P02,51,2,31.25,2,2019-05-02,2021-12-24
P03,,2,27,3,2019-06-30,2022-06-30
P04,67,1,19.75,1,2019-08-01,2024-01-31
P05,45,1,24.5,2,2019-11-19,2023-11-19
P06,72,2,29,3,2020-01-07,2021-07-07
P07,58,1,26.25,2,2020-02-29,2024-02-29
P08,29,2,23,1,2020-04-15,2022-10-15
CSV
cat > "$out/redcap_dictionary.csv" <<'CSV'
"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max",Identifier?,"Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"
pid,baseline,,text,Patient,,,,,,y,,,,,,,
age,baseline,,text,"Age at resection",,years,integer,18,100,,,,,,,,
sex,baseline,,radio,Sex,"1, Male | 2, Female",,,,,,,y,,,,,
bmi,baseline,,text,"Body-mass index",,kg/m2,number,,,,,,,,,,
stage,baseline,,dropdown,"Tumour stage","1, I | 2, II | 3, III",,,,,,,,,,,,
resected,baseline,,text,"Date of resection",,,date_ymd,,,,,,,,,,
lastseen,follow_up,,text,"Date last seen",,,date_ymd,,,,,,,,,,
CSV

# Broken inputs.
head -c 700 "$out/patients.sav" > "$out/truncated.sav"
cp "$out/patients.csv" "$out/not_really.sav"
printf 'pid,age,resected\nP01,34,2023-02-30\nP02,51,2023-03-01\n' > "$out/bad_date.csv"
printf 'pid,age,sex\nP01,34,1\nP02;51;2\n' > "$out/mixed_delimiters.csv"
# An encrypted SPSS file starts with a fixed 36-byte header holding "ENCRYPTEDSAV" (PSPP manual), then ciphertext.
{ printf '\034\0\0\0\0\0\0\0ENCRYPTEDSAV\025'; head -c 215 /dev/zero; } > "$out/encrypted.sav"
head -c 12000 "$out/patients.sas7bdat" > "$out/truncated.sas7bdat"
