# ${fmt.md(study.title)}

<#if study.synthetic == "true">
> **${fmt.md(study["synthetic.note"])}**

</#if>
The study has ${fmt.count(cohort.n)} patients; their mean age is ${fmt.num(age.mean)} years
(${fmt.count(age.missing)} without a recorded age).

Table 1. Events by treatment group

| Group | Patients | Events |
|---|---:|---:|
<#list events.rows as row>
| ${fmt.md(row[0])} | ${fmt.count(row[1])} | ${fmt.countPct(row[2], row[3])} |
</#list>

\* Events are n (% of the group's patients).

A seeded resample of the ages has mean ${fmt.num(resampledAge, 2)}.

Numbers are rounded half-up; p-values below 0.001 are shown as <0.001.

## Figures

${figure("flow")}

${figure("eventOdds")}
