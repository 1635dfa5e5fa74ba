"""Writes the Stata 119 conformance file with pandas (Debian python3-pandas 1.5.3), since R haven writes
format 118 at most for a dataset of few variables: long strings (strL) in the 119 layout, whose (v, o)
keys are 3 + 5 bytes where 118 has 2 + 6. Run from the repository root:
    /usr/bin/python3 src/test/python/reader_conformance_write.py
then Rscript src/test/r/reader_conformance.R writes haven's reading of it."""
import pandas as pd

print("pandas", pd.__version__)
df = pd.DataFrame({
    "note": ["first " + "x" * 3000, "", "second, with a comma and é", "first " + "x" * 3000],
    "code": ["a", "b", "c", "d"],
    "n": [1.5, 2.0, -3.25, 4.0],
})
df.to_stata("src/test/resources/readers/conformance/pandas_strl_119.dta", version=119,
            convert_strl=["note"], write_index=False, time_stamp=pd.Timestamp("2024-01-01 00:00"))

# pandas' own reading is the reference here: haven 2.5.1 reads these strL values as empty (its
# ReadStat takes the 119 keys in the 118 layout), as studybook did.
back = pd.read_stata("src/test/resources/readers/conformance/pandas_strl_119.dta")
back["n"] = back["n"].map(lambda v: "%.17g" % v if v != int(v) else "%d" % v)
back.to_csv("src/test/resources/readers/conformance/pandas_strl_119.dta.pandas.csv", index=False)
