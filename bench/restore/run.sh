#!/usr/bin/env bash
# Restore benchmark. One PostgreSQL 15 cluster with a pgbench dataset (scale
# $BENCH_SCALE, default 50), base backups by checkpointd (pg_basebackup) and pgBackRest
# (full) taken one after the other on the idle cluster, $BENCH_LOAD_SECONDS (default 60) of
# write load after them, then, interleaved over $BENCH_ROUNDS rounds (default 3), restores
# of the same data to the same LSN (exclusive, same timeline), each timed until the copy
# is promoted and verified:
#   daemon          checkpointd's restore, trigger to verified (its recorded duration:
#                   parallel base copy, WAL prefetched in parallel, promotion, checks)
#   pgbackrest      Debian's pgBackRest, local repository, lz4, process-max = the
#                   daemon's parallelism; PostgreSQL fetches WAL with a synchronous
#                   `archive-get` per segment (pgBackRest's default)
#   pgbackrest-async  the same with `archive-async=y` for archive-get: pgBackRest
#                   prefetches WAL with process-max processes into its spool
#   floor           `cp -a` of checkpointd's base backup + PostgreSQL's own recovery of
#                   the same WAL (restore_command = cp)
# For the three baselines the time runs from the restore command's start to promoted,
# plus the same timeline check as the daemon's (new timeline's history file switches
# "before" the target). All four get recovery_init_sync_method = syncfs. It also
# measures `begin` when it reuses the fresh base backup. It prints every figure, the
# medians and the ratios: absolute times on shared machines drift, ratios measured in one
# run do not. $BENCH_BUILD_DIR (default $BENCH_DIR/build) keeps the Release build of
# checkpointd between runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

scale=${BENCH_SCALE:-50}
load_seconds=${BENCH_LOAD_SECONDS:-60}
rounds=${BENCH_ROUNDS:-3}
parallelism=${BENCH_PARALLELISM:-4}
work=${BENCH_DIR:-/var/tmp/checkpointd-bench}
build_dir=${BENCH_BUILD_DIR:-$work/build}
pg_port=56432

install_packages >/dev/null
user=$(unprivileged_user)
as_root rm -rf "$work"
as_root mkdir -p "$work"
as_root chown "$user" "$work"
as_root mkdir -p "$build_dir"
as_root chown "$user" "$build_dir"
run() { as_user "$user" env HOME="$work" "$@"; }
source_dir=$CHECKPOINTD_ROOT
run test -r "$CHECKPOINTD_ROOT/CMakeLists.txt" || {
  as_root cp -a "$CHECKPOINTD_ROOT" "$work/src" && as_root chown -R "$user" "$work/src"
  source_dir=$work/src
}
say "build (Release)"
build() { run env CCACHE_DIR="$build_dir/.ccache" "$@" >>"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; return 1; }; }
build cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
build cmake --build "$build_dir" -j "$(nproc)" --target checkpointd checkpointctl
ctl() { run "$build_dir/client/checkpointctl" --socket "$work/run/checkpointd.sock" "$@"; }
sql() { run "$PG_BIN/psql" -X -qtA -h "$work/run" -p "$1" -U postgres -d postgres -c "$2"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

started_dirs=()
daemon_pid=
cleanup() {
  set +e
  # $daemon_pid is the background subshell running `run`; the daemon (or runuser, which
  # passes the signal on) is its child.
  [ -n "$daemon_pid" ] && pkill -TERM -P "$daemon_pid" && wait "$daemon_pid" 2>/dev/null
  for dir in "${started_dirs[@]}" "$work/pgdata"; do run "$PG_BIN/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1; done
}
trap cleanup EXIT

say "PostgreSQL, archive (copy + pgbackrest archive-push), pgbench scale $scale"
# pgBackRest's repository, spool, lock and log paths must be distinct: `restore` empties
# <spool-path>/archive/<stanza>, which with spool-path = repo1-path is the repository's
# WAL archive (archive.info included), and archive-get then finds no valid repository.
pgbackrest_dir=$work/pgbackrest
run mkdir -p "$work/run" "$work/archive" "$work/backups" "$work/restores" "$work/state" "$work/other" \
  "$pgbackrest_dir/repo" "$pgbackrest_dir/spool" "$pgbackrest_dir/lock" "$pgbackrest_dir/log"
run "$PG_BIN/initdb" -D "$work/pgdata" -U postgres -A trust >/dev/null
# Writes a pgBackRest configuration; $2 (y|n) is archive-async for archive-get only (its
# parallel WAL prefetch). archive-push stays synchronous in both; retention never expires.
write_pgbackrest_conf() {
  cat <<CONF | run tee "$1" >/dev/null
[global]
repo1-path=$pgbackrest_dir/repo
repo1-retention-full=9999999
compress-type=lz4
process-max=$parallelism
archive-async=n
spool-path=$pgbackrest_dir/spool
lock-path=$pgbackrest_dir/lock
log-path=$pgbackrest_dir/log
log-level-console=warn
start-fast=y
[global:archive-get]
archive-async=$2
[bench]
pg1-path=$work/pgdata
pg1-port=$pg_port
pg1-socket-path=$work/run
pg1-user=postgres
CONF
}
pgbackrest_conf=$work/pgbackrest.conf
pgbackrest_async_conf=$work/pgbackrest-async-get.conf
write_pgbackrest_conf "$pgbackrest_conf" n
write_pgbackrest_conf "$pgbackrest_async_conf" y
backrest() { run pgbackrest --config="$pgbackrest_conf" --stanza=bench "$@"; }
cat <<CONF | run tee -a "$work/pgdata/postgresql.conf" >/dev/null
port = $pg_port
listen_addresses = ''
unix_socket_directories = '$work/run'
wal_level = replica
max_wal_size = 4GB
archive_mode = on
archive_command = '(test -f $work/archive/%f && cmp -s %p $work/archive/%f || (cp %p $work/archive/%f.tmp && sync $work/archive/%f.tmp && mv $work/archive/%f.tmp $work/archive/%f)) && pgbackrest --config=$pgbackrest_conf --stanza=bench archive-push %p'
CONF
run "$PG_BIN/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start >/dev/null
backrest stanza-create >/dev/null
backrest check >/dev/null  # a WAL switch reaches the repository through archive_command
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
run "$build_dir/daemon/checkpointd" --config "$work/checkpointd.yaml" 2>"$work/checkpointd.log" &
daemon_pid=$!
for _ in $(seq 1 100); do ctl list >/dev/null 2>&1 && break; sleep 0.1; done

say "base backups: checkpointd (pg_basebackup) and pgBackRest (full)"
base_id=$(ctl begin --cluster bench --migration-id base --window 1h --owner bench --approver bench-approver)
ctl commit "$base_id" >/dev/null
base_backup=$(ctl -o json status "$base_id" | tr -d '\n' | sed -n 's/.*"backup": *{[^}]*"name": *"\([^"]*\)".*/\1/p')
backrest backup --type=full >/dev/null
echo "checkpointd base backup: $base_backup"
backrest info --output=json | tr -d '\n ' |
  sed -n 's/.*"label":"\([^"]*\)".*"lsn":{"start":"\([^"]*\)","stop":"\([^"]*\)"}.*/pgBackRest backup: \1 (LSN \2 to \3)/p'

say "write load: pgbench for ${load_seconds}s"
run "$PG_BIN/pgbench" -T "$load_seconds" -c 4 -j 2 -h "$work/run" -p "$pg_port" -U postgres postgres 2>&1 | grep -E "^tps|transactions actually" || true

say "begin reusing the fresh base backup (5 times)"
begin_times=()
for _ in 1 2 3 4 5; do
  t0=$(now)
  id=$(ctl begin --cluster bench --migration-id reuse --window 1h --owner bench --approver bench-approver)
  t1=$(now)
  ctl abort "$id" --reason "begin latency probe" >/dev/null
  begin_times+=("$(elapsed "$t0" "$t1")")
done
echo "begin (reuse): ${begin_times[*]} s"

# The restore targets: checkpoints after the load, all on the same base backup.
targets=()
for round in $(seq 1 "$rounds"); do
  id=$(ctl begin --cluster bench --migration-id "target-$round" --window 1h --owner bench --approver bench-approver)
  ctl commit "$id" >/dev/null
  targets+=("$id")
done
target_lsn() { ctl -o json status "$1" | tr -d '\n ' | sed -n 's/.*"target_lsn":"\([^"]*\)".*/\1/p'; }
timeline=$(ctl -o json status "${targets[0]}" | tr -d '\n ' | sed -n 's/.*"recovery_point":{[^}]*"timeline":\([0-9]*\).*/\1/p')
wal_bytes=$(sql "$pg_port" "SELECT pg_wal_lsn_diff('$(target_lsn "${targets[0]}")', '$(ctl -o json status "$base_id" | tr -d '\n ' | sed -n 's/.*"end_lsn":"\([^"]*\)".*/\1/p')')")
echo "WAL to replay: $((wal_bytes / 1024 / 1024)) MB"
# archive_command returns (and pg_stat_archiver moves) only after pgBackRest's push, while
# checkpointd sees its copy earlier: wait until the repository holds every target's WAL.
last_segment=$(sql "$pg_port" "SELECT pg_walfile_name(pg_switch_wal())")
until [ "$(sql "$pg_port" "SELECT coalesce(last_archived_wal >= '$last_segment', false) FROM pg_stat_archiver")" = t ]; do
  sleep 0.1
done
backrest info --output=json | tr -d '\n ' |
  sed -n 's/.*"archive":\[{[^]]*"max":"\([^"]*\)","min":"\([^"]*\)".*/pgBackRest archive: \2 to \1/p'

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

# Checks a promoted copy the way the daemon's verification checks the timeline: the new
# timeline's history file records the switch just before the target LSN.
verify_switch_before() {
  local dir=$1 lsn=$2 history
  history=$dir/pg_wal/$(printf '%08X' $((timeline + 1))).history
  run grep -q "before LSN $lsn\$" "$history" || {
    echo "restore in $dir: $history does not switch before LSN $lsn" >&2
    return 1
  }
}
# pgBackRest restore into $1 on port $2 to LSN $3 with configuration $4, then start,
# promotion and the timeline check.
pgbackrest_restore() {
  local dir=$1 port=$2 lsn=$3 conf=$4
  run pgbackrest --config="$conf" --stanza=bench --pg1-path="$dir" restore --type=lsn --target="$lsn" \
    --target-exclusive --target-action=promote --target-timeline="$timeline" >/dev/null &&
    recovery_overrides "$dir" "$port" | run tee -a "$dir/postgresql.auto.conf" >/dev/null &&
    start_and_wait_promoted "$dir" "$port" &&
    verify_switch_before "$dir" "$lsn"
}
# Copy of checkpointd's base backup + PostgreSQL's own recovery with restore_command = cp.
floor_restore() {
  local dir=$1 port=$2 lsn=$3
  run cp -a "$base_backup" "$dir" &&
    run rm -f "$dir/checkpointd-backup.json" &&
    {
      recovery_overrides "$dir" "$port"
      echo "restore_command = 'cp $work/archive/%f %p'"
      echo "recovery_target_lsn = '$lsn'"
      echo "recovery_target_inclusive = off"
      echo "recovery_target_timeline = '$timeline'"
      echo "recovery_target_action = 'promote'"
    } | run tee -a "$dir/postgresql.auto.conf" >/dev/null &&
    run touch "$dir/recovery.signal" &&
    start_and_wait_promoted "$dir" "$port" &&
    verify_switch_before "$dir" "$lsn"
}
# Times one baseline restore (`measure LABEL TIMES_ARRAY DIR FUNCTION ARGS...`): prints
# and records its seconds, or reports the failure and records nothing. The copy is stopped
# and, when it succeeded, deleted (its server log stays next to it).
measure() {
  local label=$1 dir=$3 t0 t1
  local -n times=$2
  shift 3
  t0=$(now)
  if "$@"; then
    t1=$(now)
    times+=("$(elapsed "$t0" "$t1")")
    printf '%-17s %ss\n' "$label" "$(elapsed "$t0" "$t1")"
    stop_instance "$dir"
    run rm -rf "$dir"
  else
    printf '%-17s failed (see %s.log); no figure this round\n' "$label" "$dir"
    stop_instance "$dir"
  fi
}

daemon_times=()
# shellcheck disable=SC2034  # the baselines' arrays are filled through measure()'s nameref
pgbackrest_times=() pgbackrest_async_times=() floor_times=()
for round in $(seq 1 "$rounds"); do
  id=${targets[$((round - 1))]}
  lsn=$(target_lsn "$id")
  say "round $round: target $lsn"

  ctl restore "$id" --wait >/dev/null
  seconds=$(ctl -o json status "$id" | tr -d '\n ' | sed -n 's/.*"duration_seconds":\([0-9.eE+-]*\).*/\1/p')
  seconds=$(awk -v s="$seconds" 'BEGIN { printf "%.3f", s }')
  restored=$(ctl -o json status "$id" | tr -d '\n' | sed -n 's/.*"target": *"\([^"]*\)".*/\1/p')
  stop_instance "$restored"
  daemon_times+=("$seconds")
  printf '%-17s %ss\n' daemon "$seconds"

  dir=$work/other/pgbackrest-$round
  measure pgbackrest pgbackrest_times "$dir" pgbackrest_restore "$dir" $((pg_port + 10 + round)) "$lsn" "$pgbackrest_conf"
  dir=$work/other/pgbackrest-async-$round
  measure pgbackrest-async pgbackrest_async_times "$dir" \
    pgbackrest_restore "$dir" $((pg_port + 20 + round)) "$lsn" "$pgbackrest_async_conf"
  dir=$work/other/floor-$round
  measure floor floor_times "$dir" floor_restore "$dir" $((pg_port + 30 + round)) "$lsn"
done

median_of() { local -n values=$1; if [ "${#values[@]}" -gt 0 ]; then echo "${values[*]}" | median; else echo 0; fi; }
daemon_median=$(median_of daemon_times)
pgbackrest_median=$(median_of pgbackrest_times)
pgbackrest_async_median=$(median_of pgbackrest_async_times)
floor_median=$(median_of floor_times)
begin_median=$(median_of begin_times)
say "results (scale $scale, ${load_seconds}s load, $((wal_bytes / 1024 / 1024)) MB WAL, $rounds rounds, medians)"
echo "parallelism: daemon restore_parallelism = pgBackRest process-max = $parallelism ($(nproc) cores)"
printf '%-52s %8s\n' "daemon: trigger -> promoted + verified" "${daemon_median}s"
printf '%-52s %8s\n' "pgBackRest, sync archive-get: restore -> promoted" "${pgbackrest_median}s"
printf '%-52s %8s\n' "pgBackRest, async archive-get: restore -> promoted" "${pgbackrest_async_median}s"
printf '%-52s %8s\n' "floor: cp -a + recovery (cp) -> promoted" "${floor_median}s"
printf '%-52s %8s\n' "begin reusing a fresh backup" "${begin_median}s"
echo "(each baseline also includes the same timeline check as the daemon's verification)"
awk -v d="$daemon_median" -v p="$pgbackrest_median" -v a="$pgbackrest_async_median" -v f="$floor_median" \
    -v b="$begin_median" 'BEGIN {
  if (p > 0) printf "ratio daemon/pgbackrest (sync get)  = %.2f (target <= 1.00)\n", d / p
  else print "ratio daemon/pgbackrest (sync get): no figure (its restores failed)"
  if (a > 0) printf "ratio daemon/pgbackrest (async get) = %.2f (target <= 1.00)\n", d / a
  else print "ratio daemon/pgbackrest (async get): no figure (its restores failed)"
  if (f > 0) printf "ratio daemon/floor                  = %.2f (target <= 1.15)\n", d / f
  else print "ratio daemon/floor: no figure (its restores failed)"
  printf "begin (reuse) median                = %.3fs (target < 1s)\n", b
}'
