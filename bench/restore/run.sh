#!/usr/bin/env bash
# Restore benchmark. One PostgreSQL 15 cluster with a pgbench dataset (scale
# $BENCH_SCALE, default 50; 200 is an option CI never runs), base backups by checkpointd
# (pg_basebackup; one for each of the two daemons below) and by pgBackRest into two
# repositories (full, uncompressed and lz4) taken one after the other on the idle cluster,
# so every contender starts from a base backup of the same age; $BENCH_LOAD_SECONDS
# (default 60) of write load after them; then, over $BENCH_ROUNDS rounds (default 3) with
# the contenders in rotating order, restores of the same data (nothing writes after the
# load) to the same LSN (exclusive, same timeline; daemon-prewarmed to its own checkpoint
# taken in its turn), each timed until the copy is promoted and verified, and each copy
# stopped and removed the same way:
#   daemon          checkpointd's restore, trigger to verified (its recorded duration:
#                   parallel base copy, WAL prefetched in parallel, promotion, checks)
#   daemon-prewarmed a second checkpointd, the same cluster with
#                   local.prewarmed_restore: true (its own state, socket, backup and
#                   restore directories, so that the daemon row runs exactly as without
#                   it): its checkpoint begun in its turn and the copy it builds in the
#                   background left to reach `parked` (untimed, bounded), then its restore
#                   timed as the daemon's (promotion of the parked copy + checks), which
#                   must say it took the "pre-warmed" path. When that daemon refuses the
#                   option (--check-config) the row reports itself unavailable.
#   pgbackrest-none pgBackRest as its users tune a fast restore: compress-type=none,
#                   process-max = the parallelism, async archive-get with
#                   archive-get-queue-max (1 GiB) >= the daemon's prefetch window (64
#                   segments of 16 MiB)
#   pgbackrest-lz4  the same with compress-type=lz4 (pgBackRest's default choice)
#   floor           the true floor, in two parts measured in the same round:
#     floor-copy    parallel copy (xargs -P parallelism) + sync of checkpointd's base backup
#     floor-replay  PostgreSQL's recovery of the same WAL already local: the base copied
#                   and the WAL staged beside it beforehand (untimed), restore_command =
#                   mv from there (nothing left to fetch), start -> promoted at the target
# Every contender ends recovery the way the daemon does: recovery_target_action = 'pause'
# (pgBackRest's --target-action=pause) and `pg_ctl promote -W` as soon as the server
# answers in recovery, which PostgreSQL acts on at the pause at the target with an
# end-of-recovery record and a background checkpoint instead of the synchronous
# end-of-recovery checkpoint of recovery_target_action = 'promote'. The pgBackRest and
# floor-replay times run from the restore command's start to out of recovery, plus the
# same timeline check as the
# daemon's (the new timeline's history file switches "before" the target). All get
# recovery_init_sync_method = syncfs. After each daemon restore (both rows) is verified,
# untimed, its copy is crashed (stop -m immediate) and must come back: pg_controldata
# "in production", crash recovery out of recovery on the restored timeline, the same
# pgbench_accounts rows and balances; a copy that does not counts as a failed round. The
# parallelism ($BENCH_PARALLELISM) defaults to the number of cores, for the daemons
# (restore_parallelism) and pgBackRest (process-max) alike. It also measures `begin` when
# it reuses the fresh base backup, with a breakdown of where its time goes from the
# checkpoint's own timeline, and compares each daemon restore with the prediction recorded
# when its checkpoint became ready (after one restore drill, so that the prediction uses
# this cluster's measured rates rather than the defaults). It prints every figure, the medians, the ratios and the
# machine's load: absolute times on shared machines drift, ratios measured in one run do
# not. $BENCH_BUILD_DIR (default $BENCH_DIR/build) keeps the Release build of checkpointd
# between runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

scale=${BENCH_SCALE:-50}
load_seconds=${BENCH_LOAD_SECONDS:-60}
rounds=${BENCH_ROUNDS:-3}
parallelism=${BENCH_PARALLELISM:-$(nproc)}
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
# The daemon of the daemon-prewarmed row.
pctl() { run "$build_dir/client/checkpointctl" --socket "$work/run/checkpointd-prewarmed.sock" "$@"; }
sql() { run "$PG_BIN/psql" -X -qtA -h "$work/run" -p "$1" -U postgres -d postgres -c "$2"; }
# psql on another socket directory: `sql_at HOST PORT QUERY`.
sql_at() { run "$PG_BIN/psql" -X -qtA -h "$1" -p "$2" -U postgres -d postgres -c "$3"; }
# The value at a dotted path (e.g. restore.port) of the JSON document on stdin: strings
# unquoted, objects as JSON, nothing when it is absent or the document does not parse.
json_value() {
  node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      let value;
      try { value = JSON.parse(text); } catch { return; }
      for (const key of process.argv[1].split(".")) value = value == null ? undefined : value[key];
      if (value != null) console.log(typeof value === "object" ? JSON.stringify(value) : String(value));
    });' "$1"
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

started_dirs=()
daemon_pid=
prewarmed_daemon_pid=
cleanup() {
  set +e
  # $daemon_pid is the background subshell running `run`; the daemon (or runuser, which
  # passes the signal on) is its child. The same for $prewarmed_daemon_pid.
  for pid in "$daemon_pid" "$prewarmed_daemon_pid"; do
    [ -n "$pid" ] && pkill -TERM -P "$pid" && wait "$pid" 2>/dev/null
  done
  # The daemons' copies (restored, or parked) a run cut short leaves running.
  for dir in "$work"/restores*/*/; do
    [ -f "$dir/PG_VERSION" ] && run "$PG_BIN/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1
  done
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
# Writes the pgBackRest configuration of repository $2 (compress-type $2: none | lz4), one
# repository and spool each. archive-get is asynchronous with a queue at least as large as
# the daemon's prefetch window; archive-push stays synchronous; retention never expires.
write_pgbackrest_conf() {
  run mkdir -p "$pgbackrest_dir/repo-$2" "$pgbackrest_dir/spool-$2"
  cat <<CONF | run tee "$1" >/dev/null
[global]
repo1-path=$pgbackrest_dir/repo-$2
repo1-retention-full=9999999
compress-type=$2
process-max=$parallelism
archive-async=n
spool-path=$pgbackrest_dir/spool-$2
lock-path=$pgbackrest_dir/lock
log-path=$pgbackrest_dir/log
log-level-console=warn
start-fast=y
[global:archive-get]
archive-async=y
archive-get-queue-max=1GiB
[bench]
pg1-path=$work/pgdata
pg1-port=$pg_port
pg1-socket-path=$work/run
pg1-user=postgres
CONF
}
pgbackrest_none_conf=$work/pgbackrest-none.conf
pgbackrest_lz4_conf=$work/pgbackrest-lz4.conf
write_pgbackrest_conf "$pgbackrest_none_conf" none
write_pgbackrest_conf "$pgbackrest_lz4_conf" lz4
backrest() { local conf=$1; shift; run pgbackrest --config="$conf" --stanza=bench "$@"; }
cat <<CONF | run tee -a "$work/pgdata/postgresql.conf" >/dev/null
port = $pg_port
listen_addresses = ''
unix_socket_directories = '$work/run'
wal_level = replica
max_wal_size = 4GB
archive_mode = on
archive_command = '(test -f $work/archive/%f && cmp -s %p $work/archive/%f || (cp %p $work/archive/%f.tmp && sync $work/archive/%f.tmp && mv $work/archive/%f.tmp $work/archive/%f)) && pgbackrest --config=$pgbackrest_none_conf --stanza=bench archive-push %p && pgbackrest --config=$pgbackrest_lz4_conf --stanza=bench archive-push %p'
CONF
run "$PG_BIN/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w start >/dev/null
for conf in "$pgbackrest_none_conf" "$pgbackrest_lz4_conf"; do backrest "$conf" stanza-create >/dev/null; done
# A WAL switch reaches both repositories through archive_command.
for conf in "$pgbackrest_none_conf" "$pgbackrest_lz4_conf"; do backrest "$conf" check >/dev/null; done
run "$PG_BIN/pgbench" -i -s "$scale" -q -h "$work/run" -p "$pg_port" -U postgres postgres 2>&1 | tail -1

# Writes a daemon's configuration into $1 (socket $2, state $3, backups $4, restores $5;
# any further arguments are extra lines of the cluster's local section).
write_daemon_conf() {
  local conf=$1 socket=$2 state=$3 backups=$4 restores=$5
  shift 5
  {
    cat <<YAML
listen:
  unix_socket: $socket
state_directory: $state
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
      backup_directory: $backups
      restore_directory: $restores
      backup_max_age: 24h
      restore_parallelism: $parallelism
YAML
    for line in "$@"; do echo "      $line"; done
  } | run tee "$conf" >/dev/null
}
write_daemon_conf "$work/checkpointd.yaml" "$work/run/checkpointd.sock" "$work/state" "$work/backups" "$work/restores"
run "$build_dir/daemon/checkpointd" --config "$work/checkpointd.yaml" 2>"$work/checkpointd.log" &
daemon_pid=$!
for _ in $(seq 1 100); do ctl list >/dev/null 2>&1 && break; sleep 0.1; done
# The daemon-prewarmed row's daemon: the same cluster with pre-warmed restores, everything
# of its own (so that the daemon row runs exactly as without it), started only when it
# accepts the option; otherwise $prewarmed_unavailable says why.
prewarmed_unavailable=
run mkdir -p "$work/state-prewarmed" "$work/backups-prewarmed" "$work/restores-prewarmed"
write_daemon_conf "$work/checkpointd-prewarmed.yaml" "$work/run/checkpointd-prewarmed.sock" "$work/state-prewarmed" \
  "$work/backups-prewarmed" "$work/restores-prewarmed" "prewarmed_restore: true"
if ! check=$(run "$build_dir/daemon/checkpointd" --config "$work/checkpointd-prewarmed.yaml" --check-config 2>&1); then
  # "<file>:<line>: <problem> (known keys: ...)" -> "<problem>"
  prewarmed_unavailable=$(echo "$check" | sed -n 's/^[^ :]*:[0-9]*: //p' | sed 's/ (known keys: .*//' | head -1)
  prewarmed_unavailable=${prewarmed_unavailable:-$(echo "$check" | tail -1)}
  prewarmed_unavailable="the daemon refuses its configuration: $prewarmed_unavailable"
else
  run "$build_dir/daemon/checkpointd" --config "$work/checkpointd-prewarmed.yaml" 2>"$work/checkpointd-prewarmed.log" &
  prewarmed_daemon_pid=$!
  for _ in $(seq 1 100); do pctl list >/dev/null 2>&1 && break; sleep 0.1; done
  pctl list >/dev/null 2>&1 || prewarmed_unavailable="its daemon did not start (see $work/checkpointd-prewarmed.log)"
fi
[ -z "$prewarmed_unavailable" ] || echo "daemon-prewarmed: unavailable ($prewarmed_unavailable)"

say "base backups: checkpointd (pg_basebackup), pgBackRest none and lz4 (full), one after the other"
base_id=$(ctl begin --cluster bench --migration-id base --window 1h --owner bench --approver bench-approver)
ctl commit "$base_id" >/dev/null
base_backup=$(ctl -o json status "$base_id" | tr -d '\n' | sed -n 's/.*"backup": *{[^}]*"name": *"\([^"]*\)".*/\1/p')
echo "checkpointd base backup: $base_backup ($(du -sm "$base_backup" | cut -f1) MB)"
# The parked copy's state of the daemon-prewarmed daemon's checkpoint $1 (empty: none).
parked_state() { pctl -o json status "$1" | json_value parked_copy.state; }
# Waits (at most $2 seconds) until the parked copy of checkpoint $1 is gone (removed, or
# failed: removed when it fails), used, or never was, so that no copy is built or runs
# while another contender is measured.
wait_parked_copy_gone() {
  local id=$1 deadline=$((SECONDS + $2)) state
  while state=$(parked_state "$id"); [ "$state" = building ] || [ "$state" = parked ]; do
    if [ "$SECONDS" -gt "$deadline" ]; then
      echo "daemon-prewarmed: the parked copy of checkpoint $id is still '$state' after ${2}s" >&2
      return 1
    fi
    sleep 1
  done
}
if [ -z "$prewarmed_unavailable" ]; then
  # Its own base backup, reused by its checkpoints as the daemon's are; this checkpoint is
  # aborted at once, so that its parked copy does not outlive it.
  if prewarmed_base_id=$(pctl begin --cluster bench --migration-id base --window 1h --owner bench --approver bench-approver) &&
    pctl abort "$prewarmed_base_id" --reason "base backup only" >/dev/null; then
    wait_parked_copy_gone "$prewarmed_base_id" 600 || true
    prewarmed_backup=$(pctl -o json status "$prewarmed_base_id" | json_value backup.name)
    echo "daemon-prewarmed base backup: $prewarmed_backup ($(du -sm "$prewarmed_backup" | cut -f1) MB)"
  else
    prewarmed_unavailable="its base backup failed (see $work/checkpointd-prewarmed.log)"
    echo "daemon-prewarmed: unavailable ($prewarmed_unavailable)"
  fi
fi
for conf in "$pgbackrest_none_conf" "$pgbackrest_lz4_conf"; do
  backrest "$conf" backup --type=full >/dev/null
  backrest "$conf" info --output=json | tr -d '\n ' |
    sed -n 's/.*"label":"\([^"]*\)".*"lsn":{"start":"\([^"]*\)","stop":"\([^"]*\)"}.*/pgBackRest backup: \1 (LSN \2 to \3)/p'
  echo
done

say "write load: pgbench for ${load_seconds}s"
run "$PG_BIN/pgbench" -T "$load_seconds" -c 4 -j 2 -h "$work/run" -p "$pg_port" -U postgres postgres 2>&1 | grep -E "^tps|transactions actually" || true

say "begin reusing the fresh base backup (5 times)"
# Where a begin's time goes: from the command's start to the checkpoint's first event
# (client, connection, request, validation), between consecutive events of its timeline
# (named by the later event's type; a state change by the state it reached), and from its
# last event to the command's return (the client seeing `ready`).
begin_times=()
breakdown=$work/begin-breakdown.txt
: | run tee "$breakdown" >/dev/null
epoch_of() { date -u -d "$1" +%s.%N; }
for _ in 1 2 3 4 5; do
  t0=$(now)
  id=$(ctl begin --cluster bench --migration-id reuse --window 1h --owner bench --approver bench-approver)
  t1=$(now)
  begin_times+=("$(elapsed "$t0" "$t1")")
  previous=$t0 previous_type=request
  while read -r _ at type message; do
    [[ $type == state && $message =~ -\>\ ([a-z_]+) ]] && type=state:${BASH_REMATCH[1]}
    at=$(epoch_of "$at")
    echo "$previous_type -> $type $(elapsed "$previous" "$at")" | run tee -a "$breakdown" >/dev/null
    previous=$at previous_type=$type
  done < <(ctl events "$id" | tail -n +2)
  echo "$previous_type -> returned $(elapsed "$previous" "$t1")" | run tee -a "$breakdown" >/dev/null
  ctl abort "$id" --reason "begin latency probe" >/dev/null
done
echo "begin (reuse): ${begin_times[*]} s"
echo "where it goes (median of 5, seconds):"
while read -r step; do
  printf '  %-48s %s\n' "$step" "$(grep -F "$step " "$breakdown" | awk '{ print $4 }' | tr '\n' ' ' | median)"
done < <(awk '{ print $1, $2, $3 }' "$breakdown" | awk '!seen[$0]++')

say "a restore drill: the cluster's own restore rates for the predictions"
ctl drill --cluster bench --by bench >/dev/null

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
for conf in "$pgbackrest_none_conf" "$pgbackrest_lz4_conf"; do
  backrest "$conf" info --output=json | tr -d '\n ' |
    sed -n 's/.*"archive":\[{[^]]*"max":"\([^"]*\)","min":"\([^"]*\)".*/pgBackRest archive: \2 to \1/p'
  echo
done

# Where recovery is: 'paused' (at the target, recovery_target_action = 'pause'), another
# pg_get_wal_replay_pause_state() while replaying, or 'promoted' once out of recovery.
recovery_state_query="SELECT CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state() ELSE 'promoted' END"
# Fails with the server's log when PostgreSQL in $1 has exited or deadline $2 has passed.
still_recovering() {
  if [ "$SECONDS" -gt "$2" ] || ! run "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; then
    echo "restore in $1 failed:" >&2
    tail -5 "$1.log" >&2
    return 1
  fi
}
# Starts a restored data directory on a port and, as the daemon does, runs `pg_ctl promote
# -W` as soon as the server answers in recovery: outside standby mode PostgreSQL acts on it
# only where recovery pauses at the target (recovery_target_action = 'pause'), at once and
# without an end-of-recovery checkpoint; then waits until it is out of recovery (the
# timeline check that follows proves where it stopped). Fails with the server's log when
# PostgreSQL exits, or after 30 minutes.
start_pause_and_promote() {
  local dir=$1 port=$2 deadline=$((SECONDS + 1800)) state
  started_dirs+=("$dir")
  run "$PG_BIN/pg_ctl" -D "$dir" -l "$dir.log" -W start >/dev/null
  until state=$(sql "$port" "$recovery_state_query" 2>/dev/null) && [ -n "$state" ]; do
    still_recovering "$dir" "$deadline" || return 1
    sleep 0.02
  done
  if [ "$state" = promoted ]; then
    echo "restore in $dir promoted before it was asked to (recovery_target_action is not pause)" >&2
    return 1
  fi
  run "$PG_BIN/pg_ctl" -D "$dir" -W promote >/dev/null
  until [ "$(sql "$port" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = "f" ]; do
    still_recovering "$dir" "$deadline" || return 1
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
# pgBackRest restore into $1 on port $2 to LSN $3 with configuration $4 (pausing at the
# target), then start, pause, promotion and the timeline check.
pgbackrest_restore() {
  local dir=$1 port=$2 lsn=$3 conf=$4
  run pgbackrest --config="$conf" --stanza=bench --pg1-path="$dir" restore --type=lsn --target="$lsn" \
    --target-exclusive --target-action=pause --target-timeline="$timeline" >/dev/null &&
    recovery_overrides "$dir" "$port" | run tee -a "$dir/postgresql.auto.conf" >/dev/null &&
    start_pause_and_promote "$dir" "$port" &&
    verify_switch_before "$dir" "$lsn"
}
# floor-copy: checkpointd's base backup copied into $1 by $parallelism cp processes
# (directories first, then the files split evenly between them), then synced.
floor_copy() {
  run sh -c 'cd "$1" && find . -type d -exec mkdir -p "$2/{}" \; &&
    files=$(find . -type f | wc -l) &&
    find . -type f -print0 | xargs -0 -r -P "$3" -n $((files / $3 + 1)) cp --parents -t "$2" &&
    sync -f "$2"' sh "$base_backup" "$1" "$parallelism"
}
# floor-replay, untimed part: the base copied into $1 (and synced), the WAL from the base
# backup's start on staged next to it ($1.wal, its page cache warm as the daemon's prefetched spool is),
# and recovery to LSN $3 on port $2 configured to take each segment from there with a
# rename (restore_command = mv: no fetching left, only PostgreSQL's replay) and to pause
# at the target.
prepare_floor_replay() {
  local dir=$1 port=$2 lsn=$3
  run cp -a "$base_backup" "$dir" &&
    run rm -f "$dir/checkpointd-backup.json" &&
    run mkdir -p "$dir.wal" &&
    run sh -c 'cd "$1" && ls | awk -v first="$2" "\$0 >= first || /\\.history\$/" | xargs -r cp -t "$3"' sh \
      "$work/archive" "$first_segment" "$dir.wal" &&
    {
      recovery_overrides "$dir" "$port"
      echo "restore_command = 'mv -f $dir.wal/%f %p'"
      echo "recovery_target_lsn = '$lsn'"
      echo "recovery_target_inclusive = off"
      echo "recovery_target_timeline = '$timeline'"
      echo "recovery_target_action = 'pause'"
    } | run tee -a "$dir/postgresql.auto.conf" >/dev/null &&
    run touch "$dir/recovery.signal" &&
    run sync -f "$dir"  # the copy's dirty pages are floor-copy's cost, not the replay's
}
# floor-replay, timed part: start -> paused -> promoted + the timeline check.
floor_replay() { start_pause_and_promote "$1" "$2" && verify_switch_before "$1" "$3"; }
# Times one run (`measure LABEL TIMES_ARRAY DIR FUNCTION ARGS...`): prints and records its
# seconds, or reports the failure and records nothing. The copy is stopped and, when it
# succeeded, removed (its server log stays next to it) — as the daemon's copy is.
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
    run rm -rf "$dir" "$dir.wal"
  else
    printf '%-17s failed (see %s.log); no figure this round\n' "$label" "$dir"
    stop_instance "$dir"
    return 1
  fi
}

# The first WAL segment floor-replay stages: the one holding the base backup's start.
base_begin_lsn=$(ctl -o json status "$base_id" | tr -d '\n ' | sed -n 's/.*"begin_lsn":"\([^"]*\)".*/\1/p')
first_segment=$(sql "$pg_port" "SELECT pg_walfile_name('$base_begin_lsn')")
run mkdir -p "$work/other"

# What a crash must not lose: pgbench_accounts' rows and balances (the load changed them).
rows_query="SELECT count(*) || ' rows, balance sum ' || sum(abalance) FROM pgbench_accounts"
durability_failed() { echo "durability: FAILED: $*"; }
# A verified daemon restore's durability (untimed): its copy in $1 (port $2, restored
# timeline $3, socket directory its parent, as the daemon sets it) is crashed (stop -m
# immediate); pg_controldata must say "in production", its latest checkpoint on the
# restored timeline or, when the checkpoint after the promotion had not finished, on the
# one it was restored from; it must start again, come out of crash recovery out of
# recovery, writing on the restored timeline, with the rows and balances it had before the
# crash. Prints one line either way; fails when any of it did not hold.
check_durability() {
  local dir=$1 port=$2 restored_timeline=$3 host before after control state checkpoint_timeline in_recovery wal_timeline
  host=$(dirname "$dir")
  [ -n "$restored_timeline" ] || { durability_failed "no restored timeline recorded for $dir"; return 1; }
  before=$(sql_at "$host" "$port" "$rows_query" 2>&1) || { durability_failed "reading $dir before the crash: $before"; return 1; }
  run "$PG_BIN/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1 || { durability_failed "crashing $dir (pg_ctl stop -m immediate)"; return 1; }
  control=$(run "$PG_BIN/pg_controldata" "$dir" 2>&1) || { durability_failed "pg_controldata $dir: $control"; return 1; }
  state=$(echo "$control" | sed -n 's/^Database cluster state: *//p')
  checkpoint_timeline=$(echo "$control" | sed -n "s/^Latest checkpoint's TimeLineID: *//p")
  [ "$state" = "in production" ] || { durability_failed "pg_controldata: Database cluster state: $state"; return 1; }
  if [ "$checkpoint_timeline" != "$restored_timeline" ] && [ "$checkpoint_timeline" != "$timeline" ]; then
    durability_failed "latest checkpoint on timeline '$checkpoint_timeline', neither the restored $restored_timeline nor $timeline"
    return 1
  fi
  started_dirs+=("$dir")
  run "$PG_BIN/pg_ctl" -D "$dir" -l "$dir.log" -w -t 1800 start >/dev/null 2>&1 ||
    { durability_failed "$dir did not start again after the crash (see $dir.log)"; return 1; }
  in_recovery=$(sql_at "$host" "$port" 'SELECT pg_is_in_recovery()' 2>&1)
  [ "$in_recovery" = f ] || { durability_failed "$dir after crash recovery: pg_is_in_recovery() = '$in_recovery'"; return 1; }
  wal_timeline=$(sql_at "$host" "$port" 'SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)' 2>&1)
  if [ "$wal_timeline" != "$(printf '%08X' "$restored_timeline")" ]; then
    durability_failed "$dir after crash recovery writes on timeline '$wal_timeline', not $(printf '%08X' "$restored_timeline")"
    return 1
  fi
  after=$(sql_at "$host" "$port" "$rows_query" 2>&1)
  [ "$after" = "$before" ] || { durability_failed "$dir: pgbench_accounts $before before the crash, $after after"; return 1; }
  echo "durability: crashed after verified, pg_controldata '$state' (latest checkpoint on timeline" \
    "$checkpoint_timeline), crash recovery ok (out of recovery, writing on timeline $wal_timeline), rows equal ($after)"
}
restore_daemon() {
  local id=$1 status seconds restored predicted error=
  ctl restore "$id" --wait >/dev/null || { printf '%-17s failed; no figure this round\n' daemon; return 0; }
  status=$(ctl -o json status "$id")
  seconds=$(echo "$status" | json_value restore.duration_seconds)
  seconds=$(awk -v s="$seconds" 'BEGIN { printf "%.3f", s }')
  restored=$(echo "$status" | json_value restore.target)
  # The prediction recorded when the checkpoint became ready, against the measured restore.
  predicted=$(echo "$status" | json_value predicted_restore.seconds)
  if [ -n "$predicted" ]; then
    error=$(awk -v p="$predicted" -v s="$seconds" 'BEGIN { printf "%.1f", (p - s) / s * 100 }')
    printf '%-17s %ss (predicted %ss, error %s%%)\n' daemon "$seconds" \
      "$(awk -v p="$predicted" 'BEGIN { printf "%.3f", p }')" "$error"
  else
    printf '%-17s %ss (no prediction recorded)\n' daemon "$seconds"
  fi
  if check_durability "$restored" "$(echo "$status" | json_value restore.port)" \
    "$(echo "$status" | json_value restore.restored_timeline)"; then
    daemon_times+=("$seconds")
    [ -z "$error" ] || prediction_errors+=("$error")
    durability_held=$((durability_held + 1))
  else
    printf '%-17s its copy did not survive a crash; no figure this round\n' daemon
    durability_lost=$((durability_lost + 1))
  fi
  stop_instance "$restored"
  run rm -rf "$restored"
}
# daemon-prewarmed in round $1: a checkpoint of the daemon-prewarmed daemon, its parked
# copy awaited (untimed, at most $park_timeout seconds) while the checkpoint is ready and
# then committed as the daemon's targets are, the restore timed as the daemon's (its
# recorded duration) and required to have taken the pre-warmed path, the durability check,
# and the copy stopped and removed as the daemon's is. A copy that does not park is
# reported with the daemon's message, and its checkpoint aborted so that it is removed.
restore_prewarmed() {
  local round=$1 id status state t0 deadline parked_after seconds path restored disk_bytes
  if [ -n "$prewarmed_unavailable" ]; then
    printf '%-17s unavailable (%s)\n' daemon-prewarmed "$prewarmed_unavailable"
    return 0
  fi
  id=$(pctl begin --cluster bench --migration-id "prewarmed-$round" --window 1h --owner bench --approver bench-approver) ||
    { printf '%-17s failed: begin was refused; no figure this round\n' daemon-prewarmed; return 0; }
  t0=$(now) deadline=$((SECONDS + park_timeout))
  while state=$(parked_state "$id"); [ "$state" != parked ]; do
    if [ "$state" = failed ] || [ "$state" = removed ] || [ "$SECONDS" -gt "$deadline" ]; then
      printf '%-17s failed: its copy is %s after %ss (%s); no figure this round\n' daemon-prewarmed \
        "'${state:-not recorded}'" "$(elapsed "$t0" "$(now)")" \
        "$(pctl -o json status "$id" | json_value parked_copy.message | grep . || echo "no message")"
      pctl abort "$id" --reason "no parked copy" >/dev/null || true
      wait_parked_copy_gone "$id" 600 || true
      return 0
    fi
    sleep 1
  done
  parked_after=$(elapsed "$t0" "$(now)")
  if ! pctl commit "$id" >/dev/null; then
    printf '%-17s failed: commit was refused; no figure this round\n' daemon-prewarmed
    pctl abort "$id" --reason "commit refused" >/dev/null || true
    wait_parked_copy_gone "$id" 600 || true
    return 0
  fi
  if ! pctl restore "$id" --wait >/dev/null; then
    printf '%-17s failed (see %s); no figure this round\n' daemon-prewarmed "$work/checkpointd-prewarmed.log"
    stop_instance "$(pctl -o json status "$id" | json_value restore.target)"
    return 0
  fi
  status=$(pctl -o json status "$id")
  seconds=$(awk -v s="$(echo "$status" | json_value restore.duration_seconds)" 'BEGIN { printf "%.3f", s }')
  path=$(echo "$status" | json_value restore.path)
  restored=$(echo "$status" | json_value restore.target)
  disk_bytes=$(echo "$status" | json_value parked_copy.disk_bytes)
  if [ "$path" != pre-warmed ]; then
    printf '%-17s failed: the restore took the "%s" path, not "pre-warmed" (its copy: %s); no figure this round\n' \
      daemon-prewarmed "${path:-unrecorded}" "$(echo "$status" | json_value parked_copy)"
    stop_instance "$restored"
    run rm -rf "$restored"
    wait_parked_copy_gone "$id" 600 || true
    return 0
  fi
  printf '%-17s %ss (its copy parked %ss after ready, %s MB)\n' daemon-prewarmed "$seconds" "$parked_after" \
    "$((${disk_bytes:-0} / 1024 / 1024))"
  if check_durability "$restored" "$(echo "$status" | json_value restore.port)" \
    "$(echo "$status" | json_value restore.restored_timeline)"; then
    prewarmed_times+=("$seconds")
    durability_held=$((durability_held + 1))
  else
    printf '%-17s its copy did not survive a crash; no figure this round\n' daemon-prewarmed
    durability_lost=$((durability_lost + 1))
  fi
  stop_instance "$restored"
  run rm -rf "$restored"
}
restore_floor() {
  local round=$1 lsn=$2
  local copy_dir=$work/other/floor-copy-$round replay_dir=$work/other/floor-replay-$round
  local port=$((pg_port + 30 + round)) before_copy=${#floor_copy_times[@]}
  measure floor-copy floor_copy_times "$copy_dir" floor_copy "$copy_dir" || return 0
  prepare_floor_replay "$replay_dir" "$port" "$lsn" || { echo "floor-replay: preparing $replay_dir failed" >&2; return 0; }
  measure floor-replay floor_replay_times "$replay_dir" floor_replay "$replay_dir" "$port" "$lsn" || return 0
  floor_times+=("$(awk -v c="${floor_copy_times[$before_copy]}" -v r="${floor_replay_times[-1]}" 'BEGIN { printf "%.3f", c + r }')")
  printf '%-17s %ss\n' floor "${floor_times[-1]}"
}
run_contender() {
  local contender=$1 round=$2 id=$3 lsn=$4 dir=$work/other/$1-$2
  case "$contender" in
    daemon) restore_daemon "$id" ;;
    daemon-prewarmed) restore_prewarmed "$round" ;;
    pgbackrest-none) measure "$contender" pgbackrest_none_times "$dir" \
      pgbackrest_restore "$dir" $((pg_port + 10 + round)) "$lsn" "$pgbackrest_none_conf" || true ;;
    pgbackrest-lz4) measure "$contender" pgbackrest_lz4_times "$dir" \
      pgbackrest_restore "$dir" $((pg_port + 20 + round)) "$lsn" "$pgbackrest_lz4_conf" || true ;;
    floor) restore_floor "$round" "$lsn" ;;
  esac
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
contenders=(daemon daemon-prewarmed pgbackrest-none pgbackrest-lz4 floor)
daemon_times=() prediction_errors=() prewarmed_times=() durability_held=0 durability_lost=0
# How long a parked copy may take to build: recovering the base backup and its WAL, about
# what a cold restore takes (10 minutes at scale 200, 5 at least).
park_timeout=$((scale * 3 > 300 ? scale * 3 : 300))
# shellcheck disable=SC2034  # the arrays are filled through measure()'s nameref
pgbackrest_none_times=() pgbackrest_lz4_times=() floor_copy_times=() floor_replay_times=() floor_times=()
for round in $(seq 1 "$rounds"); do
  id=${targets[$((round - 1))]}
  lsn=$(target_lsn "$id")
  order=()
  for i in "${!contenders[@]}"; do order+=("${contenders[$(((i + round - 1) % ${#contenders[@]}))]}"); done
  say "round $round: target $lsn, order: ${order[*]} (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for contender in "${order[@]}"; do run_contender "$contender" "$round" "$id" "$lsn"; done
done
load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)

median_of() { local -n values=$1; if [ "${#values[@]}" -gt 0 ]; then echo "${values[*]}" | median; else echo 0; fi; }
daemon_median=$(median_of daemon_times)
prewarmed_median=$(median_of prewarmed_times)
none_median=$(median_of pgbackrest_none_times)
lz4_median=$(median_of pgbackrest_lz4_times)
floor_copy_median=$(median_of floor_copy_times)
floor_replay_median=$(median_of floor_replay_times)
floor_median=$(median_of floor_times)
begin_median=$(median_of begin_times)
prediction_error_median=$(median_of prediction_errors)
say "results (scale $scale, ${load_seconds}s load, $((wal_bytes / 1024 / 1024)) MB WAL, $rounds rounds, medians)"
echo "machine: $(nproc) cores; load average (1, 5, 15 min) $load_at_start at the first restore, $load_at_end after the last"
echo "parallelism: daemon restore_parallelism = pgBackRest process-max = floor-copy processes = $parallelism"
printf '%-60s %8s\n' "daemon: trigger -> promoted + verified" "${daemon_median}s"
if [ -n "$prewarmed_unavailable" ]; then
  echo "daemon-prewarmed: unavailable ($prewarmed_unavailable)"
else
  printf '%-60s %8s\n' "daemon-prewarmed: trigger -> parked copy promoted + verified" "${prewarmed_median}s"
fi
printf '%-60s %8s\n' "pgBackRest none, async get (queue 1 GiB): restore -> promoted" "${none_median}s"
printf '%-60s %8s\n' "pgBackRest lz4, async get (queue 1 GiB): restore -> promoted" "${lz4_median}s"
printf '%-60s %8s\n' "floor-copy: parallel copy + sync of the base" "${floor_copy_median}s"
printf '%-60s %8s\n' "floor-replay: recovery of staged local WAL -> promoted" "${floor_replay_median}s"
printf '%-60s %8s\n' "floor: floor-copy + floor-replay (per round)" "${floor_median}s"
printf '%-60s %8s\n' "begin reusing a fresh backup" "${begin_median}s"
printf '%-60s %8s\n' "daemon prediction error ((predicted - measured) / measured)" "${prediction_error_median}%"
echo "(every contender pauses at the target and promotes with pg_ctl promote -W; each baseline also"
echo " includes the same timeline check as the daemon's verification)"
echo "durability (daemon copies crashed after verified): $durability_held came back whole, $durability_lost did not"
awk -v d="$daemon_median" -v p="$prewarmed_median" -v n="$none_median" -v l="$lz4_median" -v f="$floor_median" \
  -v b="$begin_median" -v unavailable="$prewarmed_unavailable" 'BEGIN {
  best = 0
  if (n > 0) best = n
  if (l > 0 && (best == 0 || l < best)) best = l
  if (best > 0) printf "ratio daemon/best pgBackRest        = %.2f (target <= 0.90)\n", d / best
  else print "ratio daemon/best pgBackRest: no figure (its restores failed)"
  if (f > 0) printf "ratio daemon/floor                  = %.2f (target <= 1.10)\n", d / f
  else print "ratio daemon/floor: no figure (its runs failed)"
  if (unavailable != "") print "ratio daemon-prewarmed/daemon: no figure (daemon-prewarmed unavailable)"
  else if (p > 0 && d > 0) printf "ratio daemon-prewarmed/daemon       = %.2f\n", p / d
  else print "ratio daemon-prewarmed/daemon: no figure (its restores failed)"
  printf "begin (reuse) median                = %.3fs (target < 1s)\n", b
}'
