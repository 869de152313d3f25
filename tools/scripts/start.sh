#!/usr/bin/env bash
# Starts the product on a fresh machine: system packages, npm dependencies, build, then the
# gateway with the dashboard and live demo calls. PORT (default 3000) and every TNT_* variable
# documented in the README may be set by the caller.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/scripts/ensure-system-packages.sh runtime
bash tools/scripts/ensure-node-modules.sh
npm run build
export TNT_DEMO="${TNT_DEMO:-1}"
# The demo shows the board's live insight: talk metrics on the call view (an opt-in elsewhere).
export TNT_TALK_METRICS="${TNT_TALK_METRICS:-1}"
# The demo's phrase alerts and agent-assist cards, chosen from what pocketsphinx hears in the fixture calls
# (tools/fixtures/demo/README.md). Only defaults: a value in the environment wins, and an empty one switches them off.
export TNT_ALERT_RULES_FILE="${TNT_ALERT_RULES_FILE-$PWD/tools/fixtures/demo/alert-rules.json}"
export TNT_ASSIST_CARDS_FILE="${TNT_ASSIST_CARDS_FILE-$PWD/tools/fixtures/demo/assist-cards.json}"
# People read the start command's output; services read JSON (the default) from their log shippers.
export TNT_LOG_FORMAT="${TNT_LOG_FORMAT:-text}"
exec node dist/server/apps/gateway/src/main.js
