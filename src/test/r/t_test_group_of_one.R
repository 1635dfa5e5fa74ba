# Student's t-test with a group of one value (TTestOfMomentsTest.studentsTestWithAGroupOfOneValueIsRs):
#   Rscript src/test/r/t_test_group_of_one.R
r <- t.test(c(1.5), c(2, 3.5, 4), var.equal = TRUE)
cat(sprintf("t = %.17g, df = %.17g, p = %.17g\n", r$statistic, r$parameter, r$p.value))
# t = -1.386750490563073, df = 2, p = 0.29985995798599507
