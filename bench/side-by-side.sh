#!/bin/bash
# Idle CPU of two builds of the live view and the floor script, side by side on one demo server.
#
#   bench/side-by-side.sh SIZE SECONDS WARMUP DIST_A DIST_B [live-view flags]
#
# Each program runs under `script` in its own 120x40 pseudo-terminal, the views with history on in their own state
# folders; after WARMUP s, CPU ticks (1/100 s) are counted from /proc/PID/stat over SECONDS. DIST_A and DIST_B are
# folders holding a build's cli.js (copy `dist` before a change to compare with it). A_ARGS and B_ARGS are Node flags
# for either view, CHURN the demo's changes a minute (0). Processes are picked by PID, never by name, and stopped.
set -u
cd "$(dirname "$0")/.." || exit 1
export PATH=$PWD/node_modules/node/bin:$PATH
SIZE=$1 SECS=$2 WARM=$3 A=$4 B=$5
shift 5
OUT=$(mktemp -d /tmp/letta-fleet-side-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
node bin/letta-fleet.js serve-demo --demo-size "$SIZE" --demo-churn "${CHURN:-0}" --demo-seed 7 >"$OUT/demo.out" &
DEMO=$!
for _ in $(seq 50); do grep -q LETTA_BASE_URL "$OUT/demo.out" && break; sleep 0.1; done
URL=$(grep -o 'LETTA_BASE_URL=[^ ]*' "$OUT/demo.out" | cut -d= -f2)
export LETTA_BASE_URL=$URL LETTA_API_KEY=demo CI= TERM=xterm-256color LANG=C.UTF-8
LIFE=$((SECS + WARM + 60))
run() { # FOLDER COMMAND: one program in a 120x40 pseudo-terminal
	XDG_STATE_HOME=$OUT/$1 script -qfec "stty cols 120 rows 40; exec $2" /dev/null >/dev/null < <(sleep $LIFE) &
}
run a "node ${A_ARGS:-} $A/cli.js $*"
SA=$!
run b "node ${B_ARGS:-} $B/cli.js $*"
SB=$!
run f "node bench/floor-monitor.mjs $URL"
SF=$!
sleep 2
child() { for c in $(pgrep -P "$1"); do grep -qa "$2" "/proc/$c/cmdline" && echo "$c" && return; done; }
P1=$(child $SA cli.js) P2=$(child $SB cli.js) P3=$(child $SF floor-monitor)
sleep "$WARM"
ticks() { cut -d')' -f2 "/proc/$1/stat" | awk '{print $12+$13}'; }
rss() { awk '/VmRSS/ {print int($2/1024) " MB"}' "/proc/$1/status"; }
a=$(ticks "$P1") b=$(ticks "$P2") f=$(ticks "$P3")
sleep "$SECS"
a=$(($(ticks "$P1") - a)) b=$(($(ticks "$P2") - b)) f=$(($(ticks "$P3") - f))
echo "$SIZE listeners, $SECS s after $WARM s: A $a ticks ($(rss "$P1")), B $b ticks ($(rss "$P2")), floor $f ticks ($(rss "$P3")); A/floor $(echo "scale=2; $a/$f" | bc), B/floor $(echo "scale=2; $b/$f" | bc)"
kill -INT "$P1" "$P2" "$P3" 2>/dev/null
sleep 2
{
	kill -9 "$P1" "$P2" "$P3" $SA $SB $SF
	kill $DEMO
	pkill -P $$ sleep
	wait
} 2>/dev/null
