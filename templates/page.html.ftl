<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; }
td { font-variant-numeric: tabular-nums; }
.synthetic { background: #fff3cd; border: 1px solid #e0c36b; padding: 0.5rem 1rem; }
</style>
</head>
<body>
<#if synthetic><p class="synthetic">${syntheticNote}</p></#if>
${body}
</body>
</html>
