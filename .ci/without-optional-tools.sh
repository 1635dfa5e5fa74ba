#!/usr/bin/env bash
# Runs a command as on a fresh machine that has JDK 17 and Maven only: bubblewrap, LibreOffice (soffice),
# poppler's pdftotext and Chromium are hidden (each binary covered by an empty file in a private mount
# namespace, made with bubblewrap itself), so tests that need them must skip with their reason.
#
#   .ci/without-optional-tools.sh mvn -B test
set -euo pipefail
hide=()
for tool in bwrap soffice libreoffice pdftotext pdftoppm chromium; do
  path=$(command -v "$tool" 2>/dev/null || true)
  [ -n "$path" ] || continue
  hide+=(--ro-bind /dev/null "$path")
  real=$(readlink -f "$path")
  [ "$real" = "$path" ] || hide+=(--ro-bind /dev/null "$real")
done
exec bwrap --dev-bind / / "${hide[@]}" --unsetenv STUDYBOOK_REQUIRE_TOOLS -- "$@"
