<#macro syntheticNote><#if study.synthetic == "true">

*Synthetic data: this table describes invented patients, not real ones.*
</#if></#macro>
# ${fmt.md(study.title)}

<#if study.synthetic == "true">
> **${fmt.md(study["synthetic.note"])}**

</#if>
## Methods

Patients who underwent endoscopic resection (ER) of a rectal neuroendocrine tumour (NET) were classified
by the declared curative-resection rule: `${cohort.rule}`. Patients with a value missing in any criterion
of the rule are left unclassified (${fmt.count(cohort.unclassified)} here).

Characteristics were compared between groups with the test the default-test policy picks for each
variable, marked on every p-value and named in the footnotes: categorical variables by Pearson's
chi-square test without continuity correction, or Fisher's exact test when an expected count is below 5;
continuous variables by the test that matches their summary (Welch's t-test beside a mean ± SD, the
Mann-Whitney U test beside a median (IQR)). The stated 2x2 contrasts use Pearson's chi-square test
without continuity correction.
Additional treatment among the non-curative patients was modelled by logistic regression, univariable
and multivariable (the published terms, adjusted for tumour size and age), by maximum likelihood with
Wald 95% confidence intervals and p-values; <#if table3.firth??>Firth's penalized likelihood with
profile-likelihood limits is given as a sensitivity analysis, chosen by the test policy for
${table3.firthChoice.reason()}.<#else>Firth's penalized likelihood was not fitted, as the test policy
found ${table3.firthChoice.reason()}.</#if> Follow-up is summarised by its median (with the interquartile range)
and by the reverse Kaplan-Meier median; recurrence-free survival by the Kaplan-Meier method, at 36 and 60 months,
compared between groups by the log-rank test.
Numbers are rounded half-up; p-values below ${fmt.p(0.001)} are shown as ${fmt.p(0)}.

## Results

### Patients

Of ${fmt.count(cohort.total)} patients who underwent ER, ${fmt.count(cohort.curative)} met the
curative-resection criteria and ${fmt.count(cohort.nonCurative)} did not. Of the ${fmt.count(cohort.nonCurative)},
${fmt.count(cohort.additional)} (${fmt.pct(cohort.additionalPercent)}%) received additional treatment
(${fmt.count(cohort.endoscopic)} endoscopic, ${fmt.count(cohort.surgical)} surgical) and
${fmt.count(cohort.noAdditional)} did not.

| Step | Patients |
|---|---:|
| Endoscopic resection | ${fmt.count(cohort.total)} |
| Curative resection | ${fmt.count(cohort.curative)} |
| Non-curative resection | ${fmt.count(cohort.nonCurative)} |
| Non-curative, additional treatment | ${fmt.count(cohort.additional)} |
| Non-curative, no additional treatment | ${fmt.count(cohort.noAdditional)} |
<@syntheticNote/>

${figure("flow")}

### Table 1. Characteristics of all patients by curative resection

<@table table1/>

<#list curativeContrasts.contrasts as c>
- ${fmt.md(c.label)}: ${fmt.countPct(c.with[1], c.percentWith[1])} of non-curative vs
  ${fmt.countPct(c.with[0], c.percentWith[0])} of curative patients (Pearson chi-square, P = ${fmt.p(c.p)}).
</#list>

### Table 2. Characteristics of the non-curative patients by additional treatment

<@table table2/>

### Table 3. Additional treatment among the ${fmt.count(table3.multivariable.n)} non-curative patients

<@table table3/>

${figure("oddsRatios")}

### Table 4. Long-term outcomes by additional treatment

| Group | Patients | LN assessed | LN metastasis | Recurrence | Follow-up, months, median (IQR) | Reverse KM median |
|---|---:|---:|---:|---:|---:|---:|
<#list [table4.overall] + table4.groups as g>
| ${fmt.md(g.label)} | ${fmt.count(g.n)} | ${fmt.count(g.lnAssessed)} | ${fmt.count(g.lnMetastasisPositive)} | ${fmt.count(g.recurrences)} | ${fmt.num(g.followupMedian)} (${fmt.num(g.followupQ1)}–${fmt.num(g.followupQ3)}) | ${fmt.num(g.followupMedianReverseKm)} |
</#list>

Abbreviations: IQR, interquartile range; KM, Kaplan-Meier; LN, lymph node.
<@syntheticNote/>

Lymph-node metastasis was found in ${fmt.count(table4.overall.lnMetastasisPositive)} of
${fmt.count(table4.overall.lnAssessed)} patients whose nodes were assessed; ${fmt.count(table4.overall.recurrences)}
patients had a local or metastatic recurrence. The median follow-up was ${fmt.num(table4.overall.followupMedian, 2)}
months (reverse Kaplan-Meier: ${fmt.num(table4.overall.followupMedianReverseKm, 2)} months).

### Table 5. Recurrence-free survival by additional treatment

<@table recurrenceFreeSurvival/>

${figure("recurrenceCurve")}

## Reproducibility

<@table reproducibility/>
