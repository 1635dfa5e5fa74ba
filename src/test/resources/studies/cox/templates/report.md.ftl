# ${fmt.md(study.title)}

## Table. Hazard ratios of death

${hazardRatioTable(deathModel)}

${figure("hazardRatios")}
