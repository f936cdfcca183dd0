#!/bin/sh
# What a user would write without letta-fleet, run by the benchmark as
#   watch -n 2 -d bench/watch-fleet.sh
# Pages through GET /v1/environments with curl, reads each page with jq, and
# prints a listener per line (name, online or offline, mode, branch), sorted by
# name: watch shows the first screenful and highlights what changed.
after=''
while :; do
	page=$(curl -sf -H "Authorization: Bearer $LETTA_API_KEY" "$LETTA_BASE_URL/v1/environments?limit=${PAGE_SIZE:-100}${after:+&after=$after}") || exit 1
	printf '%s\n' "$page" | jq -r '.connections[] | [.connectionName, (if .connectionId then "online" else "offline" end), .currentMode, .metadata.gitBranch] | @tsv'
	[ "$(printf '%s\n' "$page" | jq -r '.hasNextPage and (.connections | length > 0)')" = true ] || break
	after=$(printf '%s\n' "$page" | jq -r '.connections[-1].id')
done | sort
