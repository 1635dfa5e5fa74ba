<#-- One hazard-ratio table: the README's "Cox regression in a study" shows this macro. -->
<#macro hrCells t=""><#if t?is_hash><#if t.estimated()>${fmt.or(t.hazardRatio)} | ${fmt.ci(t.ciLow, t.ciHigh)} | ${fmt.p(t.p)}<#else>not estimable | | </#if><#else> | | </#if></#macro>
<#macro hazardTable t>
<#if t.estimable()>
| Characteristic | Univariable HR | 95% CI | P | Multivariable HR | 95% CI | P |
|---|---:|---:|---:|---:|---:|---:|
<#list t.entries as row>
| ${fmt.md(row.label)} | <@hrCells row.univariable!""/> | <@hrCells row.multivariable!""/> |
</#list>

HR, hazard ratio; CI, confidence interval. ${fmt.md(t.methodNote())}
${fmt.count(t.multivariable.n)} patients, ${fmt.count(t.multivariable.events)} events<#if t.multivariable.excluded gt 0>; ${fmt.count(t.multivariable.excluded)} left out for a missing value</#if>.

Proportional hazards (cox.zph): <#list t.multivariable.phTest.terms as r>${fmt.md(r.term)} P = ${fmt.p(r.p)}<#sep>; </#list>; global P = ${fmt.p(t.multivariable.phTest.global.p)}.
<#list t.phFailures() as r>

**The hazard ratio of ${fmt.md(r.term)} changes over follow-up (proportional-hazards test P = ${fmt.p(r.p)}): its single hazard ratio is an average over time.**
</#list>
<#else>
Not estimable (no events).
</#if>
</#macro>
# ${fmt.md(study.title)}

## Table. Hazard ratios of death

<@hazardTable deathModel/>

${figure("hazardRatios")}
