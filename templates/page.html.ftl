<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${css}
/* On screen a number, an interval or a p-value never breaks inside (0.961–1.028 on one line; a wide table
   scrolls); on paper, which cannot scroll, a wide table still wraps to fit the page. */
@media screen { td[align="right"] { white-space: nowrap; } }
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
