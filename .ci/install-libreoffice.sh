#!/usr/bin/env bash
# What the Word report needs on a new machine: LibreOffice Writer (headless) and poppler-utils for the
# LibreOffice check (.ci/docx-check.sh), and the fonts the report's figures and tables are drawn with
# (DejaVu Sans, the first font the SVG figures ask for and what Batik rasterises their text with into
# report.docx; Liberation Sans, metric-compatible with the tables' Arial). The fonts must be in place
# before `./studybook check`, since the figures' PNG bytes depend on them. Installs only what is missing.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || need+=(fonts-liberation2)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "install-libreoffice: installing ${need[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}" >&2
