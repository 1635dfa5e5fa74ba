<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${css}
/* A number, an interval or a p-value never breaks inside (0.961–1.028 on one line); labels and headers wrap. */
td[align="right"] { white-space: nowrap; }
</style>
</head>
<body>
${header}
${toc}
<main>
${content}
</main>
</body>
</html>
