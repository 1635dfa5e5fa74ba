#!/usr/bin/env bash
# The real-browser check of the HTML report: headless Debian Chromium opens it and the check fails on
# any console error, uncaught exception, failed load, or request for anything but file:/data:.
# A full-page screenshot is saved as target/browser/<report name>.png.
#
#   .ci/browser-check.sh [REPORT.html]     (default: reports/report.html, made by ./studybook run if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-reports/report.html}"
chromium="${STUDYBOOK_CHROMIUM:-/usr/bin/chromium}"

bash .ci/install-chromium.sh

if [ ! -f "$report" ] && [ "$report" = "reports/report.html" ]; then
  echo "browser-check: no $report yet; running the study to make it" >&2
  ./studybook run --quiet >&2
fi
if [ ! -f "$report" ]; then
  echo "browser-check: no report at $report" >&2
  exit 2
fi

mvn -B test -Pbrowser \
  -Dstudybook.browser.report="$(realpath "$report")" \
  -Dstudybook.browser.chromium="$chromium"
