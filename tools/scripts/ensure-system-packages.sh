#!/usr/bin/env bash
# Installs the Debian packages TnT needs at run time or test time, only when something is missing.
# Usage: ensure-system-packages.sh runtime|cluster|test
set -euo pipefail
purpose="${1:-runtime}"

# Speech-to-text library and model, the tools that synthesise and convert demo speech, and
# sphinx_lm_convert, which turns a built domain language model into pocketsphinx's binary format.
runtime_packages=(libpocketsphinx3 pocketsphinx-en-us flite sox sphinxbase-utils)
# The batch recogniser (accuracy baseline), real recorded speech (pocketsphinx-testdata: the decoders'
# starting cepstral means are derived from it) and the browser for end-to-end UI tests.
test_packages=(pocketsphinx pocketsphinx-testdata chromium)
# Several instances (`npm run cluster`, the cluster tests): the load balancer in front, the shared
# store and the bus (started by tools/scripts/ensure-services.sh).
cluster_packages=(haproxy postgresql redis-server)

wanted=("${runtime_packages[@]}")
case "$purpose" in
  runtime) ;;
  cluster) wanted+=("${cluster_packages[@]}") ;;
  test) wanted+=("${test_packages[@]}" "${cluster_packages[@]}") ;;
  *)
    echo "usage: ensure-system-packages.sh runtime|cluster|test (got \"$purpose\")" >&2
    exit 2
    ;;
esac

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
run_as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run_as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive run_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
