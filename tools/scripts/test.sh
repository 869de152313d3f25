#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint (with module boundaries), type checks, unit tests,
# then end-to-end tests against the real built gateway (and, for the UI, real Chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/ensure-system-packages.sh test
bash tools/scripts/ensure-node-modules.sh
# The cluster suites and the PostgreSQL/Redis adapters' specs need both running (each run uses its own schema and key prefix).
bash tools/scripts/ensure-services.sh
# Formatting is part of lint: Prettier with the repo's settings (.prettierrc.json), then ESLint per project.
npx prettier --check . --log-level warn
# Each stage has a deadline well above its usual time (about 9 and 14 minutes on a 2-core machine): a test that
# never settles then fails the run with the stage named, and Nx lists the task it stopped, instead of the run
# hanging until CI gives up without a result.
stage() {
  local name=$1 minutes=$2
  shift 2
  local status=0
  timeout --signal=TERM --kill-after=30s "${minutes}m" "$@" || status=$?
  if [ "$status" -eq 124 ]; then
    echo "TnT test suite: the $name stage did not finish within $minutes minutes; the task Nx lists as stopped above hung (look for a wait without a deadline or a handle left open)" >&2
  fi
  return "$status"
}
stage 'lint, typecheck and unit test' 25 npx nx run-many -t lint typecheck test --parallel=2 --outputStyle=static --skip-nx-cache
stage 'end-to-end' 30 npx nx run-many -t e2e --parallel=1 --outputStyle=static --skip-nx-cache
echo "TnT test suite: all lint, typecheck, unit and end-to-end targets passed"
