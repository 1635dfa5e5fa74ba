#!/usr/bin/env bash
# The LibreOffice check of the Word report: LibreOffice (headless) renders it to PDF and poppler reads
# it back (every number of the HTML page's tables whole and in order, one image per figure, the widest
# table on a landscape page, nothing outside the text area). Page images are saved under
# target/docx-check/<report name>/page-N.png for a person to look at.
#
#   .ci/docx-check.sh [REPORT.docx]     (default: reports/report.docx, made by ./studybook run if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-reports/report.docx}"
bash .ci/install-libreoffice.sh

if [ ! -f "$report" ] && [ "$report" = "reports/report.docx" ]; then
  echo "docx-check: no $report yet; running the study to make it" >&2
  ./studybook run --quiet >&2
fi
if [ ! -f "$report" ]; then
  echo "docx-check: no report at $report" >&2
  exit 2
fi

mvn -B test -Pdocx -Dstudybook.docx.report="$(realpath "$report")"
