#!/usr/bin/env bash
# bench/run.sh console: how long the console's pages wait for weftd. With the Travel demo running
# (started here unless --server is given), every page's API calls are made as the console makes
# them (the calls of one page in parallel, a second phase after the first where the page has one)
# N times; a page's time is its slowest call per phase, summed over phases. p50/p99 per page and
# per API call against the 300 ms target; a dated table is appended to bench/RESULTS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
artifacts="${WEFT_ARTIFACTS:-$repo/artifacts}"
weft_dll="$artifacts/bin/Weft.Cli/release/weft.dll"
target_ms=300

say() { printf 'console.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

usage() {
  cat <<'EOF'
usage: bench/run.sh console [options]

Times the weftd API calls behind each console page (overview, graph, workloads, services,
istio config, a workload's details) against the 300 ms target.

options (defaults in brackets):
  --requests N [50]     times each page is loaded
  --server URL          a running weftd (with --token); without it `weft demo` is started here
  --token TOKEN         weftd's API token (with --server)
  --no-mesh             with the demo started here: skip `weft demo mesh` (no sidecars, no metrics;
                        quick, for smoke tests)
  --settle S [30]       with the demo in the mesh: seconds of traffic before measuring
  --no-build            use the Release build already in $WEFT_ARTIFACTS (or artifacts/)
  --no-record           print only; do not touch bench/RESULTS.md
  --results FILE        the file to append to [bench/RESULTS.md]
  --out DIR             raw output [bench/out/console-DATE]
EOF
}

requests=50 server="" token="" mesh=1 settle=30 no_build="" no_record="" results="$here/RESULTS.md" out=""
while (($#)); do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    --server) server="$2"; shift 2 ;;
    --token) token="$2"; shift 2 ;;
    --no-mesh) mesh=0; shift ;;
    --settle) settle="$2"; shift 2 ;;
    --no-build) no_build=1; shift ;;
    --no-record) no_record=1; shift ;;
    --results) results="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h | --help | help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
[[ "$requests" =~ ^[1-9][0-9]*$ ]] || die "--requests expects a whole number above 0, not '$requests'"
[[ -n "$server" && -z "$token" ]] && die "--server needs --token (weftd's API token, the file token of its data directory)"
out="${out:-$here/out/console-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
command -v curl >/dev/null || die "curl is missing (apt-get install -y curl)"

demo_pid="" home=""
cleanup() {
  if [[ -n "$demo_pid" ]]; then
    # Ctrl-C, as a user stops the demo: it stops its workloads, sidecars and weftd. What is left
    # after 90 s goes with its process group.
    kill -INT "$demo_pid" 2>/dev/null || true
    for _ in $(seq 900); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$demo_pid" 2>/dev/null || true
  fi
  [[ -n "$home" ]] && rm -rf "$home"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "$server" ]]; then
  if [[ -z "$no_build" ]]; then
    say "building (Release): src/Weft.Cli, src/Weft.ControlPlane, src/Weft.Proxy, samples/Weft.Samples"
    for p in src/Weft.Cli src/Weft.ControlPlane src/Weft.Proxy samples/Weft.Samples; do
      dotnet build "$repo/$p" -c Release -nologo -v quiet -clp:ErrorsOnly >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; die "the build of $p failed"; }
    done
  fi
  [[ -f "$weft_dll" ]] || die "weft is not built at $weft_dll (drop --no-build, or set WEFT_ARTIFACTS)"
  home="$(mktemp -d /tmp/weft-bench-console.XXXXXX)"
  say "starting weft demo (HOME=$home)"
  # Job control on for this one: a background job of a script ignores SIGINT otherwise, and the
  # demo would never hear the Ctrl-C that stops it; it also gets a process group of its own.
  set -m
  HOME="$home" WEFT_SERVER="" WEFT_TOKEN="" dotnet "$weft_dll" demo --listen 127.0.0.1:0 >"$out/demo.log" 2>&1 &
  demo_pid=$!
  set +m
  # The banner's last line: by then its control plane line (after "Serving quotes") is in the log too.
  for _ in $(seq 2400); do grep -q "Ctrl-C stops everything" "$out/demo.log" && break; kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.1; done
  grep -q "Ctrl-C stops everything" "$out/demo.log" || { tail -30 "$out/demo.log" >&2; die "weft demo did not serve quotes within 240 s"; }
  server="$(grep -oE 'Control plane \(REST API\) +http://[^ ]+' "$out/demo.log" | grep -oE 'http://[^ ]+' | head -1)"
  token="$(cat "$home/.weft/demo/data/token")"
  if ((mesh)); then
    say "weft demo mesh (every workload restarts with a sidecar)"
    HOME="$home" WEFT_SERVER="" WEFT_TOKEN="" dotnet "$weft_dll" demo mesh --timeout 280 >"$out/mesh.log" 2>&1 || { cat "$out/mesh.log" >&2; die "weft demo mesh failed"; }
    say "letting traffic flow for ${settle} s (the graph and metrics need scrapes)"
    sleep "$settle"
  fi
fi
server="${server%/}"
say "weftd at $server"

auth=(-H "Authorization: Bearer $token")
# get PATH...: the paths, in parallel; prints "path<TAB>code<TAB>ms" per call
get() {
  local args=() p
  for p in "$@"; do args+=(-o /dev/null -w "%{url}\t%{http_code}\t%{time_total}\n" "$server$p"); done
  curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 16 -m 30 "${auth[@]}" "${args[@]}" \
    | awk -F'\t' -v s="$server" '{ sub("^" s, "", $1); printf "%s\t%s\t%.1f\n", $1, $2, $3 * 1000 }'
}

# What each page loads (console/src): the mesh (namespaces, WorkloadEntries, Services,
# ServiceEntries, proxies) is behind most of them.
mesh_calls=(/api/v1/namespaces /apis/networking.istio.io/v1/workloadentries /api/v1/services /apis/networking.istio.io/v1/serviceentries /apis/weft.io/v1/proxies)
namespaces="travel-agency,travel-control,travel-portal"
declare -A phase1 phase2
phase1[overview]="${mesh_calls[*]} /apis/weft.io/v1/metrics/graph?duration=60s /apis/security.istio.io/v1/peerauthentications"
phase1[graph]="/api/v1/namespaces /apis/weft.io/v1/metrics/graph?duration=60s&namespaces=$namespaces"
phase1[workloads]="${mesh_calls[*]}"
phase1[services]="${mesh_calls[*]}"
phase1[istio-config]="/apis/weft.io/v1/kinds /apis/weft.io/v1/analysis"
phase1[workload-details]="${mesh_calls[*]} /apis/weft.io/v1/metrics/namespaces/travel-agency/workloads/cars-vm?direction=inbound&duration=300s&step=15s /api/traces?service=cars-vm.travel-agency&limit=20&lookback=1h"
# The sidecar's config and access log only when cars-vm has one, as the page shows them.
if curl -s -m 30 "${auth[@]}" "$server/apis/weft.io/v1/proxies" | grep -qE '"name": ?"cars-vm"'; then
  phase1[workload-details]+=" /apis/weft.io/v1/console/namespaces/travel-agency/proxyconfig/cars-vm /apis/weft.io/v1/console/namespaces/travel-agency/accesslog/cars-vm?lines=200"
fi
phase1[service-details]="${mesh_calls[*]} /apis/networking.istio.io/v1/virtualservices /apis/networking.istio.io/v1/destinationrules /apis/weft.io/v1/metrics/namespaces/travel-agency/services/cars-vm?direction=inbound&duration=300s&step=15s /api/traces?service=cars-vm.travel-agency&limit=20&lookback=1h"
# The Istio Config page lists every kind of Istio's and the Gateway API's groups once it knows them.
kinds="$(curl -s -m 30 "${auth[@]}" "$server/apis/weft.io/v1/kinds")" || die "cannot read $server/apis/weft.io/v1/kinds"
lists=""
while IFS= read -r item; do
  group="$(sed -nE 's/.*"group": ?"([^"]*)".*/\1/p' <<<"$item")"
  plural="$(sed -nE 's/.*"plural": ?"([^"]*)".*/\1/p' <<<"$item")"
  version="$(sed -nE 's/.*"versions": ?\[ ?"([^"]*)".*/\1/p' <<<"$item")"
  case "$group" in networking.istio.io | security.istio.io | telemetry.istio.io | extensions.istio.io | gateway.networking.k8s.io)
    lists+=" /apis/$group/$version/$plural" ;;
  esac
done < <(grep -oE '\{[^{}]*\}' <<<"$kinds")
[[ -n "$lists" ]] || die "weftd's /apis/weft.io/v1/kinds listed no Istio kind: $kinds"
phase2[istio-config]="${lists# }"
pages=(overview graph workloads services istio-config workload-details service-details)

: >"$out/calls.tsv" # page, iteration, path, code, ms
: >"$out/pages.tsv" # page, iteration, ms
say "loading each of ${#pages[@]} pages $requests times"
for ((i = 1; i <= requests; i++)); do
  for page in "${pages[@]}"; do
    total=0
    for phase in 1 2; do
      if [[ $phase == 1 ]]; then calls="${phase1[$page]}"; else calls="${phase2[$page]:-}"; fi
      [[ -n "$calls" ]] || continue
      # shellcheck disable=SC2086
      res="$(get $calls)"
      awk -F'\t' -v p="$page" -v i="$i" '{ print p "\t" i "\t" $0 }' <<<"$res" >>"$out/calls.tsv"
      slowest="$(awk -F'\t' 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' <<<"$res")"
      total="$(awk -v a="$total" -v b="$slowest" 'BEGIN { printf "%.1f", a + b }')"
    done
    printf '%s\t%s\t%s\n' "$page" "$i" "$total" >>"$out/pages.tsv"
  done
done

failed="$(awk -F'\t' '$4 !~ /^2/' "$out/calls.tsv" | wc -l)"
awk -F'\t' '$4 !~ /^2/ { print "  " $3 " answered " $4 }' "$out/calls.tsv" | sort | uniq -c | head -20 >"$out/failures.txt"
# pct P over column C of rows whose column 1 is K
stat() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c }' "$3" | sort -n | awk -v p="$4" '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }'; }

{
  printf '\n## console, %s UTC, commit %s\n\n' "$(date -u '+%Y-%m-%d %H:%M')" "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf -- '- machine: %s cores, %s, load average %s\n' "$(nproc)" "$(uname -sr)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf -- '- weftd %s; %s page loads each; the calls of a page in parallel (curl --parallel), a page is its slowest call per phase\n' \
    "$( ((mesh)) && echo "with the Travel demo in the mesh" || echo "with the Travel demo (no sidecars)")" "$requests"
  printf -- '- target: %s ms per page; failed calls: %s\n\n' "$target_ms" "$failed"
  printf '| page | API calls | p50 ms | p99 ms | max ms | within %s ms |\n|---|---:|---:|---:|---:|---|\n' "$target_ms"
  for page in "${pages[@]}"; do
    n="$(wc -w <<<"${phase1[$page]} ${phase2[$page]:-}")"
    p50="$(stat "$page" 3 "$out/pages.tsv" 50)" p99="$(stat "$page" 3 "$out/pages.tsv" 99)" max="$(stat "$page" 3 "$out/pages.tsv" 100)"
    ok="$(awk -v x="$p99" -v t="$target_ms" 'BEGIN { print (x + 0 <= t) ? "yes" : "**no**" }')"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$page" "$n" "$p50" "$p99" "$max" "$ok"
  done
  printf '\nThe slowest API calls (p99 over every page that makes them):\n\n| call | p50 ms | p99 ms |\n|---|---:|---:|\n'
  awk -F'\t' '{ sub(/\?.*/, "", $3); print $3 "\t" $5 }' "$out/calls.tsv" >"$out/by-call.tsv"
  for call in $(cut -f1 "$out/by-call.tsv" | sort -u); do
    printf '%s\t%s\t%s\n' "$call" "$(stat "$call" 2 "$out/by-call.tsv" 50)" "$(stat "$call" 2 "$out/by-call.tsv" 99)"
  done | sort -t$'\t' -k3,3 -g -r | head -8 | awk -F'\t' '{ printf "| `%s` | %s | %s |\n", $1, $2, $3 }'
} >"$out/summary.md"
cat "$out/summary.md"
if ((failed)); then say "$failed calls did not answer 2xx:"; cat "$out/failures.txt" >&2; fi
if [[ -z "$no_record" ]]; then
  cat "$out/summary.md" >>"$results"
  say "appended to $results"
fi
((failed == 0)) || exit 1
