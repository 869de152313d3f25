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
npx nx run-many -t lint typecheck test --parallel=2 --outputStyle=static --skip-nx-cache
npx nx run-many -t e2e --parallel=1 --outputStyle=static --skip-nx-cache
echo "TnT test suite: all lint, typecheck, unit and end-to-end targets passed"
