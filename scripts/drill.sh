#!/usr/bin/env bash
# The rollback drill on the embedded default (the local engine), end to end:
# installs what is missing, builds, creates a PostgreSQL 15 cluster with WAL archiving
# in a work directory, starts checkpointd, and walks the drill:
#   1. the expand plan (24h rollback window, owner, approver) checked offline
#   2. checkpointctl run: checkpoint (base backup + archived recovery point), the daemon
#      runs the expand SQL statement by statement, commits
#   3. a contract plan: refused by its go/no-go, then let through by break-glass; its
#      first file loses data, its second fails
#   4. the automatic restore: phases and measured duration, the lost data is back
# Everything it started is stopped at the end; the work directory is kept for a look.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work=${CHECKPOINTD_DRILL_DIR:-/var/tmp/checkpointd-drill}
pg_port=${CHECKPOINTD_DRILL_PG_PORT:-55432}

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
run cmake --build "$build_dir" -j "$(nproc)" --target checkpointd checkpointctl
daemon=$build_dir/daemon/checkpointd
ctl() { run "$build_dir/client/checkpointctl" --socket "$work/run/checkpointd.sock" "$@"; }
# psql_at SOCKET_DIR PORT ARGS...: the original runs in $work/run, restored copies in $work/restores.
psql_at() { run "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres -d app "${@:3}"; }
psql_app() { psql_at "$work/run" "$@"; }
psql_restored() { psql_at "$work/restores" "$@"; }

daemon_pid=
restored_dir=
cleanup() {
  set +e
  if [ -n "$daemon_pid" ] && kill -TERM "$daemon_pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  wait 2>/dev/null
  [ -n "$restored_dir" ] && run "$PG_BIN/pg_ctl" -D "$restored_dir" stop -m fast >/dev/null 2>&1
  run "$PG_BIN/pg_ctl" -D "$work/pgdata" stop -m fast >/dev/null 2>&1
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
YAML
# The daemon's own pid (not runuser's), so that the cleanup stops the daemon itself.
run sh -c 'echo $$ >"$1"; exec "$2" --config "$3"' sh "$work/checkpointd.pid" "$daemon" "$work/checkpointd.yaml" \
  2>"$work/checkpointd.log" &
for _ in $(seq 1 50); do [ -s "$work/checkpointd.pid" ] && break; sleep 0.1; done
daemon_pid=$(cat "$work/checkpointd.pid")
for _ in $(seq 1 100); do ctl list >/dev/null 2>&1 && break; sleep 0.1; done
ctl list >/dev/null

say "1. the expand plan, checked offline (as a pull request's CI would)"
run mkdir -p "$work/plans/expand" "$work/plans/contract"
run tee "$work/plans/expand/plan.yaml" >/dev/null <<'YAML'
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
YAML
run tee "$work/plans/expand/001_add_columns.sql" >/dev/null <<'SQL'
ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT;
ALTER TABLE users ADD COLUMN IF NOT EXISTS login_version INTEGER DEFAULT 1;
SQL
run tee "$work/plans/expand/002_phone_index.sql" >/dev/null <<'SQL'
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_phone ON users (phone);
SQL
ctl plan check "$work/plans/expand/plan.yaml"

say "2. checkpointctl run: checkpoint, the daemon runs the expand migration, commit"
# stdout: the checkpoint id first, then its summary; progress goes to stderr.
ctl run --plan "$work/plans/expand/plan.yaml" | run tee "$work/run-expand.txt"
expand_id=$(head -n 1 "$work/run-expand.txt")

say "3. a harmful contract migration"
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

say "4. the contract migration fails -> automatic restore"
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
echo
echo "drill passed; the work directory $work is kept (the original cluster and the restored copy are stopped)"
