#!/usr/bin/env bash
# Starts TnT as a cluster on this machine: system packages (HAProxy, PostgreSQL, Redis), npm
# dependencies, PostgreSQL and Redis, a build, then 3 gateway instances behind HAProxy with demo
# calls (tools/cluster). Arguments go to the launcher (`npm run cluster -- --help`); every TNT_*
# variable documented in the README is passed to the instances.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/ensure-system-packages.sh cluster
bash tools/scripts/ensure-node-modules.sh
bash tools/scripts/ensure-services.sh
npm run build
exec node dist/server/tools/cluster/src/main.js "$@"
