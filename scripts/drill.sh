#!/usr/bin/env bash
# The rollback drill on the embedded default (the local engine), end to end:
# installs what is missing, builds, creates a PostgreSQL 15 cluster with WAL archiving
# in a work directory, starts a small demo service (a login endpoint whose error rate the
# drill flips, behind the feature flag FEATURE_LOGIN_V2 in a flagd file), a real
# Prometheus scraping it, and checkpointd; then walks the drill:
#   1. the expand plan (24h rollback window, owner, approver, SLO watch, flag) checked offline
#   2. checkpointctl run: checkpoint (base backup + archived recovery point), the daemon
#      runs the expand SQL statement by statement; the SLO watch starts
#   3. the app rollout with the flag off: the watch's health checks pass
#   4. the flag on for develop (checkpointctl flag), with health checks after it
#   5. a simulated breach: the watch fails, the flag goes off first, the additive schema
#      stays, the service recovers: recovery time measured, no restore
#   6. the expand migration committed by a person
#   7. a restore drill: a checkpoint restored into a scratch directory, verified, its
#      duration measured and recorded as the cluster's restore evidence, the copy removed
#   8. the contract step's go/no-go: no-go, the rollback window has not passed
#   9. a contract plan: refused by that go/no-go, then let through by break-glass; its
#      first file loses data, its second fails
#  10. the automatic restore: phases and measured duration, the lost data is back
#  11. the evidence packages (Markdown printed, Markdown and JSON written to
#      $work/evidence, their sha256 verified)
# Everything it started is stopped at the end, and the optional clean-up removes the
# databases, backups and WAL archive it made, keeping the evidence, the plans, the
# daemon's state and the logs (CHECKPOINTD_DRILL_KEEP=1 keeps everything).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work=${CHECKPOINTD_DRILL_DIR:-/var/tmp/checkpointd-drill}
pg_port=${CHECKPOINTD_DRILL_PG_PORT:-55432}
prometheus_port=${CHECKPOINTD_DRILL_PROMETHEUS_PORT:-59090}

say "packages"
install_packages

user=$(unprivileged_user)
say "build"
build_dir=$work/build
as_root rm -rf "$work"
as_root mkdir -p "$work"
as_root chown "$user" "$work"
run() { as_user "$user" env CCACHE_DIR="$work/ccache" HOME="$work" "$@"; }
if [ ! -r "$CHECKPOINTD_ROOT/CMakeLists.txt" ] || ! run test -r "$CHECKPOINTD_ROOT/CMakeLists.txt"; then
  as_root cp -a "$CHECKPOINTD_ROOT" "$work/src" && as_root chown -R "$user" "$work/src"
  source_dir=$work/src
else
  source_dir=$CHECKPOINTD_ROOT
fi
run cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
run cmake --build "$build_dir" -j "$(nproc)" --target checkpointd checkpointctl checkpointd-demo-service
daemon=$build_dir/daemon/checkpointd
ctl() { run "$build_dir/client/checkpointctl" --socket "$work/run/checkpointd.sock" "$@"; }
# psql_at SOCKET_DIR PORT ARGS...: the original runs in $work/run, restored copies in $work/restores.
psql_at() { run "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres -d app "${@:3}"; }
psql_app() { psql_at "$work/run" "$@"; }
psql_restored() { psql_at "$work/restores" "$@"; }

# spawn PIDFILE LOG COMMAND...: runs COMMAND as the drill's user in the background and
# records its own pid (not runuser's), so that the cleanup stops the process itself.
spawn() {
  run sh -c 'echo $$ >"$1"; shift 2; exec "$@"' sh "$1" "$2" "${@:3}" >"$2" 2>&1 &
  for _ in $(seq 1 50); do [ -s "$1" ] && break; sleep 0.1; done
  cat "$1"
}
stop_pid() {
  [ -n "$1" ] && kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
}
# http METHOD HOST:PORT PATH [BODY]: one plain HTTP/1.1 request with bash alone; the answer on stdout.
http() {
  local body=${4:-}
  exec 3<>"/dev/tcp/${2%:*}/${2#*:}" || return 1
  printf '%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "$1" "$3" "$2" "${#body}" \
    "$body" >&3
  cat <&3
  exec 3<&- 3>&-
}

daemon_pid=
demo_pid=
prometheus_pid=
restored_dir=
drill_passed=
cleanup() {
  set +e
  stop_pid "$daemon_pid"
  stop_pid "$prometheus_pid"
  stop_pid "$demo_pid"
  wait 2>/dev/null
  [ -n "$restored_dir" ] && run "$PG_BIN/pg_ctl" -D "$restored_dir" stop -m fast >/dev/null 2>&1
  run "$PG_BIN/pg_ctl" -D "$work/pgdata" stop -m fast >/dev/null 2>&1
  if [ -z "$drill_passed" ] || [ "${CHECKPOINTD_DRILL_KEEP:-}" = 1 ]; then
    echo "the work directory $work is kept as it is (the servers are stopped)"
    return
  fi
  # The optional clean-up: what the drill made to be thrown away goes; the proof stays.
  as_root rm -rf "$work/pgdata" "$work/restores" "$work/backups" "$work/archive" "$work/prometheus/data"
  echo "drill passed; cleaned up the databases, backups and WAL archive; kept in $work:" \
    "evidence/, plans/, state/ and the logs"
}
trap cleanup EXIT

say "PostgreSQL 15 with WAL archiving in $work"
run mkdir -p "$work/run" "$work/archive" "$work/backups" "$work/restores" "$work/state"
run "$PG_BIN/initdb" -D "$work/pgdata" -U postgres -A trust >/dev/null
cat <<CONF | run tee -a "$work/pgdata/postgresql.conf" >/dev/null
port = $pg_port
listen_addresses = ''
unix_socket_directories = '$work/run'
wal_level = replica
archive_mode = on
archive_command = 'test -f $work/archive/%f && cmp -s %p $work/archive/%f || (cp %p $work/archive/%f.tmp && sync $work/archive/%f.tmp && mv $work/archive/%f.tmp $work/archive/%f)'
CONF
run "$PG_BIN/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start >/dev/null
run "$PG_BIN/createdb" -h "$work/run" -p "$pg_port" -U postgres app
psql_app "$pg_port" <<'SQL'
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL);
INSERT INTO users SELECT g, 'user' || g || '@example.com', 'User ' || g FROM generate_series(1, 10000) g;
SQL
echo "users: $(psql_app "$pg_port" -tA -c 'SELECT count(*) FROM users') rows"

say "the demo login service (errors only while FEATURE_LOGIN_V2 is on) and Prometheus"
run mkdir -p "$work/flags" "$work/prometheus"
# The flag ships off: the new login path is deployed but dark.
run tee "$work/flags/develop.json" >/dev/null <<'JSON'
{
  "$schema": "https://flagd.dev/schema/v0/flags.json",
  "flags": {
    "FEATURE_LOGIN_V2": {
      "state": "ENABLED",
      "variants": {"on": true, "off": false},
      "defaultVariant": "off"
    }
  }
}
JSON
demo_pid=$(spawn "$work/demo.pid" "$work/demo.log" "$build_dir/demo/checkpointd-demo-service" --listen 127.0.0.1:0 \
  --rps 100 --flag-file "$work/flags/develop.json" --flag FEATURE_LOGIN_V2)
for _ in $(seq 1 100); do grep -q '^listening on ' "$work/demo.log" && break; sleep 0.1; done
demo=$(sed -n 's/^listening on //p' "$work/demo.log" | head -n 1)
test -n "$demo" || { echo "drill: the demo service did not start: $(cat "$work/demo.log")" >&2; exit 1; }
cat <<YAML | run tee "$work/prometheus/prometheus.yml" >/dev/null
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: demo
    static_configs: [{targets: ['$demo']}]
YAML
prometheus_pid=$(spawn "$work/prometheus.pid" "$work/prometheus.log" prometheus \
  --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
  --web.listen-address="127.0.0.1:$prometheus_port")
for _ in $(seq 1 150); do http GET "127.0.0.1:$prometheus_port" /-/ready 2>/dev/null | grep -q ' 200 ' && break; sleep 0.2; done
echo "demo service at $demo, Prometheus at 127.0.0.1:$prometheus_port scraping it every second"

say "checkpointd"
cat <<YAML | run tee "$work/checkpointd.yaml" >/dev/null
listen:
  unix_socket: $work/run/checkpointd.sock
state_directory: $work/state
log:
  level: info
clusters:
  - name: app
    engine: local
    auto_restore: true
    local:
      data_directory: $work/pgdata
      port: $pg_port
      host: $work/run
      user: postgres
      database: app
      bin_directory: $PG_BIN
      archive_directory: $work/archive
      backup_directory: $work/backups
      restore_directory: $work/restores
prometheus:
  - name: main
    url: http://127.0.0.1:$prometheus_port
flag_backends:
  - name: develop
    flagd_file: {file: $work/flags/develop.json}
YAML
# The daemon's own pid (not runuser's), so that the cleanup stops the daemon itself.
daemon_pid=$(spawn "$work/checkpointd.pid" "$work/checkpointd.log" "$daemon" --config "$work/checkpointd.yaml")
for _ in $(seq 1 100); do ctl list >/dev/null 2>&1 && break; sleep 0.1; done
ctl list >/dev/null

say "1. the expand plan, checked offline (as a pull request's CI would)"
run mkdir -p "$work/plans/expand" "$work/plans/contract"
run tee "$work/plans/expand/plan.yaml" >/dev/null <<YAML
migration:
  id: 2026_11_21_users_phone
  purpose: add phone and login_version for login v2
cluster: app
phase: expand
rollback_window: {duration: 24h, owner: alice@example.com, approver: bob@example.com}
session: {lock_timeout: 5s, statement_timeout: 5m}
steps:
  - sql: 001_add_columns.sql
  - sql: 002_phone_index.sql
    transaction: false
commit: automatic
slo:
  window: 5m
  metrics:
    - name: login-error-rate
      interval: 2s
      failureLimit: 1
      successCondition: len(result) == 0 || result[0] < 0.05
      provider:
        prometheus:
          query: sum(rate(demo_errors_total[5s])) / sum(rate(demo_requests_total[5s]))
    - name: login-health
      interval: 2s
      failureLimit: 1
      successCondition: result == 200
      provider:
        http: {url: "http://$demo/healthz"}
  data_checks:
    - name: users-without-email
      successCondition: result == 0
      provider:
        sql: {query: "select count(*) from users where email is null"}
flag:
  name: FEATURE_LOGIN_V2
  scopes: [develop]
ladder: {recheck_count: 20, recovered_after: 2}
YAML
run tee "$work/plans/expand/001_add_columns.sql" >/dev/null <<'SQL'
ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT;
ALTER TABLE users ADD COLUMN IF NOT EXISTS login_version INTEGER DEFAULT 1;
SQL
run tee "$work/plans/expand/002_phone_index.sql" >/dev/null <<'SQL'
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_phone ON users (phone);
SQL
ctl plan check "$work/plans/expand/plan.yaml"

say "2. checkpointctl run: checkpoint, the daemon runs the expand migration; the SLO watch starts"
# stdout: the checkpoint id first, then its summary; progress goes to stderr.
ctl run --plan "$work/plans/expand/plan.yaml" | run tee "$work/run-expand.txt"
expand_id=$(head -n 1 "$work/run-expand.txt")
stage_of() { ctl -o json status "$1" | tr -d '\n ' | sed -n 's/.*"stage":"\([a-z_]*\)".*/\1/p'; }

say "3. the app rollout with the flag off: the watch's health checks"
sleep 6
ctl status "$expand_id" | sed -n '/^Watch:/,/^Flag:/p'

say "4. FEATURE_LOGIN_V2 on for develop"
ctl flag "$expand_id" on --scope develop --by alice@example.com --note "login v2 for develop"
ctl status "$expand_id" | sed -n '/^Flag:/,$p'

say "5. a simulated breach: half the logins fail on the new path"
http POST "$demo" /control/error-ratio 0.5 >/dev/null
# status --watch follows the watch while it works: the failing measurements, the flag
# off, the recheck, the recovery.
ctl status --watch --wait-timeout 3m "$expand_id" >"$work/breach.txt"
sed -n '/^Watch:/,$p' "$work/breach.txt"
test "$(stage_of "$expand_id")" = recovered || { echo "drill: the watch did not recover with the flag off" >&2; exit 1; }
grep -q '"defaultVariant": "off"' "$work/flags/develop.json" || { echo "drill: the flag is not off" >&2; exit 1; }
echo "the flag went off first; no restore: the additive schema stays (columns: $(psql_app "$pg_port" -tA -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'users'"))"

say "6. the expand migration committed by its owner (the schema is fine, the new code path is not)"
ctl commit "$expand_id" | sed -n '1,/^State:/p'

say "7. a restore drill: checkpoint, restore into a scratch directory, verify, measure, remove"
ctl drill --cluster app --by alice@example.com | run tee "$work/restore-drill.txt"
grep -q ' verified' "$work/restore-drill.txt" || { echo "drill: the restore drill was not verified" >&2; exit 1; }

say "8. the contract step's go/no-go for the expand migration"
status=0
ctl go-no-go --cluster app --migration-id 2026_11_21_users_phone || status=$?
test "$status" -eq 3 || { echo "drill: expected no-go (exit 3) while the rollback window is open, got $status" >&2; exit 1; }

say "9. a harmful contract migration"
run tee "$work/plans/contract/plan.yaml" >/dev/null <<'YAML'
migration:
  id: 2026_11_21_drop_email
  purpose: drop users.email (contract)
  expand_migration_id: 2026_11_21_users_phone
cluster: app
phase: contract
rollback_window: {duration: 24h, owner: alice@example.com, approver: bob@example.com}
steps:
  - sql: 001_drop_email.sql
  - sql: 002_name_to_int.sql
YAML
run tee "$work/plans/contract/001_drop_email.sql" >/dev/null <<'SQL'
ALTER TABLE users DROP COLUMN email;
DELETE FROM users WHERE id % 3 = 0;
SQL
run tee "$work/plans/contract/002_name_to_int.sql" >/dev/null <<'SQL'
ALTER TABLE users ALTER COLUMN name TYPE integer USING name::integer;
SQL
echo "without evidence, the contract migration is refused before anything runs:"
if ctl run --plan "$work/plans/contract/plan.yaml"; then
  echo "drill: the contract plan was not refused" >&2
  exit 1
fi
echo
echo "break-glass for the drill (recorded on the checkpoint and counted):"
run tee -a "$work/plans/contract/plan.yaml" >/dev/null <<'YAML'
break_glass: {by: carol@example.com, reason: rollback drill on a scratch cluster}
YAML

say "10. the contract migration fails -> automatic restore"
status=0
ctl run --plan "$work/plans/contract/plan.yaml" >"$work/run-contract.txt" || status=$?
cat "$work/run-contract.txt"
test "$status" -eq 4 || { echo "drill: expected the failed migration's exit code 4, got $status" >&2; exit 1; }
contract_id=$(head -n 1 "$work/run-contract.txt")
echo "the original after the failed migration: $(psql_app "$pg_port" -tA -c 'SELECT count(*) FROM users') rows, columns: $(psql_app "$pg_port" -tA -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'users'")"

restored_port=$(ctl -o json status "$contract_id" | tr -d ' \n' | sed -n 's/.*"port":\([0-9]*\).*/\1/p')
restored_dir=$(ctl -o json status "$contract_id" | tr -d '\n' | sed -n 's/.*"target": *"\([^"]*\)".*/\1/p')
say "the restored database ($restored_dir, port $restored_port)"
echo "users: $(psql_restored "$restored_port" -tA -c 'SELECT count(*) FROM users') rows (10000 before the harmful migration)"
echo "columns: $(psql_restored "$restored_port" -tA -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'users'")"
echo "user 3: $(psql_restored "$restored_port" -tA -c 'SELECT email FROM users WHERE id = 3')"
test "$(psql_restored "$restored_port" -tA -c 'SELECT count(*) FROM users')" = 10000

say "11. the evidence packages"
run mkdir -p "$work/evidence"
for id in "$expand_id" "$contract_id"; do
  ctl evidence "$id" -o md | run tee "$work/evidence/$id.md" >/dev/null
  ctl evidence "$id" -o json | run tee "$work/evidence/$id.json" >/dev/null
  ctl evidence verify "$work/evidence/$id.json"
done
echo
cat "$work/evidence/$contract_id.md"
echo
echo "evidence written to $work/evidence: $(cd "$work/evidence" && echo *)"
drill_passed=1
