#!/usr/bin/env bash
# Measures briefing beside less, in one run, in a pseudo-terminal at 120×40, on the
# shipped briefing and on the 100 MiB briefing-shaped document, and prints the issue's
# table ("Performance at scale") with the ratios briefing ÷ less and PASS/FAIL.
#
# Steps: cargo build --release; bench/make-docs.sh; then ../shared/tools/ttfs.py with
# less and briefing alternating (less is command 1, so ttfs's own "ratio" lines read
# briefing/less too), per document:
#   - keys: j five times, G, g, pgdn, ] and } (briefing only), search=/三连冠⏎, n,
#     find=/新局面⏎ (its only match is in the closing, at the very end: a whole-document
#     search). G comes before pgdn because the shipped briefing is one page and a half
#     at 120×40: after j and pgdn, G would change nothing.
#   - idle: one key that changes nothing on the screen (briefing: F12, which it does not
#     bind; less: g at the top, which only rings the bell), then ttfs waits the whole
#     --key-timeout of 10 s for a change and reports the CPU used meanwhile.
# ttfs gives every run fresh XDG_{CONFIG,CACHE,DATA,STATE}_HOME temp dirs (we do not
# pass --keep-state), so briefing resumes nothing; --no-resume makes sure of it.
#
# Rounds: one round's ratio swings by 2x either way for the same two programs (ttfs
# stamps a read when its reading thread gets Python's lock, and forks a large Python);
# the median of 9 and of 5 rounds holds where the median of 5 and of 3 did not.
# j is pressed five times a round and its figure in a round is the median of the five:
# a reader presses j over and over, each press as far from the last as ttfs's quiet
# half-second or more, and one press a round made the ratio that of two single samples,
# less's own ranging 0.13-0.40 ms on one machine in one run. The first press alone is
# reported beside it, without a target.
#
# usage: bench/compare.sh            (about 6 minutes on 2 cores)
# env:   RUNS=9 BIG_RUNS=5 IDLE_RUNS=1  rounds per document; SKIP_BUILD=1 reuses the binary;
#        OUT=dir for the JSON and raw ttfs output (default bench/out/compare-DATE)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-9}"
BIG_RUNS="${BIG_RUNS:-5}"
IDLE_RUNS="${IDLE_RUNS:-1}"
OUT="${OUT:-bench/out/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
TTFS=../shared/tools/ttfs.py
BIN=target/release/briefing
WAIT=市委召开   # on the first screen of both programs, for both documents

if [ ! -f "$TTFS" ]; then
  echo "compare.sh: $TTFS not found (it lives in the shared tools beside the repo)" >&2
  exit 2
fi
if ! python3 -c 'import pyte' 2>/dev/null; then
  echo "== installing pyte (ttfs.py needs it)"
  pip install --user pyte
fi
command -v less >/dev/null || { echo "compare.sh: less is not installed" >&2; exit 2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== cargo build --release"
  cargo build --release
fi
# The source the binary was built from, taken now: others may edit src/ during the run.
REV="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo '+uncommitted changes')"
echo "== documents"
bench/make-docs.sh
mkdir -p "$OUT"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

# measure LABEL FILE ROUNDS
measure() {
  local label="$1" file="$2" rounds="$3"
  echo "== $label ($file): keys, $rounds rounds"
  python3 "$TTFS" -n "$rounds" --size 120x40 --wait "$WAIT" \
    --timeout 300 --key-timeout 120 --run-timeout 1200 \
    --key j --key j2=j --key j3=j --key j4=j --key j5=j --key G --key g --key pgdn --key ']' --key '}' \
    --key 'search=/三连冠\r' --key n --key 'find=/新局面\r' \
    --override '1:]=' --override '1:}=' \
    --label less --label briefing \
    --cmd "less $file" --cmd "$BIN --no-resume $file" \
    --json "$OUT/$label-keys.json" > "$OUT/$label-keys.txt"
  grep -E '^(# note|ratio .*(ttff|last_ms|hwm))' "$OUT/$label-keys.txt" || true
  echo "== $label ($file): idle 10 s, $IDLE_RUNS rounds"
  python3 "$TTFS" -n "$IDLE_RUNS" --size 120x40 --wait "$WAIT" \
    --timeout 300 --key-timeout 10 --run-timeout 1200 \
    --key 'idle=<f12>' --override '1:idle=g' \
    --label less --label briefing \
    --cmd "less $file" --cmd "$BIN --no-resume $file" \
    --json "$OUT/$label-idle.json" > "$OUT/$label-idle.txt"
  grep -E 'idle\]\.cpu_ms|^# note' "$OUT/$label-idle.txt" || true
}

measure shipped data/briefing.txt "$RUNS"
measure 100MB bench/out/doc-100m.txt "$BIG_RUNS"

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -m)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')," \
    "briefing $REV, load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end," \
    "$(less --version | head -1)"
  python3 bench/ratios.py \
    "shipped:$OUT/shipped-keys.json:$OUT/shipped-idle.json:data/briefing.txt" \
    "100MB:$OUT/100MB-keys.json:$OUT/100MB-idle.json:bench/out/doc-100m.txt"
} | tee "$OUT/summary.txt"
python3 bench/ratios.py --markdown \
  "shipped:$OUT/shipped-keys.json:$OUT/shipped-idle.json:data/briefing.txt" \
  "100MB:$OUT/100MB-keys.json:$OUT/100MB-idle.json:bench/out/doc-100m.txt" > "$OUT/summary.md"
echo "== raw results in $OUT (summary.txt, summary.md, *-keys.json, *-idle.json)"
