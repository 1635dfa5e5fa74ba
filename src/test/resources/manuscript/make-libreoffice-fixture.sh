#!/usr/bin/env bash
# Remakes rectal-net-libreoffice.docx, the manuscript fixture made by LibreOffice Writer (a co-author's
# tracked deletion and insertion, a comment, a footnote, an italic P, a table), from the .fodt beside it:
#   src/test/resources/manuscript/make-libreoffice-fixture.sh
# Needs soffice (.ci/install-libreoffice.sh). The .docx is committed so that the tests need no LibreOffice.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to docx:"MS Word 2007 XML" \
  --outdir "$work" "$here/rectal-net-libreoffice.fodt" >&2
cp "$work/rectal-net-libreoffice.docx" "$here/rectal-net-libreoffice.docx"
