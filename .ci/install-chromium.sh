#!/usr/bin/env bash
# Debian's Chromium for the real-browser checks (BrowserReportTest, ServeBrowserTest, .ci/browser-check.sh).
# Installs it only when missing; STUDYBOOK_CHROMIUM names another binary.
set -euo pipefail
chromium="${STUDYBOOK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "install-chromium: installing chromium" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium >&2
fi
