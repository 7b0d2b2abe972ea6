#!/usr/bin/env bash
# Peer benchmark: render W1/W2/W3 (see bench/WORKLOADS.md) with existing engines, offline,
# 60 s at 48 kHz, and print a markdown table of CPU time, realtime factor and ns/voice-sample.
#
# Usage: tools/bench/peers/run.sh [ENGINE...]
#   ENGINE = name of a file in engines/ without .sh (default: all but TEMPLATE)
# Environment:
#   RUNS=3          runs per engine x workload (median is reported)
#   DUR=60          seconds of audio per render
#   WORKLOADS="w1_16 w1_64 w1_256 w2_1 w2_8 w3_16"
#   BUILD=${TMPDIR:-/tmp}/peers-bench   scratch dir for generated/compiled workloads and raw results
#   NO_INSTALL=1    do not apt-get install missing packages
# Progress goes to stderr; the report (machine, versions, table, commands) to stdout and
# to $BUILD/report.md.  Raw per-run numbers: $BUILD/results.tsv.
set -euo pipefail
PEERS="$(cd "$(dirname "$0")" && pwd)"
export PEERS
RUNS=${RUNS:-3}
DUR=${DUR:-60}
export DUR
WORKLOADS=${WORKLOADS:-"w1_16 w1_64 w1_256 w2_1 w2_8 w3_16"}
BUILD=${BUILD:-${TMPDIR:-/tmp}/peers-bench}
if [ $# -gt 0 ]; then ENGINES="$*"; else
  ENGINES=$(cd "$PEERS/engines" && ls *.sh | sed 's/\.sh$//' | grep -v '^TEMPLATE$' | sort)
fi
mkdir -p "$BUILD"
log() { echo "[peers] $*" >&2; }

# ---- install what the selected engines need (Debian packages), plus the harness' own needs
pkgs="python3 time"
for e in $ENGINES; do pkgs="$pkgs $(. "$PEERS/engines/$e.sh"; engine_apt)"; done
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "${NO_INSTALL:-0}" = 1 ]; then log "missing packages:$missing (NO_INSTALL=1)"; else
    log "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $missing >&2
  fi
fi

TSV="$BUILD/results.tsv"
CMDS="$BUILD/commands.txt"
VERS="$BUILD/versions.txt"
echo "#dur $DUR" > "$TSV"; : > "$CMDS"; : > "$VERS"

for e in $ENGINES; do
  (
    . "$PEERS/engines/$e.sh"
    dir="$BUILD/$e"
    rm -rf "$dir"; mkdir -p "$dir"
    log "$e: preparing in $dir"
    if ! engine_prepare "$dir" > "$dir/prepare.log" 2>&1; then
      log "$e: prepare failed, skipped (see $dir/prepare.log)"; echo "$e: prepare failed" >> "$VERS"; exit 0
    fi
    echo "$ENGINE_LABEL: $(engine_version); saw: $ENGINE_SAW" >> "$VERS"
    for w in null $WORKLOADS; do
      if ! cmd=$(engine_cmd "$w" "$dir"); then log "$e: $w not supported, skipped"; continue; fi
      echo "$ENGINE_LABEL | $w | $cmd" >> "$CMDS"
      eval "set -- $cmd"
      log "$e: $w x$RUNS: $cmd"
      python3 "$PEERS/measure.py" time "$RUNS" -- "$@" | while read -r u s wall rc; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$e" "$ENGINE_LABEL" "$w" "$u" "$s" "$wall" "$rc" >> "$TSV"
        log "   user $u sys $s wall $wall rc $rc"
      done
    done
  )
done

{
  echo "## Peer benchmark run $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: nproc $(nproc), CPU \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')\"," \
       "$(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r). Runs per cell: $RUNS."
  echo
  echo "Engines:"
  sed 's/^/- /' "$VERS"
  echo
  python3 "$PEERS/measure.py" table "$TSV"
  echo
  echo "Commands (scratch dir shown as \$BUILD):"
  echo
  echo '```'
  sed "s|$BUILD|\$BUILD|g" "$CMDS"
  echo '```'
} | tee "$BUILD/report.md"
