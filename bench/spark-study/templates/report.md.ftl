# ${study.title}

Of ${fmt.count(cohort.total)} patients, ${fmt.count(cohort.curative)} met the rule (${cohort.rule}) and
${fmt.count(cohort.nonCurative)} did not; ${fmt.count(cohort.additional)} of these had additional treatment.

<#list curativeContrasts.contrasts as c>
- ${fmt.md(c.label)}: ${fmt.countPct(c.with[1], c.percentWith[1])} vs ${fmt.countPct(c.with[0], c.percentWith[0])} (P = ${fmt.p(c.p)}).
</#list>

<@table recurrenceFreeSurvival/>

<@table overall/>

<@table characteristics/>

<@table lesions/>

<@table everyone/>
