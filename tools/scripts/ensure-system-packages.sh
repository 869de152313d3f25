#!/usr/bin/env bash
# Installs the Debian packages TnT needs at run time or test time, only when something is missing.
# Usage: ensure-system-packages.sh runtime|test
set -euo pipefail
purpose="${1:-runtime}"

# Speech-to-text library and model, and the tools that synthesise and convert demo speech.
runtime_packages=(libpocketsphinx3 pocketsphinx-en-us flite sox)
# The batch recogniser (accuracy baseline) and the browser for end-to-end UI tests.
test_packages=(pocketsphinx chromium)

wanted=("${runtime_packages[@]}")
[ "$purpose" = "test" ] && wanted+=("${test_packages[@]}")

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
run_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run_as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive run_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
