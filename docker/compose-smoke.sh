#!/usr/bin/env bash
# Brings up docker/compose.yaml (two runtime instances on one PostgreSQL) and checks that both instances answer
# /observe/health/live, that they list each other under /api/instances as live cluster members, then takes it down.
# Dummy credentials are enough: the flows are held back by the preflight, the cluster still forms.
# Where Docker (with its compose plugin and a running daemon) is missing it prints a notice and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1 || ! docker compose version >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "SKIPPED: docker/compose.yaml not brought up: Docker with the compose plugin and a running daemon is not available here"
  exit 0
fi
if [ ! -f target/jetshop-economic-sync.jar ]; then
  echo "target/jetshop-economic-sync.jar is missing: run mvn -B package -DskipTests first" >&2
  exit 1
fi

export COMPOSE_PROJECT_NAME="jesync-smoke-$$"
export STORE_PASSWORD="smoke-store-password" ADMIN_PASSWORD="smoke-admin-password"
export ECONOMIC_APP_SECRET_TOKEN="smoke" ECONOMIC_AGREEMENT_GRANT_TOKEN="smoke"
export SHOP_SE_BASE_URL="http://127.0.0.1:9" SHOP_SE_CLIENT_ID="smoke" SHOP_SE_CLIENT_SECRET="smoke"
export SHOP_SE_APPLICATION_IDS="1001"
trap 'docker compose -f docker/compose.yaml down -v >/dev/null 2>&1 || true' EXIT

docker compose -f docker/compose.yaml up -d --build
for port in 8080 8090; do
  for _ in $(seq 1 90); do
    if curl -fsS "http://127.0.0.1:$port/observe/health/live" >/dev/null 2>&1; then break; fi
    sleep 2
  done
  curl -fsS "http://127.0.0.1:$port/observe/health/live" >/dev/null
done
for _ in $(seq 1 30); do
  instances=$(curl -fsS -u "admin:$ADMIN_PASSWORD" http://127.0.0.1:8080/api/instances)
  if echo "$instances" | grep -q '"live":2'; then break; fi
  sleep 2
done
echo "$instances"
echo "$instances" | grep -q '"role":"cluster-member"'
echo "$instances" | grep -q '"live":2'
echo "OK: two instances on one PostgreSQL, both live cluster members"
