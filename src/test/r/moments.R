# Reference values for MomentsTest: R's mean and sd of the twin's age (every non-missing value), printed to 17
# significant digits. Run from the repository root: Rscript src/test/r/moments.R
d <- read.csv("data/rectal_net_twin.csv")
a <- d$age[!is.na(d$age)]
cat(sprintf("n=%d mean=%.17g sd=%.17g\n", length(a), mean(a), sd(a)))
