#!/usr/bin/env bash
# What the Word report needs on a new machine: LibreOffice Writer (headless) and poppler-utils for the
# LibreOffice check (.ci/docx-check.sh), and the fonts LibreOffice sets report.docx in (Liberation Sans,
# metric-compatible with the tables' Arial; DejaVu Sans for what it lacks). The figures' PNGs inside
# report.docx do not need them: studybook draws their text with the DejaVu Sans it ships, so
# `./studybook check` gives the same bytes with or without these fonts. Installs only what is missing.
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
