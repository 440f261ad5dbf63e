#!/usr/bin/env bash
# Install the Debian packages the test suite needs, if they are missing:
# chromium (browser tests, driven by Playwright with executable_path), CJK fonts
# (so Chinese renders and prints), and a Java runtime (the Nu Html Checker).
# Runs apt-get only when something is missing; needs root (or sudo) for that.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
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
