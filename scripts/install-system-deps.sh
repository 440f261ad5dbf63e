#!/usr/bin/env bash
# Install the Debian packages the test suite needs, if they are missing:
# chromium (browser tests, driven by Playwright with executable_path), CJK fonts
# (so Chinese renders and prints), a Java runtime (the Nu Html Checker),
# poppler-utils (pdftotext/pdftoppm: the print tests read the PDFs Chromium
# makes), nginx (the site served by a real web server in the tests), epubcheck
# (the EPUB books are checked by the W3C's EPUBCheck) and npm (dev tools from the npm registry: axe-core, pinned in
# package-lock.json, installed into node_modules/ by `npm ci` at the end, and
# vnu-jar, the Nu Html Checker).
# Runs apt-get only when something is missing; needs root (or sudo) for that.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# (the font list is read whole first: under pipefail, `fc-list | grep -q` fails when grep stops
# reading at the first match and fc-list gets SIGPIPE, and the fonts were "missing" every run)
fonts="$(fc-list 2>/dev/null || true)"
grep -qi "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v epubcheck >/dev/null 2>&1 || need+=(epubcheck)
if [ ${#need[@]} -ne 0 ]; then
  echo "installing system packages: ${need[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "error: missing ${need[*]}; install them with apt-get as root" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# Node packages: `npm ci` only when package-lock.json changed since the last
# install (the copy in node_modules/ is the stamp), so repeated runs are quick.
if [ -f package-lock.json ] && ! cmp -s package-lock.json node_modules/.edition-installed-lock; then
  npm ci --no-audit --no-fund --ignore-scripts  # vnu-jar's postinstall would fetch a JDK: Debian's JRE is used
  cp package-lock.json node_modules/.edition-installed-lock
fi
