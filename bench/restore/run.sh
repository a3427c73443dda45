#!/usr/bin/env bash
# Restore benchmark. One PostgreSQL 15 cluster with a pgbench dataset (scale
# $BENCH_SCALE, default 50), one base backup, $BENCH_LOAD_SECONDS (default 60) of write
# load after it, then, interleaved over $BENCH_ROUNDS rounds (default 3), restores of
# the same data to the same LSN by:
#   daemon     checkpointd's restore, trigger to verified (its recorded duration)
#   pgbackrest Debian's pgBackRest (local repository, lz4, process-max = parallelism),
#              restore command start to promoted
#   floor      plain copy of the base backup + PostgreSQL's own recovery of the same WAL
#              (restore_command = cp), copy start to promoted
# All three get recovery_init_sync_method = syncfs (one syncfs instead of an fsync per
# file before recovery). It also measures `begin` when it reuses the fresh base backup. It prints every figure,
# the medians and the ratios (daemon / pgbackrest, daemon / floor): absolute times on
# shared machines drift, ratios measured in one run do not.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

scale=${BENCH_SCALE:-50}
load_seconds=${BENCH_LOAD_SECONDS:-60}
rounds=${BENCH_ROUNDS:-3}
parallelism=${BENCH_PARALLELISM:-4}
work=${BENCH_DIR:-/var/tmp/checkpointd-bench}
pg_port=56432

install_packages >/dev/null
user=$(unprivileged_user)
as_root rm -rf "$work"
as_root mkdir -p "$work"
as_root chown "$user" "$work"
run() { as_user "$user" env CCACHE_DIR="$work/ccache" HOME="$work" "$@"; }
source_dir=$CHECKPOINTD_ROOT
run test -r "$CHECKPOINTD_ROOT/CMakeLists.txt" || {
  as_root cp -a "$CHECKPOINTD_ROOT" "$work/src" && as_root chown -R "$user" "$work/src"
  source_dir=$work/src
}
say "build (Release)"
run cmake -S "$source_dir" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
run cmake --build "$work/build" -j "$(nproc)" --target checkpointd checkpointctl >/dev/null
ctl() { run "$work/build/client/checkpointctl" --socket "$work/run/checkpointd.sock" "$@"; }
sql() { run "$PG_BIN/psql" -X -qtA -h "$work/run" -p "$1" -U postgres -d postgres -c "$2"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

started_dirs=()
daemon_pid=
cleanup() {
  set +e
  [ -n "$daemon_pid" ] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
  for dir in "${started_dirs[@]}" "$work/pgdata"; do run "$PG_BIN/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1; done
}
trap cleanup EXIT

say "PostgreSQL, archive (copy + pgbackrest archive-push), pgbench scale $scale"
run mkdir -p "$work/run" "$work/archive" "$work/backups" "$work/restores" "$work/state" "$work/pgbackrest" "$work/other"
run "$PG_BIN/initdb" -D "$work/pgdata" -U postgres -A trust >/dev/null
cat <<CONF | run tee "$work/pgbackrest.conf" >/dev/null
[global]
repo1-path=$work/pgbackrest
compress-type=lz4
process-max=$parallelism
log-level-console=warn
log-path=$work/pgbackrest
lock-path=$work/pgbackrest
spool-path=$work/pgbackrest
start-fast=y
[bench]
pg1-path=$work/pgdata
pg1-port=$pg_port
pg1-socket-path=$work/run
pg1-user=postgres
CONF
cat <<CONF | run tee -a "$work/pgdata/postgresql.conf" >/dev/null
port = $pg_port
listen_addresses = ''
unix_socket_directories = '$work/run'
wal_level = replica
max_wal_size = 4GB
archive_mode = on
archive_command = '(test -f $work/archive/%f && cmp -s %p $work/archive/%f || (cp %p $work/archive/%f.tmp && sync $work/archive/%f.tmp && mv $work/archive/%f.tmp $work/archive/%f)) && pgbackrest --config=$work/pgbackrest.conf --stanza=bench archive-push %p'
CONF
run "$PG_BIN/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start >/dev/null
run pgbackrest --config="$work/pgbackrest.conf" --stanza=bench stanza-create >/dev/null
run "$PG_BIN/pgbench" -i -s "$scale" -q -h "$work/run" -p "$pg_port" -U postgres postgres 2>&1 | tail -1

cat <<YAML | run tee "$work/checkpointd.yaml" >/dev/null
listen:
  unix_socket: $work/run/checkpointd.sock
state_directory: $work/state
log:
  level: warn
clusters:
  - name: bench
    auto_restore: false
    deadlines: {backup: 30m, archive_wait: 5m, restore: 30m}
    local:
      data_directory: $work/pgdata
      port: $pg_port
      host: $work/run
      user: postgres
      bin_directory: $PG_BIN
      archive_directory: $work/archive
      backup_directory: $work/backups
      restore_directory: $work/restores
      backup_max_age: 24h
      restore_parallelism: $parallelism
YAML
run "$work/build/daemon/checkpointd" --config "$work/checkpointd.yaml" 2>"$work/checkpointd.log" &
daemon_pid=$!
for _ in $(seq 1 100); do ctl list >/dev/null 2>&1 && break; sleep 0.1; done

say "base backups: checkpointd (pg_basebackup) and pgBackRest (full)"
base_id=$(ctl begin --cluster bench --migration-id base --window 1h --owner bench --approver bench)
ctl commit "$base_id" >/dev/null
base_backup=$(ctl -o json status "$base_id" | tr -d '\n' | sed -n 's/.*"backup": *{[^}]*"name": *"\([^"]*\)".*/\1/p')
run pgbackrest --config="$work/pgbackrest.conf" --stanza=bench backup --type=full >/dev/null
echo "checkpointd base backup: $base_backup"

say "write load: pgbench for ${load_seconds}s"
run "$PG_BIN/pgbench" -T "$load_seconds" -c 4 -j 2 -h "$work/run" -p "$pg_port" -U postgres postgres 2>&1 | grep -E "^tps|transactions actually" || true

say "begin reusing the fresh base backup (5 times)"
begin_times=()
for _ in 1 2 3 4 5; do
  t0=$(now)
  id=$(ctl begin --cluster bench --migration-id reuse --window 1h --owner bench --approver bench)
  t1=$(now)
  ctl abort "$id" --reason "begin latency probe" >/dev/null
  begin_times+=("$(elapsed "$t0" "$t1")")
done
echo "begin (reuse): ${begin_times[*]} s"

# The restore targets: checkpoints after the load, all on the same base backup.
targets=()
for round in $(seq 1 "$rounds"); do
  id=$(ctl begin --cluster bench --migration-id "target-$round" --window 1h --owner bench --approver bench)
  ctl commit "$id" >/dev/null
  targets+=("$id")
done
target_lsn() { ctl -o json status "$1" | tr -d '\n ' | sed -n 's/.*"target_lsn":"\([^"]*\)".*/\1/p'; }
timeline=$(ctl -o json status "${targets[0]}" | tr -d '\n ' | sed -n 's/.*"recovery_point":{[^}]*"timeline":\([0-9]*\).*/\1/p')
wal_bytes=$(sql "$pg_port" "SELECT pg_wal_lsn_diff('$(target_lsn "${targets[0]}")', '$(ctl -o json status "$base_id" | tr -d '\n ' | sed -n 's/.*"end_lsn":"\([^"]*\)".*/\1/p')')")
echo "WAL to replay: $((wal_bytes / 1024 / 1024)) MB"

# Starts a restored data directory on a port and waits until it has promoted; fails
# with the server's log when PostgreSQL exits or after 30 minutes.
start_and_wait_promoted() {
  local dir=$1 port=$2 deadline=$((SECONDS + 1800))
  started_dirs+=("$dir")
  run "$PG_BIN/pg_ctl" -D "$dir" -l "$dir.log" -W start >/dev/null
  until [ "$(sql "$port" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = "f" ]; do
    if [ "$SECONDS" -gt "$deadline" ] || ! run "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "restore in $dir failed:" >&2
      tail -5 "$dir.log" >&2
      return 1
    fi
    sleep 0.02
  done
}
stop_instance() { run "$PG_BIN/pg_ctl" -D "$1" stop -m immediate >/dev/null 2>&1 || true; }
recovery_overrides() {
  cat <<CONF
port = $2
unix_socket_directories = '$work/run'
archive_mode = off
hot_standby = on
recovery_init_sync_method = syncfs
CONF
}

daemon_times=()
pgbackrest_times=()
floor_times=()
for round in $(seq 1 "$rounds"); do
  id=${targets[$((round - 1))]}
  lsn=$(target_lsn "$id")
  say "round $round: target $lsn"

  ctl restore "$id" --wait >/dev/null
  seconds=$(ctl -o json status "$id" | tr -d '\n ' | sed -n 's/.*"duration_seconds":\([0-9.eE+-]*\).*/\1/p')
  restored=$(ctl -o json status "$id" | tr -d '\n' | sed -n 's/.*"target": *"\([^"]*\)".*/\1/p')
  stop_instance "$restored"
  daemon_times+=("$seconds")
  echo "daemon      ${seconds}s"

  dir=$work/other/pgbackrest-$round
  port=$((pg_port + 10 + round))
  t0=$(now)
  if run pgbackrest --config="$work/pgbackrest.conf" --stanza=bench --pg1-path="$dir" restore --type=lsn \
       --target="$lsn" --target-exclusive --target-action=promote --target-timeline="$timeline" >/dev/null &&
     recovery_overrides "$dir" "$port" | run tee -a "$dir/postgresql.auto.conf" >/dev/null &&
     start_and_wait_promoted "$dir" "$port"; then
    t1=$(now)
    pgbackrest_times+=("$(elapsed "$t0" "$t1")")
    echo "pgbackrest  $(elapsed "$t0" "$t1")s"
  else
    echo "pgbackrest  failed (see $dir.log); no figure this round"
  fi
  stop_instance "$dir"

  dir=$work/other/floor-$round
  port=$((pg_port + 20 + round))
  t0=$(now)
  run cp -a "$base_backup" "$dir"
  run rm -f "$dir/checkpointd-backup.json"
  {
    recovery_overrides "$dir" "$port"
    echo "restore_command = 'cp $work/archive/%f %p'"
    echo "recovery_target_lsn = '$lsn'"
    echo "recovery_target_inclusive = off"
    echo "recovery_target_timeline = '$timeline'"
    echo "recovery_target_action = 'promote'"
  } | run tee -a "$dir/postgresql.auto.conf" >/dev/null
  run touch "$dir/recovery.signal"
  start_and_wait_promoted "$dir" "$port"
  t1=$(now)
  stop_instance "$dir"
  floor_times+=("$(elapsed "$t0" "$t1")")
  echo "floor       $(elapsed "$t0" "$t1")s"
done

daemon_median=$(echo "${daemon_times[*]}" | median)
pgbackrest_median=$(echo "${pgbackrest_times[*]:-0}" | median)
floor_median=$(echo "${floor_times[*]}" | median)
begin_median=$(echo "${begin_times[*]}" | median)
say "results (scale $scale, ${load_seconds}s load, $((wal_bytes / 1024 / 1024)) MB WAL, $rounds rounds, medians)"
printf '%-34s %8s\n' "daemon restore (trigger->verified)" "${daemon_median}s"
printf '%-34s %8s\n' "pgBackRest restore (->promoted)" "${pgbackrest_median}s"
printf '%-34s %8s\n' "floor: cp + recovery (->promoted)" "${floor_median}s"
printf '%-34s %8s\n' "begin reusing a fresh backup" "${begin_median}s"
awk -v d="$daemon_median" -v p="$pgbackrest_median" -v f="$floor_median" -v b="$begin_median" 'BEGIN {
  if (p > 0) printf "ratio daemon/pgbackrest = %.2f (target <= 1.00)\n", d / p
  else print "ratio daemon/pgbackrest: no pgBackRest figure (its restores failed)"
  printf "ratio daemon/floor      = %.2f (target <= 1.15)\n", d / f
  printf "begin (reuse) median    = %.3fs (target < 1s)\n", b
}'
