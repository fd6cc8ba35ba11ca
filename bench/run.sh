#!/usr/bin/env bash
# Weft's side-by-side benchmarks. Every mode is bounded in time and requests, stops by itself,
# and runs on loopback only. See bench/README.md.
#
#   bench/run.sh load    direct vs Weft sidecar pair vs haproxy pair, wrk / h2load / constant rate;
#                        appends a dated table to bench/RESULTS.md
#   bench/run.sh micro   the BenchmarkDotNet suite; writes its summary into bench/README.md
#
# Planned modes (the performance issue): latency (fixed 1000 rps with CPU/RSS), throughput
# (saturation with core pinning), scale (control plane). Each is one mode_NAME function below.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
artifacts="${WEFT_ARTIFACTS:-$repo/artifacts}"
proxy_dll="$artifacts/bin/Weft.Proxy/release/weft-proxy.dll"
tools_dll="$artifacts/bin/Weft.Bench.Tools/release/weft-bench.dll"
bench_dll="$artifacts/bin/Weft.Benchmarks/release/Weft.Benchmarks.dll"
weftd_dll="$artifacts/bin/Weft.ControlPlane/release/weftd.dll"

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

usage() {
  cat <<'EOF'
usage: bench/run.sh MODE [options]

modes:
  load     client -> backend (direct), client -> Weft sidecar pair -> backend, client -> haproxy
           pair -> backend; each at full speed (wrk for HTTP/1.1, h2load for HTTP/2) and at a
           constant rate (weft-bench rate, open loop, coordinated omission corrected)
  micro    BenchmarkDotNet: route matching over 1,000 routes, the forwarder's bytes per request
  latency  Istio's method: open loop at 1000 req/s, 1 KiB bodies, 1/4/16 connections, HTTP/1.1 and
           HTTP/2; direct vs Weft sidecar pair with mTLS vs haproxy pair with mutual TLS; added
           p50/p90/p99, CPU (vCPU per 1000 req/s) and RSS per proxy, ratios to haproxy (~4 min)
  throughput  saturation (wrk, h2load), Weft pair vs haproxy pair, both with mutual TLS between
           the pair, proxies and load generator pinned to separate cores; req/s and req per
           proxy CPU-second, ratios (~2 min)
  scale    the control plane: N simulated proxies (100, 1,000, 5,000) on the real push stream of
           a weftd holding Travel Booking + 1,000 services; RSS per proxy, ACK latency of a
           VirtualService change, pushes (incremental?), CPU per push (~5 min)
  peers    install haproxy, wrk and h2load when missing (as root), then say which are there
  console  the weftd API calls behind each console page, p50/p99 against 300 ms, with the Travel
           demo running (bench/console.sh; `bench/run.sh console --help` lists its options)

common options:
  --no-build          use the Release build already in $WEFT_ARTIFACTS (or artifacts/)
  --no-record         print only; do not touch bench/RESULTS.md or bench/README.md
  --out DIR           where raw output goes (default bench/out/MODE-DATE, git-ignored)

load options (defaults in brackets):
  --duration S [10]   measured seconds per case      --warmup S [2]   unmeasured seconds before
  --rounds N [1]      repeat every case N times, topologies interleaved; cells are medians
  --rate RPS [1000]   the constant-rate cases' request rate
  --connections N [32]            wrk connections (HTTP/1.1)
  --h2-connections N [4]          h2load connections;  --h2-streams N [8]  streams per connection
  --cases LIST [h1-full,h2-full,h1-rate,h2-rate]   --topologies LIST [direct,weft,haproxy]
  --access-log        turn the Weft sidecars' access log on (off by default, as haproxy's)
  --results FILE      the file to append to [bench/RESULTS.md]

throughput options (defaults in brackets):
  --duration S [10]   --warmup S [2]   --rounds N [1]   --cases LIST [h1,h2]
  --connections N [32] (wrk)   --h2-connections N [4]   --h2-streams N [8] (h2load)
  --topologies LIST [direct,weft,haproxy]   --no-pin (no taskset)   --results FILE [bench/RESULTS.md]
  --weft-env "NAME=VALUE ..."   as for latency

scale options (defaults in brackets):
  --proxies LIST [100,1000,5000]  simulated proxies per run (a count is skipped when memory would not allow it)
  --services N [1000]  generated services besides Travel Booking   --timeout S [120] bound on each wait
  --quiet S [2]        pushes are over when none came for this long and weftd idled (under 0.1 core)
  --max-rss-mb N       stop a count when weftd's RSS passes N MB [half the memory free at its start]
  --results FILE [bench/RESULTS.md]

latency options (defaults in brackets):
  --duration S [8]    measured seconds per case      --warmup S [2]   unmeasured seconds before
  --rounds N [1]      repeat every case N times, topologies interleaved; cells are medians
  --rate RPS [1000]   --connections LIST [1,4,16]    --http LIST [1.1,2]   --body-bytes N [1024]
  --topologies LIST [direct,weft,haproxy] (direct is required)   --results FILE [bench/RESULTS.md]
  --weft-env "NAME=VALUE ..."   environment of the Weft proxies (runtime knobs: DOTNET_gcServer=1,
                      DOTNET_TieredPGO=0, DOTNET_GCgen0size=...), recorded with the results

micro options:
  --quick             one iteration per benchmark (smoke test), nothing recorded
  --filter GLOB       only benchmarks whose full name matches, e.g. '*RouteMatch*'
EOF
}

# --- shared helpers ------------------------------------------------------------------------

build() {
  mkdir -p "$artifacts"
  exec 9>"$artifacts/.build.lock"
  flock 9
  say "building (Release): $*"
  local p
  for p in "$@"; do
    if ! dotnet build "$repo/$p" -c Release -nologo -v quiet -clp:ErrorsOnly >"$out/build.log" 2>&1; then
      grep -E 'error' "$out/build.log" | sort -u >&2 || cat "$out/build.log" >&2
      die "the build of $p failed (see $out/build.log)"
    fi
  done
  flock -u 9
}

# command -> Debian package; installed when missing and we may (root or sudo -n), else reported.
declare -A peer_package=([haproxy]=haproxy [wrk]=wrk [h2load]=nghttp2-client)
ensure_peers() {
  local missing=() cmd
  for cmd in "$@"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("${peer_package[$cmd]}"); done
  ((${#missing[@]})) || return 0
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      say "missing ${missing[*]} and no root or sudo to install them"; return 0; fi
  fi
  say "installing ${missing[*]}"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >"$out/apt.log" 2>&1 \
    || say "apt-get failed (see $out/apt.log)"
}
have() { command -v "$1" >/dev/null 2>&1; }
# peer_version haproxy: "HAProxy version 2.6.12-1+deb12u4", read whole (head would break the pipe under pipefail)
peer_version() { { "$1" -v 2>/dev/null || true; } | awk 'NR == 1 { print $1, $2, $3 }' | grep . || echo "$1 absent"; }

pids=()
client_pin=() # a taskset prefix for wrk and h2load (throughput pins them)
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: runs it in the background, output to $out/NAME.log
start() {
  local name="$1"; shift
  "$@" >"$out/$name.log" 2>&1 &
  pids+=($!)
}

wait_line() { # file text seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -qF "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  say "\"$2\" did not appear in $1 within $3 s:"; tail -20 "$1" >&2; exit 1
}

wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  say "nothing accepts connections on $1:$2 after $3 s"; exit 1
}

machine() {
  local cpu mem
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  mem="$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  printf '%s cores, %s, %s, %s' "$(nproc)" "${cpu:-unknown CPU}" "$mem" "$(uname -sr)"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
commit() { git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown; }

# percentile P of the numbers in FILE (one a line, any order), nearest rank
percentile() {
  sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }'
}

# to_ms VALUE: wrk's "812.00us", "5.62ms", "1.20s" in milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

# --- load ----------------------------------------------------------------------------------

# Each measure_* prints: rps p50_ms p99_ms errors requests (tab-separated)
measure_wrk() { # url
  local log="$out/last-wrk.txt" bound=$((warmup + duration + 30))
  ((warmup > 0)) && timeout -k 5 "$bound" wrk -t1 -c"$connections" -d"${warmup}s" "$1" >/dev/null 2>&1 || true
  timeout -k 5 "$bound" "${client_pin[@]}" wrk -t1 -c"$connections" -d"${duration}s" --latency "$1" >"$log" 2>&1 || true
  cat "$log" >>"$out/wrk.log"
  local rps p50 p99 n non2xx sock
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$log")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$log")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$log")")"
  n="$(awk '/requests in/ {print $1}' "$log")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$log")"
  sock="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$log")"
  printf '%s\t%s\t%s\t%s\t%s\n' "${rps:-nan}" "$p50" "$p99" "$((${non2xx:-0} + ${sock:-0}))" "${n:-0}"
}

measure_h2load() { # url
  local log="$out/last-h2load.txt" times="$out/last-h2load-times.txt" bound=$((warmup + duration + 30))
  rm -f "$out/last-h2load-requests.tsv"
  timeout -k 5 "$bound" "${client_pin[@]}" h2load -t1 -c"$h2_connections" -m"$h2_streams" -D "$duration" --warm-up-time "$warmup" \
    --log-file "$out/last-h2load-requests.tsv" "$1" >"$log" 2>&1 || true
  cat "$log" >>"$out/h2load.log"
  # --log-file: start (us), status, elapsed (us) per request of the measured period
  awk -F'\t' '$2 >= 200 && $2 < 400 {print $3 / 1000}' "$out/last-h2load-requests.tsv" >"$times" 2>/dev/null || : >"$times"
  local rps n failed
  rps="$(awk '/^finished in/ {print $4}' "$log")"
  n="$(awk '/^requests:/ {print $2}' "$log")"
  failed="$(awk '/^requests:/ {print $10 + $12 + $14}' "$log")"
  local bad
  bad="$(awk -F'\t' '$2 < 200 || $2 >= 400' "$out/last-h2load-requests.tsv" 2>/dev/null | wc -l)"
  printf '%s\t%s\t%s\t%s\t%s\n' "${rps:-nan}" "$(percentile 50 "$times")" "$(percentile 99 "$times")" "$((${failed:-0} + bad))" "${n:-0}"
}

measure_rate() { # url http-version
  local log="$out/last-rate.txt" bound=$((warmup + duration + 30))
  timeout -k 5 "$bound" dotnet "$tools_dll" rate --url "$1" --http "$2" --rate "$rate" --duration "$duration" \
    --warmup "$warmup" --connections 256 --timeout 10 >"$log" 2>&1 || true
  cat "$log" >>"$out/rate.log"
  local line
  line="$(grep '^rate ' "$log" || true)"
  kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$(kv achieved_rps)" "$(kv p50_ms)" "$(kv p99_ms)" "$(kv errors)" "$(kv requests)"
}

mode_load() {
  local duration=10 warmup=2 rounds=1 rate=1000 connections=32 h2_connections=4 h2_streams=8
  local cases="h1-full,h2-full,h1-rate,h2-rate" topologies="direct,weft,haproxy" access_log="" results="$here/RESULTS.md"
  local no_build="" no_record=""
  out=""
  while (($#)); do
    case "$1" in
      --duration) duration="$2"; shift ;;
      --warmup) warmup="$2"; shift ;;
      --rounds) rounds="$2"; shift ;;
      --rate) rate="$2"; shift ;;
      --connections) connections="$2"; shift ;;
      --h2-connections) h2_connections="$2"; shift ;;
      --h2-streams) h2_streams="$2"; shift ;;
      --cases) cases="$2"; shift ;;
      --topologies) topologies="$2"; shift ;;
      --access-log) access_log="--access-log" ;;
      --results) results="$2"; shift ;;
      --out) out="$2"; shift ;;
      --no-build) no_build=1 ;;
      --no-record) no_record=1 ;;
      *) usage >&2; die "unknown load option '$1'" ;;
    esac
    shift
  done
  local n
  for n in duration warmup rounds rate connections h2_connections h2_streams; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "--${n//_/-} must be a whole number, not '${!n}'"
  done
  ((duration > 0 && rounds > 0 && rate > 0)) || die "--duration, --rounds and --rate must be above 0"
  out="${out:-$here/out/load-$(date -u +%Y%m%d-%H%M%S)}"
  mkdir -p "$out"

  ensure_peers haproxy wrk h2load
  [[ -n "$no_build" ]] || build src/Weft.Proxy/Weft.Proxy.csproj bench/Weft.Bench.Tools/Weft.Bench.Tools.csproj
  [[ -f "$proxy_dll" && -f "$tools_dll" ]] || die "not built: $proxy_dll or $tools_dll (run without --no-build)"

  # A loopback /24 of this run's own: parallel runs and tests never share an address.
  local net="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 1))"
  local backend="$net.10" weft_client="$net.11" weft_server="$net.12" ha_client="$net.21" ha_server="$net.22"
  local -A url_h1 url_h2 skip_topology=()
  url_h1[direct]="http://$backend:8080/"; url_h2[direct]="http://$backend:8082/"
  url_h1[weft]="http://$weft_client:15001/"; url_h2[weft]="${url_h1[weft]}"
  url_h1[haproxy]="http://$ha_client:15001/"; url_h2[haproxy]="${url_h1[haproxy]}"

  start backend dotnet "$tools_dll" backend --h1 "$backend:8080" --h2 "$backend:8082"
  wait_line "$out/backend.log" "weft-bench backend ready" 30

  if [[ ",$topologies," == *,weft,* ]]; then
    dotnet "$tools_dll" snapshots --out "$out" --client "$weft_client:15001" --server "$weft_server:15006" \
      --backend "$backend:8080" $access_log
    start weft-server dotnet "$proxy_dll" --snapshot-file "$out/server.json" --admin-address "$weft_server:15000" --drain-seconds 1
    start weft-client dotnet "$proxy_dll" --snapshot-file "$out/client.json" --admin-address "$weft_client:15000" --drain-seconds 1
    wait_line "$out/weft-server.log" "weft-proxy ready" 60
    wait_line "$out/weft-client.log" "weft-proxy ready" 60
  fi
  if [[ ",$topologies," == *,haproxy,* ]]; then
    if have haproxy; then
      # The same topology: client-side frontend -> HTTP/2 -> server-side frontend -> HTTP/1.1 -> backend.
      cat >"$out/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend client_sidecar
  bind $ha_client:15001
  default_backend server_sidecar
backend server_sidecar
  server server_sidecar $ha_server:15006 proto h2
frontend server_sidecar
  bind $ha_server:15006 proto h2
  default_backend app
backend app
  server app $backend:8080
EOF
      start haproxy haproxy -db -f "$out/haproxy.cfg"
      wait_port "$ha_client" 15001 30
      wait_port "$ha_server" 15006 30
    else
      say "skipped: haproxy is not installed (apt-get install haproxy); the haproxy topology is left out"
      skip_topology[haproxy]=1
    fi
  fi

  local raw="$out/raw.tsv" la_before la_after
  : >"$raw"
  la_before="$(loadavg)"
  say "load average before: $la_before; $rounds round(s) of $duration s per case (+$warmup s warm-up); raw output in $out"
  local round c t tool values
  for ((round = 1; round <= rounds; round++)); do
    for c in ${cases//,/ }; do
      case "$c" in
        h1-full) tool="wrk -t1 -c$connections"; have wrk || { say "skipped: wrk is not installed (apt-get install wrk); case h1-full left out"; continue; } ;;
        h2-full) tool="h2load -t1 -c$h2_connections -m$h2_streams"; have h2load || { say "skipped: h2load is not installed (apt-get install nghttp2-client); case h2-full left out"; continue; } ;;
        h1-rate) tool="weft-bench rate $rate/s HTTP/1.1" ;;
        h2-rate) tool="weft-bench rate $rate/s HTTP/2" ;;
        *) die "unknown case '$c': expected h1-full, h2-full, h1-rate or h2-rate" ;;
      esac
      # Topologies interleaved within each case, so a change in the machine's load hits all three alike.
      for t in ${topologies//,/ }; do
        [[ -n "${skip_topology[$t]:-}" ]] && continue
        [[ -n "${url_h1[$t]:-}" ]] || die "unknown topology '$t': expected direct, weft or haproxy"
        case "$c" in
          h1-full) values="$(measure_wrk "${url_h1[$t]}")" ;;
          h2-full) values="$(measure_h2load "${url_h2[$t]}")" ;;
          h1-rate) values="$(measure_rate "${url_h1[$t]}" 1.1)" ;;
          h2-rate) values="$(measure_rate "${url_h2[$t]}" 2)" ;;
        esac
        printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$c" "$tool" "$t" "$values" >>"$raw"
        say "round $round $c $t: $(cut -f1-4 <<<"$values" | awk -F'\t' '{printf "%s req/s, p50 %s ms, p99 %s ms, %s errors", $1, $2, $3, $4}')"
      done
    done
  done
  la_after="$(loadavg)"

  local tables section
  tables="$(dotnet "$tools_dll" report --results "$raw")"
  section="$(
    printf '## %s, commit %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(commit)"
    printf -- '- machine: %s\n' "$(machine)"
    printf -- '- load average (1/5/15 min): %s before, %s after\n' "$la_before" "$la_after"
    printf -- '- %s round(s), %s s per case after %s s warm-up; constant rate %s req/s; 1 KiB responses; Weft access log %s\n' \
      "$rounds" "$duration" "$warmup" "$rate" "${access_log:+on}${access_log:-off}"
    printf -- '- peers: %s; %s; %s\n\n' "$(haproxy -v 2>/dev/null | head -1 | cut -d' ' -f1-3 || echo 'haproxy absent')" \
      "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true)" "$(h2load --version 2>/dev/null | head -1 || echo 'h2load absent')"
    printf '%s\n' "$tables"
  )"
  printf '%s\n' "$section" | tee "$out/summary.md"
  if [[ -z "$no_record" ]]; then
    printf '\n%s\n' "$section" >>"$results"
    say "appended to $results"
  fi
}

# --- pairs with TLS between them (latency, throughput) ---------------------------------------

# start_tls_pairs: the backend, the Weft sidecar pair with mesh mTLS (certificates of a mesh CA
# of its own, saved where weft-proxy reuses them) and the haproxy pair with mutual TLS 1.3
# between its two processes (openssl-made certificates, ECDSA P-256 as the mesh's). Uses $net,
# $out, $topologies; sets the URL tables and the pids of each proxy. $pin_proxies / $pin_tools
# (taskset CPU lists, may be empty) pin the proxies and the backend.
start_tls_pairs() {
  backend="$net.10"; weft_client="$net.11"; weft_server="$net.12"; ha_client="$net.21"; ha_server="$net.22"
  url_h1[direct]="http://$backend:8080/"; url_h2[direct]="http://$backend:8082/"
  url_h1[weft]="http://$weft_client:15001/"; url_h2[weft]="${url_h1[weft]}"
  url_h1[haproxy]="http://$ha_client:15001/"; url_h2[haproxy]="${url_h1[haproxy]}"
  local pin_p=() pin_t=()
  [[ -n "${pin_proxies:-}" ]] && pin_p=(taskset -c "$pin_proxies")
  [[ -n "${pin_tools:-}" ]] && pin_t=(taskset -c "$pin_tools")

  start backend "${pin_t[@]}" dotnet "$tools_dll" backend --h1 "$backend:8080" --h2 "$backend:8082"
  wait_line "$out/backend.log" "weft-bench backend ready" 30

  if [[ ",$topologies," == *,weft,* ]]; then
    dotnet "$tools_dll" snapshots --out "$out" --client "$weft_client:15001" --server "$weft_server:15006" \
      --backend "$backend:8080" --mtls
    local side
    local -A listen=([server]="$weft_server" [client]="$weft_client")
    for side in server client; do
      # shellcheck disable=SC2086 # --weft-env is a list of NAME=VALUE words
      start "weft-$side" "${pin_p[@]}" env ${weft_env:-} dotnet "$proxy_dll" --snapshot-file "$out/$side.json" --admin-address "${listen[$side]}:15000" \
        --drain-seconds 1 --name "bench-$side" --namespace bench --service-account "bench-$side" \
        --data-dir "$out/$side-data" --ca-address https://127.0.0.1:1
      pid_of[weft-$side]=$!
    done
    wait_line "$out/weft-server.log" "weft-proxy ready" 60
    wait_line "$out/weft-client.log" "weft-proxy ready" 60
    # Prove the pair speaks mTLS: the server sidecar sets x-forwarded-client-cert only for a verified peer.
    local xfcc="" try
    for try in 1 2 3 4 5 6; do
      xfcc="$(curl -s -m 10 -o /dev/null -D - "${url_h1[weft]}" | tr -d '\r' | sed -n 's/^x-bench-xfcc: //Ip' || true)"
      [[ -n "$xfcc" ]] && break
      sleep 1
    done
    [[ "$xfcc" == *"URI=spiffe://cluster.local/ns/bench/sa/bench-client"* ]] \
      || die "the Weft pair did not speak mTLS: the app saw x-forwarded-client-cert '$xfcc' (see $out/weft-*.log)"
    say "Weft pair: mTLS between the sidecars (the app saw $xfcc)"
  fi
  if [[ ",$topologies," == *,haproxy,* ]]; then
    have haproxy || die "haproxy is not installed (bench/run.sh peers as root, or apt-get install haproxy)"
    have openssl || die "openssl is not installed (apt-get install openssl): the haproxy pair needs certificates"
    local tls="$out/haproxy-tls" n
    mkdir -p "$tls"
    {
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/ca.key" -out "$tls/ca.pem" -days 2 -subj /CN=bench-ca
      for n in client server; do
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/$n.key" -out "$tls/$n.csr" -subj "/CN=bench-$n"
        openssl x509 -req -in "$tls/$n.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -out "$tls/$n.crt" -days 2
        cat "$tls/$n.crt" "$tls/$n.key" >"$tls/$n.pem"
      done
    } >"$out/openssl.log" 2>&1 || die "openssl could not make the haproxy pair's certificates (see $out/openssl.log)"
    # Two processes, as two sidecars: client frontend -> mutual TLS 1.3, HTTP/2 -> server frontend -> HTTP/1.1 -> backend.
    cat >"$out/haproxy-client.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend client_sidecar
  bind $ha_client:15001
  default_backend server_sidecar
backend server_sidecar
  server server_sidecar $ha_server:15006 proto h2 ssl alpn h2 ssl-min-ver TLSv1.3 verify required ca-file $tls/ca.pem crt $tls/client.pem
CFG
    cat >"$out/haproxy-server.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend server_sidecar
  bind $ha_server:15006 ssl crt $tls/server.pem alpn h2 ssl-min-ver TLSv1.3 verify required ca-file $tls/ca.pem
  default_backend app
backend app
  server app $backend:8080
CFG
    start haproxy-server "${pin_p[@]}" haproxy -db -f "$out/haproxy-server.cfg"
    pid_of[haproxy-server]=$!
    start haproxy-client "${pin_p[@]}" haproxy -db -f "$out/haproxy-client.cfg"
    pid_of[haproxy-client]=$!
    wait_port "$ha_server" 15006 30
    wait_port "$ha_client" 15001 30
    local code="" try
    for try in 1 2 3 4 5 6; do
      code="$(curl -s -m 10 -o /dev/null -w '%{http_code}' "${url_h1[haproxy]}" || true)"
      [[ "$code" == 200 ]] && break
      sleep 1
    done
    [[ "$code" == 200 ]] || die "the haproxy pair answered $code, not 200 (see $out/haproxy-*.log)"
  fi
}

# --- throughput: saturation with the proxies and the load generator on separate cores ------

cpu_ticks() { # pid...: utime + stime summed over the processes (clock ticks, USER_HZ)
  local pid total=0 f
  for pid in "$@"; do
    f="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    f="${f##*) }"
    total=$((total + $(awk '{ print $12 + $13 }' <<<"$f")))
  done
  echo "$total"
}

mode_throughput() {
  local duration=10 warmup=2 rounds=1 connections=32 h2_connections=4 h2_streams=8
  local cases="h1,h2" topologies="direct,weft,haproxy" results="$here/RESULTS.md" no_build="" no_record="" pin=1
  local weft_env=""
  out=""
  while (($#)); do
    case "$1" in
      --duration) duration="$2"; shift ;;
      --warmup) warmup="$2"; shift ;;
      --rounds) rounds="$2"; shift ;;
      --connections) connections="$2"; shift ;;
      --h2-connections) h2_connections="$2"; shift ;;
      --h2-streams) h2_streams="$2"; shift ;;
      --cases) cases="$2"; shift ;;
      --topologies) topologies="$2"; shift ;;
      --no-pin) pin="" ;;
      --results) results="$2"; shift ;;
      --out) out="$2"; shift ;;
      --weft-env) weft_env="$2"; shift ;;
      --no-build) no_build=1 ;;
      --no-record) no_record=1 ;;
      *) usage >&2; die "unknown throughput option '$1'" ;;
    esac
    shift
  done
  local n
  for n in duration warmup rounds connections h2_connections h2_streams; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "--${n//_/-} must be a whole number, not '${!n}'"
  done
  ((duration > 0 && rounds > 0)) || die "--duration and --rounds must be above 0"
  local c t
  for c in ${cases//,/ }; do [[ "$c" =~ ^(h1|h2)$ ]] || die "unknown case '$c': expected h1 or h2"; done
  for t in ${topologies//,/ }; do [[ "$t" =~ ^(direct|weft|haproxy)$ ]] || die "unknown topology '$t': expected direct, weft or haproxy"; done
  out="${out:-$here/out/throughput-$(date -u +%Y%m%d-%H%M%S)}"
  mkdir -p "$out"

  ensure_peers haproxy wrk h2load
  have wrk || die "wrk is not installed (bench/run.sh peers as root, or apt-get install wrk)"
  have h2load || die "h2load is not installed (bench/run.sh peers as root, or apt-get install nghttp2-client)"
  [[ -n "$no_build" ]] || build src/Weft.Proxy/Weft.Proxy.csproj bench/Weft.Bench.Tools/Weft.Bench.Tools.csproj
  [[ -f "$proxy_dll" && -f "$tools_dll" ]] || die "not built: $proxy_dll or $tools_dll (run without --no-build)"

  # Cores: the proxies get the upper half, the load generator and the backend the lower half
  # (on 2 cores: proxies on CPU 1, wrk/h2load and the backend on CPU 0). Both pairs alike.
  local cores pin_proxies="" pin_tools="" pinning
  cores="$(nproc)"
  if [[ -n "$pin" ]] && have taskset && ((cores >= 2)); then
    local half=$((cores / 2))
    pin_tools="0-$((half - 1))"; pin_proxies="$half-$((cores - 1))"
    [[ $half -eq 1 ]] && pin_tools=0
    [[ $((cores - 1)) -eq $half ]] && pin_proxies=$half
    client_pin=(taskset -c "$pin_tools")
    pinning="taskset: proxies (both of each pair) on CPU $pin_proxies; load generator and backend on CPU $pin_tools"
  else
    pinning="not pinned ($( ((cores < 2)) && echo "1 core" || echo "--no-pin or no taskset"))"
  fi

  local net="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 1))" backend weft_client weft_server ha_client ha_server
  local -A url_h1=() url_h2=() pid_of=()
  start_tls_pairs

  local raw="$out/raw.tsv" la_before la_after
  : >"$raw"
  la_before="$(loadavg)"
  say "load average before: $la_before; $pinning; $rounds round(s) of $duration s per case (+$warmup s warm-up); raw output in $out"
  local round tool values
  for ((round = 1; round <= rounds; round++)); do
    for c in ${cases//,/ }; do
      case "$c" in
        h1) tool="wrk -t1 -c$connections" ;;
        h2) tool="h2load -t1 -c$h2_connections -m$h2_streams" ;;
      esac
      for t in ${topologies//,/ }; do
        local watched=()
        [[ "$t" != direct ]] && watched=("${pid_of[$t-client]}" "${pid_of[$t-server]}")
        values="$(measure_with_cpu "$c" "$t" "${watched[@]}")"
        printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$c" "$tool" "$t" "$values" >>"$raw"
        say "round $round $c $t: $(awk -F'\t' '{printf "%s req/s, p50 %s ms, p99 %s ms, %s errors, proxies %s CPU s", $1, $2, $3, $4, $6}' <<<"$values")"
      done
    done
  done
  la_after="$(loadavg)"

  local tables section
  tables="$(dotnet "$tools_dll" report --results "$raw")" || die "weft-bench report failed on $raw"
  section="$(
    printf '## throughput, %s, commit %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(commit)"
    printf -- '- machine: %s\n' "$(machine)"
    printf -- '- load average (1/5/15 min): %s before, %s after\n' "$la_before" "$la_after"
    printf -- '- saturation, %s round(s) of %s s per case after %s s warm-up; 1 KiB responses; %s\n' "$rounds" "$duration" "$warmup" "$pinning"
    [[ -n "$weft_env" ]] && printf -- '- Weft proxies'"'"' environment: `%s`\n' "$weft_env"
    printf -- '- Weft pair: ISTIO_MUTUAL (TLS 1.3, HTTP/2) between the sidecars, access log off; haproxy pair: two processes, mutual TLS 1.3 + HTTP/2 between them (%s); %s; %s\n\n' \
      "$(peer_version haproxy)" "$(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')" "$(h2load --version 2>/dev/null | awk 'NR == 1')"
    printf '%s\n' "$tables"
  )"
  printf '%s\n' "$section" | tee "$out/summary.md"
  if [[ -z "$no_record" ]]; then
    printf '\n%s\n' "$section" >>"$results"
    say "appended to $results"
  fi
}

# measure_with_cpu h1|h2 TOPOLOGY PID...: warms up with a run of its own, then measure_wrk or
# measure_h2load (pinned as client_pin says) plus a 6th column, the CPU seconds the processes
# spent over the measured run ("-" when none are given).
measure_with_cpu() {
  local kind="$1" topology="$2"; shift 2
  local bound=$((warmup + duration + 30)) before after values
  if ((warmup > 0)); then
    if [[ "$kind" == h1 ]]; then
      timeout -k 5 "$bound" "${client_pin[@]}" wrk -t1 -c"$connections" -d"${warmup}s" "${url_h1[$topology]}" >/dev/null 2>&1 || true
    else
      timeout -k 5 "$bound" "${client_pin[@]}" h2load -t1 -c"$h2_connections" -m"$h2_streams" -D "$warmup" "${url_h2[$topology]}" >/dev/null 2>&1 || true
    fi
  fi
  before="$(cpu_ticks "$@")"
  if [[ "$kind" == h1 ]]; then values="$(warmup=0 measure_wrk "${url_h1[$topology]}")"; else values="$(warmup=0 measure_h2load "${url_h2[$topology]}")"; fi
  after="$(cpu_ticks "$@")"
  printf '%s\t%s\n' "$values" "$( (($#)) && awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", (b - a) / 100 }' || echo -)"
}

# --- latency: Istio's method -------------------------------------------------------------

mode_latency() {
  local duration=8 warmup=2 rounds=1 rate=1000 conns="1,4,16" protocols="1.1,2" body=1024
  local topologies="direct,weft,haproxy" results="$here/RESULTS.md" no_build="" no_record=""
  local weft_env=""
  out=""
  while (($#)); do
    case "$1" in
      --duration) duration="$2"; shift ;;
      --warmup) warmup="$2"; shift ;;
      --rounds) rounds="$2"; shift ;;
      --rate) rate="$2"; shift ;;
      --connections) conns="$2"; shift ;;
      --http) protocols="$2"; shift ;;
      --body-bytes) body="$2"; shift ;;
      --topologies) topologies="$2"; shift ;;
      --results) results="$2"; shift ;;
      --out) out="$2"; shift ;;
      --weft-env) weft_env="$2"; shift ;;
      --no-build) no_build=1 ;;
      --no-record) no_record=1 ;;
      *) usage >&2; die "unknown latency option '$1'" ;;
    esac
    shift
  done
  local n
  for n in duration warmup rounds rate body; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "--${n//_/-} must be a whole number, not '${!n}'"
  done
  ((duration > 0 && rounds > 0 && rate > 0)) || die "--duration, --rounds and --rate must be above 0"
  [[ "$conns" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--connections must be a comma-separated list of whole numbers, not '$conns'"
  local p t
  for p in ${protocols//,/ }; do [[ "$p" == 1.1 || "$p" == 2 ]] || die "unknown --http '$p': expected 1.1 or 2 (a list: 1.1,2)"; done
  for t in ${topologies//,/ }; do [[ "$t" =~ ^(direct|weft|haproxy)$ ]] || die "unknown topology '$t': expected direct, weft or haproxy"; done
  [[ ",$topologies," == *,direct,* ]] || die "--topologies must include direct: added latency is measured over it"
  out="${out:-$here/out/latency-$(date -u +%Y%m%d-%H%M%S)}"
  mkdir -p "$out"

  ensure_peers haproxy
  [[ -n "$no_build" ]] || build src/Weft.Proxy/Weft.Proxy.csproj bench/Weft.Bench.Tools/Weft.Bench.Tools.csproj
  [[ -f "$proxy_dll" && -f "$tools_dll" ]] || die "not built: $proxy_dll or $tools_dll (run without --no-build)"

  # A loopback /24 of this run's own: parallel runs and tests never share an address.
  local net="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 1))" backend weft_client weft_server ha_client ha_server
  local -A url_h1=() url_h2=() pid_of=()
  local pin_proxies="" pin_tools=""
  start_tls_pairs

  local raw="$out/raw.tsv" la_before la_after
  : >"$raw"
  la_before="$(loadavg)"
  say "load average before: $la_before; $rounds round(s) of $duration s per case (+$warmup s warm-up) at $rate req/s, $body-byte bodies; raw output in $out"
  local round c h url watch line log="$out/last-rate.txt" bound=$((warmup + duration + 40))
  for ((round = 1; round <= rounds; round++)); do
    for h in ${protocols//,/ }; do
      for c in ${conns//,/ }; do
        local case_name="h${h%%.*}-c$c"
        for t in ${topologies//,/ }; do
          [[ "$h" == 2 ]] && url="${url_h2[$t]}" || url="${url_h1[$t]}"
          watch=""
          [[ "$t" != direct ]] && watch="client=${pid_of[$t-client]},server=${pid_of[$t-server]}"
          timeout -k 5 "$bound" dotnet "$tools_dll" rate --url "$url" --http "$h" --rate "$rate" --duration "$duration" --warmup "$warmup" \
            --fixed-connections "$c" --body-bytes "$body" --timeout 10 ${watch:+--pids "$watch"} >"$log" 2>&1 || true
          cat "$log" >>"$out/rate.log"
          line="$(grep '^rate ' "$log" || true)"
          [[ -n "$line" ]] || { tail -20 "$log" >&2; die "the rate client printed no result for $case_name $t (see $out/rate.log)"; }
          kv() { local v; v="$(sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line")"; printf '%s' "${v:--}"; }
          printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$case_name" "$t" "$(kv achieved_rps)" "$(kv p50_ms)" "$(kv p90_ms)" "$(kv p99_ms)" \
            "$(kv errors)" "$(kv requests)" "$(kv window_client_s)" "$(kv cpu_client_s)" "$(kv cpu_server_s)" "$(kv rss_client_kb)" "$(kv rss_server_kb)" >>"$raw"
          say "round $round $case_name $t: $(kv achieved_rps) req/s, p50 $(kv p50_ms) p90 $(kv p90_ms) p99 $(kv p99_ms) ms, $(kv errors) errors, CPU s client $(kv cpu_client_s) server $(kv cpu_server_s)"
        done
      done
    done
  done
  la_after="$(loadavg)"

  local tables section
  tables="$(dotnet "$tools_dll" latency-report --results "$raw")" || die "weft-bench latency-report failed on $raw"
  section="$(
    printf '## latency, %s, commit %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(commit)"
    printf -- '- machine: %s\n' "$(machine)"
    printf -- '- load average (1/5/15 min): %s before, %s after\n' "$la_before" "$la_after"
    printf -- '- Istio'"'"'s method: weft-bench rate, open loop at %s req/s, POST %s B and %s B back, %s round(s) of %s s per case after %s s warm-up; cases hH-cN = HTTP/H over N fixed connections\n' \
      "$rate" "$body" 1024 "$rounds" "$duration" "$warmup"
    [[ -n "$weft_env" ]] && printf -- '- Weft proxies'"'"' environment: `%s`\n' "$weft_env"
    printf -- '- Weft pair: ISTIO_MUTUAL (TLS 1.3, HTTP/2) between the sidecars with mesh-CA certificates, HTTP/1.1 to the app, access log off; haproxy pair: two processes, mutual TLS 1.3 + HTTP/2 between them (%s)\n\n' \
      "$(peer_version haproxy)"
    printf '%s\n' "$tables"
  )"
  printf '%s\n' "$section" | tee "$out/summary.md"
  if [[ -z "$no_record" ]]; then
    printf '\n%s\n' "$section" >>"$results"
    say "appended to $results"
  fi
}

# --- scale: the control plane with many proxies ------------------------------------------

mode_scale() {
  local counts="100,1000,5000" services=1000 timeout=120 quiet=2 max_rss="" results="$here/RESULTS.md" no_build="" no_record=""
  out=""
  while (($#)); do
    case "$1" in
      --proxies) counts="$2"; shift ;;
      --services) services="$2"; shift ;;
      --timeout) timeout="$2"; shift ;;
      --quiet) quiet="$2"; shift ;;
      --max-rss-mb) max_rss="$2"; shift ;;
      --results) results="$2"; shift ;;
      --out) out="$2"; shift ;;
      --no-build) no_build=1 ;;
      --no-record) no_record=1 ;;
      *) usage >&2; die "unknown scale option '$1'" ;;
    esac
    shift
  done
  [[ "$counts" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--proxies must be a comma-separated list of whole numbers, not '$counts'"
  local n
  for n in services timeout quiet; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "--${n} must be a whole number, not '${!n}'"
  done
  out="${out:-$here/out/scale-$(date -u +%Y%m%d-%H%M%S)}"
  mkdir -p "$out"
  [[ -n "$no_build" ]] || build src/Weft.ControlPlane/Weft.ControlPlane.csproj bench/Weft.Bench.Tools/Weft.Bench.Tools.csproj
  [[ -f "$weftd_dll" && -f "$tools_dll" ]] || die "not built: $weftd_dll or $tools_dll (run without --no-build)"

  local net="127.$((RANDOM % 200 + 30)).$((RANDOM % 250 + 1))" la_before la_after memory="" changes="" notes=() per_proxy_kb=0 prev_n=0 prev_connect_s=0
  la_before="$(loadavg)"
  say "load average before: $la_before; proxies $counts against $services generated services + Travel Booking; raw output in $out"
  for n in ${counts//,/ }; do
    # Bounded by memory and time, from the previous count's figures: weftd's RSS per proxy plus
    # ~0.3 MB per simulated proxy must fit in half of what is free (the machine is shared), and
    # connecting must be expected to end within --timeout.
    local avail_kb need_kb expect_s
    avail_kb="$(awk '/MemAvailable/ { print $2 }' /proc/meminfo)"
    need_kb=$((n * (per_proxy_kb + 300) + 512 * 1024))
    expect_s=$(( prev_n > 0 ? prev_connect_s * n / prev_n : 0 ))
    if ((need_kb > avail_kb / 2)); then
      notes+=("$n proxies skipped: about $((need_kb / 1024)) MB needed (from the previous count's weftd RSS per proxy), $((avail_kb / 1024)) MB available on this shared machine")
      say "${notes[-1]}"
      continue
    fi
    if ((expect_s > timeout)); then
      notes+=("$n proxies skipped: connecting $prev_n took $prev_connect_s s, so $n would take about $expect_s s, beyond --timeout $timeout")
      say "${notes[-1]}"
      continue
    fi
    local data="$out/weftd-$n" log
    mkdir -p "$data"
    # The simulated proxies speak h2c: the plain discovery port, or the insecure one where discovery is TLS.
    local h2c_args=() h2c_line="Discovery (push to proxies, h2c) listening on"
    if dotnet "$weftd_dll" --help 2>&1 | grep -q -- --insecure-discovery-listen; then
      h2c_args=(--insecure-discovery-listen "$net.1:0"); h2c_line="Insecure discovery"
    fi
    start "weftd-$n" dotnet "$weftd_dll" --data-dir "$data" --listen "$net.1:0" --discovery-listen "$net.1:0" "${h2c_args[@]}"
    local weftd_pid=$!
    log="$out/weftd-$n.log"
    wait_line "$log" "weftd listening on http://" 60
    wait_line "$log" "$h2c_line" 30
    local api discovery
    api="$(sed -n 's/.*weftd listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n1)"
    discovery="$(grep -F "$h2c_line" "$log" | sed -n 's/.* listening on \(http:[^ ]*\).*/\1/p' | head -n1)"
    [[ -n "$api" && -n "$discovery" ]] || die "weftd named no API or insecure discovery address (see $log)"
    say "$n proxies: weftd $weftd_pid at $api, push stream $discovery"
    timeout -k 10 $((timeout * 4 + 120)) dotnet "$tools_dll" scale --api "$api/" --token-file "$data/token" --discovery "$discovery" \
      --weftd-pid "$weftd_pid" --proxies "$n" --services "$services" --timeout "$timeout" --quiet "$quiet" ${max_rss:+--max-rss-mb "$max_rss"} >"$out/scale-$n.txt" 2>"$out/scale-$n.err" \
      || { cat "$out/scale-$n.err" >&2; die "weft-bench scale failed for $n proxies (see $out/scale-$n.err)"; }
    cat "$out/scale-$n.err" >&2
    local aborted
    aborted="$(sed -n 's/^aborted| *[0-9]* *| *\(.*\) |$/\1/p' "$out/scale-$n.txt")"
    memory+="$(sed -n 's/^memory|//p' "$out/scale-$n.txt")"$'\n'
    changes+="$(sed -n 's/^change|//p' "$out/scale-$n.txt")"$'\n'
    per_proxy_kb="$(sed -n 's/^memory|//p' "$out/scale-$n.txt" | awk -F'|' '{ v = $5 * 1024; print (v > 0 ? int(v) : 0) }')"
    prev_connect_s="$(sed -n 's/^memory|//p' "$out/scale-$n.txt" | awk -F'|' '{ v = $6 + 0; print (v > 0 ? int(v + 1) : 1000000) }')"
    prev_n=$n
    kill -TERM "$weftd_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$weftd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$weftd_pid" 2>/dev/null || true
    if [[ -n "$aborted" ]]; then
      notes+=("$n proxies stopped early: $aborted; larger counts not run")
      say "${notes[-1]}"
      break
    fi
  done
  la_after="$(loadavg)"

  local section
  section="$(
    printf '## scale, %s, commit %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(commit)"
    printf -- '- machine: %s\n' "$(machine)"
    printf -- '- load average (1/5/15 min): %s before, %s after\n' "$la_before" "$la_after"
    printf -- '- a fresh weftd per count with the Travel Booking config plus %s generated services (a Service and a WorkloadEntry each, in 10 namespaces); simulated proxies (weft-bench scale: the h2c push stream, one HTTP/2 connection each, no listeners) ACK every push; each the sidecar of a generated service at its address\n' "$services"
    local note
    for note in "${notes[@]}"; do printf -- '- %s\n' "$note"; done
    printf '\n| proxies | services | weftd RSS idle MB | weftd RSS with proxies MB | RSS per proxy MB | all first pushes ACKed s | pushes while connecting | weftd CPU s while connecting | failed streams |\n'
    printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
    printf '%s' "$memory" | sed '/^$/d; s/^/|/'
    printf '\nOne change applied through the REST API; ACK latency from the apply to each pushed proxy'"'"'s ACK; CPU is weftd'"'"'s over the change.\n\n'
    printf '| proxies | change | proxies affected | proxies pushed | pushes | ACK p50 ms | ACK p99 ms | ACK max ms | weftd CPU s | CPU per push ms | CPU per connected proxy ms |\n'
    printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
    printf '%s' "$changes" | sed '/^$/d; s/^/|/'
  )"
  printf '%s\n' "$section" | tee "$out/summary.md"
  if [[ -z "$no_record" ]]; then
    printf '\n%s\n' "$section" >>"$results"
    say "appended to $results"
  fi
}

# --- micro ---------------------------------------------------------------------------------

mode_micro() {
  local quick="" filter="*" no_build="" no_record=""
  out=""
  while (($#)); do
    case "$1" in
      --quick) quick=1 ;;
      --filter) filter="$2"; shift ;;
      --out) out="$2"; shift ;;
      --no-build) no_build=1 ;;
      --no-record) no_record=1 ;;
      *) usage >&2; die "unknown micro option '$1'" ;;
    esac
    shift
  done
  out="${out:-$here/out/micro-$(date -u +%Y%m%d-%H%M%S)}"
  mkdir -p "$out"
  [[ -n "$no_build" ]] || build bench/Weft.Benchmarks/Weft.Benchmarks.csproj
  [[ -f "$bench_dll" ]] || die "not built: $bench_dll (run without --no-build)"
  local la_before
  la_before="$(loadavg)"
  say "load average before: $la_before; BenchmarkDotNet output in $out"
  local args=(--filter "$filter" --artifacts "$out")
  [[ -n "$quick" ]] && args+=(--quick)
  # Bounded: the full suite takes about 10 minutes on 2 busy cores.
  (cd "$out" && timeout -k 10 3000 dotnet "$bench_dll" "${args[@]}") >"$out/console.log" 2>&1 \
    || { tail -40 "$out/console.log" >&2; die "BenchmarkDotNet failed (see $out/console.log)"; }
  local reports=("$out"/results/*-report-github.md)
  [[ -f "${reports[0]}" ]] || die "BenchmarkDotNet wrote no report in $out/results"
  {
    printf 'Measured %s, commit %s, on %s; load average %s before, %s after.\n' \
      "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(commit)" "$(machine)" "$la_before" "$(loadavg)"
    # BenchmarkDotNet's environment block is the same for every class: once, first.
    local r bdn=("$out"/results/Weft.Benchmarks.*-report-github.md)
    [[ -f "${bdn[0]}" ]] && { echo; awk '{ print } /^```$/ && ++n == 2 { exit }' "${bdn[0]}"; }
    for r in "${reports[@]}"; do
      printf '\n### %s\n\n' "$(basename "$r" -report-github.md | sed 's/^Weft\.Benchmarks\.//')"
      if [[ "$r" == */AllocationsPerRequest-* ]]; then cat "$r"; else sed -n '/^|/,$p' "$r"; fi
    done
  } >"$out/summary.md"
  cat "$out/summary.md"
  if [[ -z "$quick" && -z "$no_record" ]]; then
    # Replace what lies between the markers in README.md with the new numbers.
    awk -v f="$out/summary.md" '
      /<!-- micro:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
      /<!-- micro:end -->/ { skip = 0 }
      !skip { print }' "$here/README.md" >"$out/README.md.new"
    mv "$out/README.md.new" "$here/README.md"
    say "wrote the numbers into bench/README.md"
  fi
}

# --- peers: install what load needs, say what is there ------------------------------------

mode_peers() {
  ensure_peers haproxy wrk h2load
  local cmd
  for cmd in haproxy wrk h2load; do
    if have "$cmd"; then printf '%s: %s\n' "$cmd" "$(command -v "$cmd")"; else printf '%s: missing (Debian package %s)\n' "$cmd" "${peer_package[$cmd]}"; fi
  done
}

# --- dispatch ------------------------------------------------------------------------------

mode="${1:-}"
(($#)) && shift
out="$here/out"
mkdir -p "$out"
case "$mode" in
  load) mode_load "$@" ;;
  micro) mode_micro "$@" ;;
  peers) mode_peers ;;
  latency) mode_latency "$@" ;;
  throughput) mode_throughput "$@" ;;
  console) exec bash "$here/console.sh" "$@" ;;
  scale) mode_scale "$@" ;;
  help | -h | --help) usage ;;
  *) usage >&2; die "unknown mode '${mode}': expected load, micro, latency, throughput, scale or peers" ;;
esac
