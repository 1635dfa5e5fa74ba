# ${fmt.md(study.title)}

## Table. Hazard ratios of death

<@table deathModel/>

${figure("hazardRatios")}
