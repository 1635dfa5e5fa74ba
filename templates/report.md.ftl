<#macro syntheticNote><#if study.synthetic == "true">

*Synthetic data: this table describes the invented twin cohort, not real patients.*
</#if></#macro>
<#macro termCells t=""><#if t?is_hash>${fmt.or(t.oddsRatio)} | ${fmt.ci(t.ciLow, t.ciHigh)} | ${fmt.p(t.p)}<#else> | | </#if></#macro>
<#macro summaryCell style c><#if style == "mean_sd">${fmt.num(c.first)} ± ${fmt.num(c.second)}<#elseif style == "median_iqr">${fmt.num(c.first)} (${fmt.num(c.second)}–${fmt.num(c.third)})<#elseif style == "level">${fmt.countPct(c.first, c.second)}</#if></#macro>
<#-- Journal style: each p carries a superscript letter that points to the footnote naming its test. -->
<#assign testMarks = ["ᵃ", "ᵇ", "ᶜ", "ᵈ", "ᵉ", "ᶠ", "ᵍ", "ʰ"]>
<#assign showStatistic = (study["style.show_statistic"]!"false") == "true">
<#function testMark t name><#list t.tests as tn><#if tn.name == name><#return testMarks[tn?index]></#if></#list><#return ""></#function>
<#function statisticCell t r><#if r.statistic?is_nan><#return "–"></#if><#list t.tests as tn><#if tn.name == r.test><#return tn.symbol + " = " + fmt.num(r.statistic, 2) + r.df?is_nan?then("", " (" + (r.df == r.df?floor)?then(fmt.count(r.df), fmt.num(r.df, 1)) + ")")></#if></#list><#return ""></#function>
<#macro groupTable t>
| Characteristic | Overall (n = ${fmt.count(t.n)}) |<#list t.groupLabels as g> ${fmt.md(g)} (n = ${fmt.count(t.groupSizes[g?index])}) |</#list> P |<#if showStatistic> Statistic (df) |</#if>
|---|---:|<#list t.groups as g>---:|</#list>---:|<#if showStatistic>---:|</#if>
<#list t.entries as r>
| <#if r.style == "level">${fmt.md(r.levelLabel)}<#else>**${fmt.md(r.label)}**<#if r.style == "mean_sd">, mean ± SD<#elseif r.style == "median_iqr">, median (IQR)<#else>, n (%)</#if><#if r.missing gt 0> (${fmt.count(r.missing)} missing<#if r.style == "heading">; % of known values</#if>)</#if></#if> | <@summaryCell r.style r.overall/> |<#list r.groups as c> <@summaryCell r.style c/> |</#list> <#if r.style != "level">${fmt.p(r.p)}${testMark(t, r.test)}</#if> |<#if showStatistic> <#if r.style != "level">${statisticCell(t, r)}</#if> |</#if>
</#list>
<@syntheticNote/>

<#list t.tests as test>
${testMarks[test?index]} ${fmt.md(test.footnote)}; as R's `${test.rCall}`.

</#list>
<#if t.excluded gt 0>
${fmt.count(t.excluded)} patients without a group were left out.
</#if>
</#macro>
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
Wald 95% confidence intervals and p-values; Firth's penalized likelihood with profile-likelihood limits
is given as a sensitivity analysis. Follow-up is summarised by its median (with the interquartile range)
and by the reverse Kaplan-Meier median; recurrence-free survival by the Kaplan-Meier method.
Numbers are rounded half-up; p-values below 0.001 are shown as <0.001.

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

<@groupTable table1/>

<#list curativeContrasts.contrasts as c>
- ${fmt.md(c.label)}: ${fmt.countPct(c.with[1], c.percentWith[1])} of non-curative vs
  ${fmt.countPct(c.with[0], c.percentWith[0])} of curative patients (Pearson chi-square, P = ${fmt.p(c.p)}).
</#list>

### Table 2. Characteristics of the non-curative patients by additional treatment

<@groupTable table2/>

### Table 3. Additional treatment among the ${fmt.count(table3.multivariable.n)} non-curative patients

Outcome: any additional treatment (${fmt.count(table3.multivariable.events)} events). OR, odds ratio; CI,
95% confidence interval.

| Characteristic | Univariable OR | 95% CI | P | Multivariable OR | 95% CI | P | Firth OR | 95% CI | P |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
<#list table3.entries as row>
| ${fmt.md(row.label)} | <@termCells row.univariable!""/> | <@termCells row.multivariable!""/> | <@termCells row.firth!""/> |
</#list>
<@syntheticNote/>

${figure("oddsRatios")}

<#if table3.multivariable.aliased?has_content>
**Aliased (collinear) terms, not estimable and shown as NA (as R reports them): <#list table3.multivariable.aliased as a>${fmt.md(a)}<#sep>, </#list>.**
</#if>
<#if table3.multivariable.separation>
**The multivariable data are separated: maximum-likelihood estimates do not exist; read the Firth column.**
</#if>
<#if table3.multivariable.excluded gt 0>
${fmt.count(table3.multivariable.excluded)} patients with a missing value were left out of the multivariable model.
</#if>

### Table 4. Long-term outcomes by additional treatment

| Group | Patients | LN assessed | LN metastasis | Recurrence | Follow-up, months, median (IQR) | Reverse KM median |
|---|---:|---:|---:|---:|---:|---:|
<#list [table4.overall] + table4.groups as g>
| ${fmt.md(g.label)} | ${fmt.count(g.n)} | ${fmt.count(g.lnAssessed)} | ${fmt.count(g.lnMetastasisPositive)} | ${fmt.count(g.recurrences)} | ${fmt.num(g.followupMedian, 2)} (${fmt.num(g.followupQ1, 2)}–${fmt.num(g.followupQ3, 2)}) | ${fmt.num(g.followupMedianReverseKm, 2)} |
</#list>
<@syntheticNote/>

Lymph-node metastasis was found in ${fmt.count(table4.overall.lnMetastasisPositive)} of
${fmt.count(table4.overall.lnAssessed)} patients whose nodes were assessed; ${fmt.count(table4.overall.recurrences)}
patients had a local or metastatic recurrence. The median follow-up was ${fmt.num(table4.overall.followupMedian, 2)}
months (reverse Kaplan-Meier: ${fmt.num(table4.overall.followupMedianReverseKm, 2)} months).

### Recurrence-free survival

| Group | Patients | Recurrences | Recurrence-free at last follow-up |
|---|---:|---:|---:|
<#assign outcomeGroups = [table4.overall] + table4.groups>
<#list [recurrenceFreeSurvival.overall] + recurrenceFreeSurvival.groups as curve>
| ${fmt.md(outcomeGroups[curve?index].label)} | ${fmt.count(curve.n)} | ${fmt.count(curve.totalEvents())} | <#if curve.survival?has_content>${fmt.pct(100 * curve.survival?last)}%<#else>NA</#if> |
</#list>
<@syntheticNote/>

${figure("recurrenceCurve")}

## Reproducibility

Each published number (`${reproducibility.file}`) against its recomputed value. A printed number
stands for the interval of values that round to it (half-up); "<0.001" means below 0.001; a printed 0.001
in a paper that prints "<0.001" means 0.001 <= p < 0.0015. ${fmt.count(reproducibility.reproduced)} of
${fmt.count(reproducibility.claims?size)} claims reproduced, ${fmt.count(reproducibility.mismatches)} mismatched,
${fmt.count(reproducibility.notCheckable)} not checkable.

| Claim | Published | Recomputed | Window | Verdict |
|---|---:|---:|---|---|
<#list reproducibility.claims as c>
| ${fmt.md(c.text)} | ${fmt.md(c.published)} | <#if c.kind == "count">${fmt.count(c.recomputed)}<#else>${fmt.num(c.recomputed, 6)}</#if> | ${fmt.md(c.window)} | ${fmt.md(c.verdict)} |
</#list>
<@syntheticNote/>

| Consistency check | Computed from the printed values | Printed | Consistent |
|---|---:|---:|---|
<#list reproducibility.checks as k>
| ${fmt.md(k.text)} | ${fmt.num(k.computed, 4)} | ${fmt.md(k.expected)} | ${k.consistent?then("yes", "no")} |
</#list>
