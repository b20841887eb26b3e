#!/usr/bin/env bash
# Debian's Chromium, for the test that opens report.html in a headless browser (issue 5), and
# poppler-utils' pdftotext, for the test that reads the printed pages back (issue 14).
# Runs before `npm test` (the pretest script). Installs nothing when both are already there;
# never downloads a browser of its own: the packages come from Debian's archive.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} for the report tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The report tests need Debian's ${missing[*]} (apt-get install ${missing[*]})." >&2
exit 1
