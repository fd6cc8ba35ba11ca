# Shared by the lab scripts: where ./weft is, and how to say what runs.
# WEFT overrides the weft command (tests point it at a built weft.dll).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ -n "${WEFT:-}" ]]; then
  read -r -a weft_cmd <<<"$WEFT"
else
  weft_cmd=("$repo/weft")
fi
weft() { "${weft_cmd[@]}" "$@"; }
step() { printf '\n$ weft %s\n' "$*"; weft "$@"; }
