#!/usr/bin/env bash
# Builds the Docker image and runs it as a user would, with only the Slack settings (the Web API at a
# loopback stand-in), then checks: /healthz and /readyz answer, a signed /support request is answered,
# the default SQLite store is written as the non-root user, /metrics is served on METRICS_PORT only,
# and SIGTERM stops the container within 10 s. Prints the image size and the start-to-healthy time.
#   npm run docker:smoke        (uses docker when its daemon answers, else podman; exit 3 when neither)
#   SMOKE_DATABASE_URL=postgres://... npm run docker:smoke    also runs two replicas on that PostgreSQL
# Podman without systemd (CI machines, containers) needs runc, cgroupfs and no default
# ulimits; those flags are set here. When node:20-bookworm-slim cannot be pulled (no registry
# reachable) a local stand-in is built under that name: scripts/container-base-standin.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

# A tag of its own per run, so two runs at once (two checkouts) never test each other's image.
IMAGE="${SMOKE_IMAGE:-localhost/support-router:smoke-$$}"
BASE=docker.io/library/node:20-bookworm-slim
SECRET=smoke-signing-secret
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

if command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; then
  engine=(docker); build=(docker build --network host); run=(docker run)
elif command -v podman >/dev/null; then
  if [ -z "${CONTAINERS_CONF:-}" ]; then
    export CONTAINERS_CONF="$(mktemp)"
    printf '[containers]\ndefault_ulimits = []\n' >"$CONTAINERS_CONF"
  fi
  engine=(podman --runtime runc --cgroup-manager=cgroupfs)
  # --format docker keeps the HEALTHCHECK (the OCI format has none).
  build=(podman build --isolation chroot --network host --format docker)
  # Podman runs healthchecks from systemd timers; without systemd it only logs errors. The script
  # polls /healthz itself.
  run=("${engine[@]}" run --no-healthcheck)
else
  echo "docker:smoke: no container engine (docker or podman) found" >&2
  exit 3
fi
echo "engine: ${engine[0]}"

if ! "${engine[@]}" image inspect "$BASE" >/dev/null 2>&1 && ! "${engine[@]}" pull "$BASE" >/dev/null 2>&1; then
  echo "$BASE cannot be pulled here; building a local stand-in"
  t=$(now)
  bash scripts/container-base-standin.sh "${engine[0]}" "$BASE"
  echo "stand-in base built in $(since "$t") s"
fi

build_log="$(mktemp -t docker-smoke-build.XXXXXX)"
t=$(now)
"${build[@]}" -t "$IMAGE" . >"$build_log" 2>&1 || { tail -40 "$build_log" >&2; exit 1; }
echo "image built in $(since "$t") s (log: $build_log)"
size=$("${engine[@]}" image inspect --format '{{.Size}}' "$IMAGE")
echo "image size: $(awk -v b="$size" 'BEGIN { printf "%.0f MB", b / 1e6 }')"

work="$(mktemp -d)"
name="support-router-smoke-$$"
cleanup() {
  "${engine[@]}" rm -f -v "$name" >/dev/null 2>&1 || true
  # The layers stay in the build cache; only this run's tag goes.
  [ -z "${SMOKE_IMAGE:-}" ] && "${engine[@]}" rmi "$IMAGE" >/dev/null 2>&1 || true
  [ -n "${stand_in:-}" ] && kill "$stand_in" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

node scripts/smoke-slack.js serve "$work/slack-port" >"$work/slack.log" 2>&1 &
stand_in=$!
for _ in $(seq 1 50); do [ -s "$work/slack-port" ] && break; sleep 0.1; done
slack_port=$(cat "$work/slack-port")
port=$(free_port)
metrics_port=$(free_port)

t=$(now)
"${run[@]}" -d --name "$name" --network host \
  -e SLACK_BOT_TOKEN=xoxb-smoke -e SLACK_SIGNING_SECRET="$SECRET" \
  -e SLACK_API_URL="http://127.0.0.1:$slack_port/api/" -e PORT="$port" -e METRICS_PORT="$metrics_port" \
  "$IMAGE" >/dev/null
if ! node scripts/smoke-slack.js wait "http://127.0.0.1:$port/healthz" 60 >/dev/null; then
  "${engine[@]}" logs "$name" >&2
  exit 1
fi
echo "start to healthy: $(since "$t") s (/healthz 200)"
node scripts/smoke-slack.js wait "http://127.0.0.1:$port/readyz" 10 >/dev/null
echo "/readyz: 200 (store answers, rules loaded)"

answer=$(node scripts/smoke-slack.js command "$port" "$SECRET" "who is the CMOC right now?")
echo "signed /support answered: $answer"

uid=$("${engine[@]}" exec "$name" id -u)
store=$("${engine[@]}" exec "$name" sh -c 'ls -ln /app/data/support-router.sqlite' | awk '{print $3}')
[ "$uid" != 0 ] && [ "$store" = "$uid" ] || { echo "store not written as the app user (uid $uid, file owner $store)" >&2; exit 1; }
echo "SQLite store: /app/data/support-router.sqlite written by uid $uid (non-root, volume /app/data)"
"${engine[@]}" exec "$name" node bin/support-router.js report --since 1d | sed -n '1,4p'

code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$metrics_port/metrics")
slack_metrics=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")
[ "$code" = 200 ] && [ "$slack_metrics" = 404 ] || { echo "/metrics: $code on METRICS_PORT, $slack_metrics on PORT" >&2; exit 1; }
curl -s "http://127.0.0.1:$metrics_port/metrics" | grep -E '^support_router_(requests_total|triage_total)\{' | sed 's/^/metrics: /'

t=$(now)
"${engine[@]}" kill --signal TERM "$name" >/dev/null
status=$(timeout 15 "${engine[@]}" wait "$name" || echo timeout)
stopped=$(since "$t")
echo "SIGTERM: exit $status after $stopped s"
awk -v s="$stopped" 'BEGIN { exit !(s < 10) }' && [ "$status" = 0 ] || { echo "did not stop cleanly within 10 s" >&2; exit 1; }

# Optional: two replicas of the image on one PostgreSQL (as compose.yaml runs them), in a schema of
# their own that is dropped afterwards. SMOKE_DATABASE_URL must be reachable from the host network.
if [ -n "${SMOKE_DATABASE_URL:-}" ]; then
  schema="smoke_$$"
  psql -q "$SMOKE_DATABASE_URL" -c "CREATE SCHEMA $schema"
  replicas=("$name-a" "$name-b")
  drop_schema() {
    for r in "${replicas[@]}"; do "${engine[@]}" rm -f -v "$r" >/dev/null 2>&1 || true; done
    psql -q "$SMOKE_DATABASE_URL" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" || true
    cleanup
  }
  trap drop_schema EXIT
  sep='?'; case "$SMOKE_DATABASE_URL" in *\?*) sep='&' ;; esac
  db_url="${SMOKE_DATABASE_URL}${sep}options=-c%20search_path%3D${schema}"
  ports=()
  for r in "${replicas[@]}"; do
    p=$(free_port)
    ports+=("$p")
    "${run[@]}" -d --name "$r" --network host -e SLACK_BOT_TOKEN=xoxb-smoke -e SLACK_SIGNING_SECRET="$SECRET" \
      -e SLACK_API_URL="http://127.0.0.1:$slack_port/api/" -e PORT="$p" -e DATABASE_URL="$db_url" "$IMAGE" >/dev/null
  done
  for i in 0 1; do
    node scripts/smoke-slack.js wait "http://127.0.0.1:${ports[$i]}/readyz" 60 >/dev/null \
      || { "${engine[@]}" logs "${replicas[$i]}" >&2; exit 1; }
    node scripts/smoke-slack.js command "${ports[$i]}" "$SECRET" "how do I request a license for a hackerone reporter?" >/dev/null
  done
  total=$("${engine[@]}" exec "${replicas[0]}" node bin/support-router.js report --json --since 1h \
    | node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>console.log(JSON.parse(s).total))")
  [ "$total" = 2 ] || { echo "the replicas do not share the store (report total $total)" >&2; exit 1; }
  echo "two replicas on PostgreSQL: both ready, each answered, one shared store (report total $total)"
  for r in "${replicas[@]}"; do "${engine[@]}" kill --signal TERM "$r" >/dev/null; done
  for r in "${replicas[@]}"; do
    status=$(timeout 15 "${engine[@]}" wait "$r" || echo timeout)
    [ "$status" = 0 ] || { echo "$r did not stop cleanly ($status)" >&2; exit 1; }
  done
fi
echo "docker:smoke passed"
