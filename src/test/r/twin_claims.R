# Recomputes the claim-bearing numbers of the synthetic twin in R, independently of studybook.
# Run from the study root:  Rscript src/test/r/twin_claims.R
# Produced src/test/resources/reference/twin/claims_r.csv with R 4.2.2, survival 3.5.3.
library(survival)
d <- read.csv("data/rectal_net_twin.csv", stringsAsFactors = FALSE)
cur <- with(d, tumor_size_mm < 10 & grade == "G1" & depth %in% c("mucosa", "submucosa") &
  lvi == "negative" & resection_margin == "negative")
nc <- d[!cur, ]
nc$additional <- as.integer(nc$additional_treatment != "none")
nc$initial_diagnosis <- factor(nc$initial_diagnosis, levels = c("polypectomy", "biopsy"))
nc$suspected_net <- factor(nc$suspected_net, levels = c("no", "yes"))
nc$lvi <- factor(nc$lvi, levels = c("negative", "positive"))
nc$resection_margin <- factor(nc$resection_margin, levels = c("negative", "positive", "indeterminate"))
m <- glm(additional ~ initial_diagnosis + suspected_net + lvi + resection_margin + tumor_size_mm + age,
  family = binomial, data = nc)  # default control: what summary(glm) reports, as studybook
co <- summary(m)$coefficients
terms <- c("initial_diagnosis=biopsy" = "initial_diagnosisbiopsy", "suspected_net=yes" = "suspected_netyes",
  "lvi=positive" = "lvipositive", "resection_margin=positive" = "resection_marginpositive",
  "resection_margin=indeterminate" = "resection_marginindeterminate")
km <- survfit(Surv(followup_months, recurrence == "no") ~ 1, data = d)  # reverse KM: censoring is the event
out <- data.frame(
  path = c("cohort.total", "cohort.curative", "cohort.nonCurative", "cohort.additional", "cohort.additionalPercent",
    "curativeContrasts.contrasts.polypectomy_first.p", "curativeContrasts.contrasts.conventional_emr.p",
    paste0("table3.multivariable.terms.", names(terms), ".oddsRatio"),
    paste0("table3.multivariable.terms.", names(terms), ".p"),
    "table4.overall.lnMetastasisPositive", "table4.overall.recurrences", "table4.overall.followupMedian",
    "table4.overall.followupMedianReverseKm"),
  value = c(nrow(d), sum(cur), sum(!cur), sum(nc$additional), 100 * mean(nc$additional),
    chisq.test(table(d$initial_diagnosis, cur), correct = FALSE)$p.value,
    chisq.test(table(d$er_method == "conventional_emr", cur), correct = FALSE)$p.value,
    exp(coef(m)[terms]), co[terms, 4],
    sum(d$ln_metastasis == "yes"), sum(d$recurrence == "yes"), median(d$followup_months),
    unname(summary(km)$table["median"])))
write.csv(format(out, digits = 15), "src/test/resources/reference/twin/claims_r.csv", row.names = FALSE, quote = FALSE)
