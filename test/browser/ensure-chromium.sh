#!/usr/bin/env bash
# Debian's Chromium, for the test that opens report.html in a headless browser (issue 5).
# Runs before `npm test` (the pretest script). Installs nothing when Chromium is already there;
# never downloads a browser of its own: the package comes from Debian's archive.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the report test..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The report test needs Chromium: install Debian's 'chromium' package (apt-get install chromium)." >&2
exit 1
