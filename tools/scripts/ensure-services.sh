#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis that the cluster tests and `npm run cluster` run against,
# only when they are not answering already, then waits (bounded) until both answer.
# Usage: ensure-services.sh   (TNT_SERVICES_WAIT_SECONDS, default 30, bounds the wait)
set -euo pipefail
wait_seconds="${TNT_SERVICES_WAIT_SECONDS:-30}"

postgres_answers() { pg_isready -q -h 127.0.0.1; }
redis_answers() { [ "$(redis-cli -h 127.0.0.1 ping 2>/dev/null)" = "PONG" ]; }

if ! postgres_answers; then
  echo "Starting PostgreSQL"
  # One cluster named main per installed major version; the Debian package creates it.
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
if ! redis_answers; then
  echo "Starting Redis"
  # No persistence: tests and the demo cluster use their own key prefix and need nothing kept.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

deadline=$((SECONDS + wait_seconds))
until postgres_answers && redis_answers; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    postgres_answers || echo "PostgreSQL does not answer on 127.0.0.1:5432 after ${wait_seconds} s (see /var/log/postgresql/)" >&2
    redis_answers || echo "Redis does not answer on 127.0.0.1:6379 after ${wait_seconds} s (see /var/log/redis/ci.log)" >&2
    exit 1
  fi
  sleep 0.5
done
echo "PostgreSQL and Redis are answering"
