#!/usr/bin/env bash
# ./run demo: an unknown profile stops the demo with the simulator's message and leaves no kiosk running; Ctrl-C
# stops the kiosk before the virtual port, so the log does not end on a "port down" incident.
set -euo pipefail
root=$1 build=$2
tmp=${LW_TEST_TMP:?}
export LW_BUILD_DIR=$build LW_DEMO_SKIP_BUILD=1 XDG_DATA_HOME=$tmp/data
unset DISPLAY WAYLAND_DISPLAY
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
kiosks_on() { pgrep -f -- "--db $1" || true; }

# 1. --profile nosuch
db=$tmp/nosuch.db
rm -f "$db"
rc=0
LW_DEMO_DB=$db "$root/run" demo --profile nosuch --headless >"$tmp/nosuch.out" 2>"$tmp/nosuch.err" || rc=$?
cat "$tmp/nosuch.err"
[ $rc -ne 0 ] || fail "--profile nosuch: the demo exited 0"
grep -q "profile 'nosuch'" "$tmp/nosuch.err" || fail "--profile nosuch: the simulator's message is not shown"
grep -q "did not start" "$tmp/nosuch.err" || fail "--profile nosuch: the demo does not say it stopped"
[ -z "$(kiosks_on "$db")" ] || fail "--profile nosuch: a kiosk is left running"

# 2. Ctrl-C (SIGINT to ./run, as the terminal sends it; env restores the default disposition a background job
#    would otherwise start with ignored).
db=$tmp/ctrlc.db
rm -f "$db"*
LW_DEMO_DB=$db env --default-signal=INT "$root/run" demo --profile small --seed 3 --speed 120 --start 09:00 --headless \
  >"$tmp/ctrlc.out" 2>"$tmp/ctrlc.err" &
demo=$!
events=0
for _ in $(seq 150); do
  sleep 0.2
  events=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM events" 2>/dev/null || echo 0)
  [ "${events:-0}" -ge 30 ] && break
done
[ "${events:-0}" -ge 30 ] || fail "Ctrl-C: the demo logged only ${events:-0} events in 30 s"
kill -INT $demo
for _ in $(seq 100); do kill -0 $demo 2>/dev/null || break; sleep 0.2; done
if kill -0 $demo 2>/dev/null; then fail "Ctrl-C: the demo still runs 20 s later"; kill -TERM $demo; fi
wait $demo || true
cat "$tmp/ctrlc.err" | tail -5
[ -z "$(kiosks_on "$db")" ] || fail "Ctrl-C: a kiosk is left running"
grep -q "lobbywatch: stopping" "$tmp/ctrlc.err" || fail "Ctrl-C: the kiosk did not stop through its own path"
down=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM incidents WHERE kind = 'link_down'")
[ "$down" -eq 0 ] || fail "Ctrl-C: the log has $down link_down incidents (the port went before the kiosk)"
echo "Ctrl-C after $events events: no link_down incident"

[ $failures -eq 0 ] || exit 1
echo "demo: all checks passed"
