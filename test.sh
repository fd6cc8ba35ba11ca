#!/usr/bin/env bash
# Runs every test of the repository: installs what the tests need when missing, builds once,
# runs the test projects in parallel on that one build, and ends with one summary line:
#   N passed, N failed[, N skipped]
# Logs and TRX results go to test-output/ (CI keeps it). Exit code 0 only when nothing failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
artifacts="${WEFT_ARTIFACTS:-$here/artifacts}"
out="${WEFT_TEST_OUTPUT:-$here/test-output}"
export WEFT_TEST_OUTPUT="$out"
parallel="${WEFT_TEST_PARALLEL:-3}"
rm -rf "$out" && mkdir -p "$out"

say() { printf '%s\n' "$*" >&2; }

# --- 1. what the tests need from Debian, installed only when missing ---------------------
# command -> package
declare -A needs=(
  [curl]=curl
  [openssl]=openssl
  [setsid]=util-linux
  [flock]=util-linux
  [ip]=iproute2          # network namespaces for the --isolation netns workloads test
  [iptables]=iptables    # its istio-iptables-style interception rules
  [setpriv]=util-linux   # its sidecar's group (1337) that the rules exclude
  [prometheus]=prometheus
  [chromium]=chromium   # the console's browser tests drive Debian's chromium, never a downloaded one
)
missing=()
for cmd in "${!needs[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needs[$cmd]}")
done
if ((${#missing[@]})); then
  pkgs="$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  if [[ $(id -u) -eq 0 ]]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  if [[ "$sudo" == none ]]; then
    say "test.sh: missing packages ($pkgs) and no root or sudo to install them; tests needing them will fail"
  else
    say "test.sh: installing $pkgs"
    $sudo apt-get update -qq >"$out/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs >>"$out/apt.log" 2>&1 \
      || say "test.sh: apt-get failed (see $out/apt.log)"
  fi
fi

# --- 1b. the web console (console/), built when its build is missing or older than its source ---
# weftd serves console/dist at /console/; the console's browser tests need it.
console_stale() {
  [[ ! -f console/dist/index.html ]] && return 0
  [[ -n "$(find console/src console/index.html console/package.json console/package-lock.json console/vite.config.ts console/tsconfig.json \
    -newer console/dist/index.html -print -quit 2>/dev/null)" ]]
}
if console_stale; then
  if ! command -v npm >/dev/null 2>&1; then
    say "test.sh: npm is missing, so the console is not built; its browser tests will fail (install nodejs and npm)"
  else
    say "test.sh: building the console (npm ci && npm run build)"
    ( cd console && export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      && { [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund; } \
      && npm run build ) >"$out/console-build.log" 2>&1 \
      || say "test.sh: the console build failed (see $out/console-build.log)"
  fi
fi

# --- 2. one build for everything ---------------------------------------------------------
mkdir -p "$artifacts"
exec 9>"$artifacts/.build.lock"
flock 9
say "test.sh: building (Release)"
if ! dotnet build Weft.slnx -c Release -nologo -v quiet -clp:ErrorsOnly >"$out/build.log" 2>&1; then
  grep -E 'error' "$out/build.log" | sort -u >&2 || cat "$out/build.log" >&2
  echo "0 passed, 1 failed (the build failed; see test-output/build.log)"
  exit 1
fi
touch "$artifacts/.programs-built"
flock -u 9

# --- 3. test projects in parallel on that build -----------------------------------------
projects=()
for p in tests/*.Tests/*.Tests.csproj; do projects+=("$p"); done
say "test.sh: running ${#projects[@]} test projects, $parallel at a time"
run_one() {
  local proj="$1" name
  name="$(basename "$proj" .csproj)"
  local start=$SECONDS
  dotnet test "$proj" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$WEFT_TEST_OUTPUT/trx" \
    >"$WEFT_TEST_OUTPUT/$name.log" 2>&1
  local rc=$?
  printf 'test.sh: %-28s done in %4ss (exit %s)\n' "$name" "$((SECONDS - start))" "$rc" >&2
}
export -f run_one
printf '%s\n' "${projects[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one "$@"' _ {}

# --- 4. one summary line ------------------------------------------------------------------
passed=0 failed=0 skipped=0 missing_results=0
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  trx="$out/trx/$name.trx"
  if [[ ! -f "$trx" ]]; then
    say "test.sh: $name produced no results (crashed?); see test-output/$name.log"
    tail -20 "$out/$name.log" >&2
    missing_results=$((missing_results + 1))
    continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(get passed); f=$(get failed); n=$(get notExecuted); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + p)); failed=$((failed + f + e + t + a)); skipped=$((skipped + n))
  if ((f + e + t + a > 0)); then
    say "--- failures in $name (full log: test-output/$name.log)"
    # The whole message of each failure (a test's own diagnostics live there), without the stack.
    awk '/^[[:space:]]+Failed /{on=1; n=0} /^[[:space:]]+Stack Trace:/{on=0} on && n++ < 150' "$out/$name.log" | head -400 >&2
  fi
done
failed=$((failed + missing_results))
summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
((failed == 0))
