#!/bin/bash
# Peak RSS of `letta-fleet --once --json` against the demo server's hostile faults (the server in its own
# process, so only the client is measured). Extra arguments go to --once, e.g. --max-body-mib 256.
# Run `npm run build` first. Figures: docs/benchmarks.md, "Bounded bodies".
cd "$(dirname "$0")/.."
node=$(npx node -e 'console.log(process.execPath)')
for fault in bomb:gzip bomb:br endless none; do
  args=(); [ "$fault" != none ] && args=(--fault "$fault")
  "$node" bin/letta-fleet.js serve-demo --port 0 --demo-size 1000 --demo-churn 0 "${args[@]}" > "${TMPDIR:-/tmp}/letta-fleet-bench-sd.out" 2>&1 &
  pid=$!
  for i in $(seq 50); do grep -q LETTA_BASE_URL "${TMPDIR:-/tmp}/letta-fleet-bench-sd.out" && break; sleep 0.2; done
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "${TMPDIR:-/tmp}/letta-fleet-bench-sd.out")
  for run in 1 2 3; do
    LETTA_BASE_URL=$url LETTA_API_KEY=demo /usr/bin/time -f "$fault run $run: peak RSS %M KB, %e s wall, exit %x" "$node" bin/letta-fleet.js --once --json "$@" > /dev/null 2>"${TMPDIR:-/tmp}/letta-fleet-bench-err.txt"
    tail -1 "${TMPDIR:-/tmp}/letta-fleet-bench-err.txt"; [ "$fault" != none ] && head -1 "${TMPDIR:-/tmp}/letta-fleet-bench-err.txt" | cut -c1-160
  done
  kill $pid; wait $pid 2>/dev/null
done
