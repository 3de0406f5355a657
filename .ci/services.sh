#!/usr/bin/env bash
# Installs and starts the real services the integration tests talk to, all on loopback:
# Redis and PostgreSQL 15 from Debian's packages; installs Prometheus (with promtool),
# Alertmanager (with amtool) and Chromium, which the tests start themselves on free ports, and
# VictoriaMetrics for its vmalert (the exported rules are checked with `vmalert -dryRun`).
# Idempotent: safe to run twice.
set -euo pipefail

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v pg_ctlcluster >/dev/null || need+=(postgresql-15)
command -v promtool >/dev/null || need+=(prometheus)
command -v prometheus-alertmanager >/dev/null || need+=(prometheus-alertmanager)
command -v chromium >/dev/null || need+=(chromium)
command -v vmalert >/dev/null || need+=(victoria-metrics)
if ((${#need[@]})); then
  echo "ci: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
  redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --save '' --appendonly no
fi
for _ in $(seq 50); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p 6379 ping

pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 50); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.2; done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='foresight'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE foresight LOGIN SUPERUSER PASSWORD 'foresight'\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='foresight_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O foresight foresight_test"
pg_isready -h 127.0.0.1 -p 5432
