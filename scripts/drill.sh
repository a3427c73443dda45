#!/usr/bin/env bash
# The rollback drill on the embedded default (the local engine), end to end:
# installs what is missing, builds, creates a PostgreSQL 15 cluster with WAL archiving
# in a work directory, starts checkpointd, and walks the drill:
#   1. begin (24h rollback window, owner, approver) -> base backup + archived recovery point
#   2. the expand migration (ADD COLUMN ... IF NOT EXISTS), commit
#   3. a second checkpoint, a harmful contract migration that loses data, fail
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
  [ -n "$daemon_pid" ] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
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
run "$daemon" --config "$work/checkpointd.yaml" 2>"$work/checkpointd.log" &
daemon_pid=$!
for _ in $(seq 1 100); do ctl list >/dev/null 2>&1 && break; sleep 0.1; done
ctl list >/dev/null

say "1. begin the expand checkpoint"
expand_id=$(ctl begin --cluster app --migration-id 2026_11_21_users_phone --purpose "add phone and login_version" \
  --phase expand --window 24h --owner alice@example.com --approver bob@example.com)
echo "checkpoint $expand_id is ready"

say "2. expand migration, then commit"
psql_app "$pg_port" -c "ALTER TABLE users ADD COLUMN IF NOT EXISTS phone TEXT; ALTER TABLE users ADD COLUMN IF NOT EXISTS login_version INTEGER DEFAULT 1;"
ctl commit "$expand_id" >/dev/null
ctl status "$expand_id"

say "3. a second checkpoint and a harmful contract migration"
contract_id=$(ctl begin --cluster app --migration-id 2026_11_21_drop_email --purpose "drop email (contract)" \
  --phase contract --window 24h --owner alice@example.com --approver bob@example.com)
echo "checkpoint $contract_id is ready"
psql_app "$pg_port" -c "ALTER TABLE users DROP COLUMN email; DELETE FROM users WHERE id % 3 = 0;"
echo "after the harmful migration: $(psql_app "$pg_port" -tA -c 'SELECT count(*) FROM users') rows, columns: $(psql_app "$pg_port" -tA -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'users'")"

say "4. fail -> automatic restore"
ctl fail "$contract_id" --reason "contract migration deleted rows and dropped users.email" --wait

restored_port=$(ctl -o json status "$contract_id" | tr -d ' \n' | sed -n 's/.*"port":\([0-9]*\).*/\1/p')
restored_dir=$(ctl -o json status "$contract_id" | tr -d '\n' | sed -n 's/.*"target": *"\([^"]*\)".*/\1/p')
say "the restored database ($restored_dir, port $restored_port)"
echo "users: $(psql_restored "$restored_port" -tA -c 'SELECT count(*) FROM users') rows (10000 before the harmful migration)"
echo "columns: $(psql_restored "$restored_port" -tA -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'users'")"
echo "user 3: $(psql_restored "$restored_port" -tA -c 'SELECT email FROM users WHERE id = 3')"
test "$(psql_restored "$restored_port" -tA -c 'SELECT count(*) FROM users')" = 10000
echo
echo "drill passed; the work directory $work is kept (the original cluster and the restored copy are stopped)"
