#!/usr/bin/env bash
# bench/run.sh: how long kh takes, and how much memory, on generated national
# repositories of 1%, 10% and 100% of the country, compared with the parsing
# floor (every YAML file parsed into untyped values on all cores).
#
#   bench/run.sh                  # build, generate (once), measure, print Markdown
#   bench/run.sh > results.md     # the tables only go to stdout; progress to stderr
#
# Settings (environment):
#   KH_BENCH_DIR  where the repositories are generated (default /tmp/kh-bench);
#                 a repository already there (with its planted.csv) is reused
#   SCALES        default "1 10 100"
#   SEED          default 1
#   RUNS          runs per measurement, the median is reported (default 3)
#   RUNS_LARGEST  runs per measurement at the largest scale (default: RUNS)
#   FAST_RUNS     runs of a command whose first run took under 0.5 s (default 15)
#   REGEN=1       generate again even if present
#   KH_REV        what to call the kh measured (default: git HEAD, marked when src/ has changes)
#
# Needs GNU time (/usr/bin/time -f "%e %M"); on Debian/Ubuntu: apt-get install
# -y time. Each measurement is one command: its peak resident memory (%M) and
# CPU time (%U + %S, all threads) from GNU time, its wall time from the
# shell's nanosecond clock around it (GNU time's %e has only hundredths, too
# coarse for one plan); each the median of the runs (the lower middle one for
# an even count). Before timing a repository it is read once (the floor,
# untimed) to warm the page cache; a machine that reclaims idle page cache
# (as the VM these numbers were first taken on does) still reads part of a
# large repository from disk on each run, so CPU time is shown beside wall time. kh check exits 1 on these repositories
# (they hold planted errors): that is expected and still timed. The cold check
# and the floor are run by turns (check, floor, check, floor...), so that a
# shared machine's drift over minutes falls on both and not on their ratio.

set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${KH_BENCH_DIR:-/tmp/kh-bench}
SCALES=${SCALES:-"1 10 100"}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
LARGEST=$(echo "$SCALES" | tr ' ' '\n' | sort -n | tail -1)
RUNS_LARGEST=${RUNS_LARGEST:-$RUNS}
FAST_RUNS=${FAST_RUNS:-15}
TODAY=2026-11-23

log() { echo "bench: $*" >&2; }

TIME=/usr/bin/time
if ! "$TIME" -f "%e %M" true >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing GNU time"
        apt-get install -y time >&2 || { apt-get update >&2 && apt-get install -y time >&2; }
    else
        echo "bench: GNU time is needed at /usr/bin/time (apt-get install -y time)" >&2
        exit 2
    fi
fi

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
log "building release binaries"
cargo build --release --quiet --bin kh --example yaml-floor >&2
cargo build --release --quiet -p kh-gen >&2
KH=$ROOT/target/release/kh
GEN=$ROOT/target/release/kh-gen
FLOOR=$ROOT/target/release/examples/yaml-floor

mkdir -p "$DIR"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'log "stopped by a signal"; exit 130' INT TERM HUP

# median_of FILE: the median of the numbers in FILE, one a line.
median_of() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure KEY RUNS DIR CMD...: runs CMD in DIR; sets T[KEY] (wall s), C[KEY]
# (CPU s) and M[KEY] (peak KB). When BEFORE is set, it is evaluated (in DIR,
# untimed) before each run, with $i the run's number.
declare -A T C M
BEFORE=
measure() {
    local key=$1 runs=$2 dir=$3
    shift 3
    samples_reset "$key"
    for ((i = 1; i <= runs; i++)); do
        # A command of a few milliseconds is mostly process start: more runs.
        if [ "$i" = 2 ] && awk -v t="$(head -1 "$(samples "$key")/t")" 'BEGIN { exit !(t < 0.5) }'; then
            runs=$((runs > FAST_RUNS ? runs : FAST_RUNS))
        fi
        run_once "$key" "$dir" "$@" || return 0
    done
    summarise "$key" "$runs"
}

# measure_pair KEY_A KEY_B RUNS DIR: runs PAIR_A and PAIR_B (arrays: each a
# command) in DIR by turns, A then B, RUNS times each, and sets T, C and M for
# both keys. A shared machine drifts over minutes: taken by turns, the two
# commands see the same drift, and their ratio does not.
PAIR_A=()
PAIR_B=()
measure_pair() {
    local a=$1 b=$2 runs=$3 dir=$4
    samples_reset "$a"
    samples_reset "$b"
    for ((i = 1; i <= runs; i++)); do
        if [ "$i" = 2 ] && awk -v t="$(head -1 "$(samples "$a")/t")" 'BEGIN { exit !(t < 0.5) }'; then
            runs=$((runs > FAST_RUNS ? runs : FAST_RUNS))
        fi
        run_once "$a" "$dir" "${PAIR_A[@]}" || return 0
        run_once "$b" "$dir" "${PAIR_B[@]}" || return 0
    done
    summarise "$a" "$runs"
    summarise "$b" "$runs"
}

# samples KEY: the folder of KEY's samples (t: wall s, m: peak KB, c: CPU s).
samples() { echo "$TMP/samples/${1// /_}"; }
samples_reset() { rm -rf "$(samples "$1")" && mkdir -p "$(samples "$1")" && : >"$(samples "$1")/t" && : >"$(samples "$1")/m" && : >"$(samples "$1")/c"; }

# run_once KEY DIR CMD...: one timed run, its numbers added to KEY's samples;
# fails (with T[KEY] "failed") when CMD exits above 1.
run_once() {
    local key=$1 dir=$2 rc=0 t0 t1 d
    shift 2
    d=$(samples "$key")
    [ -n "$BEFORE" ] && (cd "$dir" && eval "$BEFORE")
    t0=$(date +%s%N)
    (cd "$dir" && "$TIME" -f "%e %M %U %S" -o "$TMP/one" "$@" >/dev/null 2>"$TMP/err") || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" -gt 1 ]; then
        log "FAILED ($rc): $* in $dir"
        sed 's/^/  /' "$TMP/err" >&2
        T[$key]=failed
        C[$key]=failed
        M[$key]=0
        return 1
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >>"$d/t"
    tail -1 "$TMP/one" | awk '{ print $2 }' >>"$d/m"
    tail -1 "$TMP/one" | awk '{ printf "%.2f\n", $3 + $4 }' >>"$d/c"
}

# summarise KEY RUNS: the medians of KEY's samples into T, C and M.
summarise() {
    local key=$1 runs=$2 d
    d=$(samples "$key")
    T[$key]=$(median_of "$d/t")
    C[$key]=$(median_of "$d/c")
    M[$key]=$(median_of "$d/m")
    log "  $key: ${T[$key]} s wall, ${C[$key]} s CPU, $((M[$key] / 1024)) MiB (median of $runs)"
}

declare -A PLANS CSVS SIZE PSIZE PLANTED PROV COMM COMMFILE
for s in $SCALES; do
    repo=$DIR/national-$s-seed$SEED
    if [ "${REGEN:-0}" = 1 ] || [ ! -f "$repo/planted.csv" ]; then
        rm -rf "$repo"
        log "generating $s% into $repo"
        "$GEN" --scale "$s" --seed "$SEED" --out "$repo" >&2
    else
        log "reusing $repo"
    fi
    PLANS[$s]=$(find "$repo/plans" -name '*.yaml' ! -name indicators.yaml | wc -l)
    CSVS[$s]=$(find "$repo/reports" -name '*.csv' | wc -l)
    # The repository as generated: neither git's objects nor kh's cache.
    SIZE[$s]=$(du -sb --exclude=.git --exclude=.kh-cache "$repo" | cut -f1)
    PSIZE[$s]=$(du -sb "$repo/plans" | cut -f1)
    PLANTED[$s]=$(($(wc -l <"$repo/planted.csv") - 1))
    # The first province (in name order) and its first commune.
    pdir=$(find "$repo/plans" -mindepth 1 -maxdepth 1 -type d ! -name national | sort | sed -n 1p)
    cdir=$(find "$pdir" -mindepth 1 -maxdepth 1 -type d | sort | sed -n 1p)
    PROV[$s]=$(sed -n 's/^id: //p' "$pdir"/so-gddt-*.yaml)
    COMMFILE[$s]=${pdir#"$repo"/}/$(basename "$cdir")-2026.yaml
    COMM[$s]=$(sed -n 's/^id: //p' "$repo/${COMMFILE[$s]}")

    runs=$RUNS
    [ "$s" = "$LARGEST" ] && runs=$RUNS_LARGEST
    log "measuring $s% (${PLANS[$s]} plans, $runs runs each)"
    "$FLOOR" "$repo/plans" >/dev/null # warm the page cache
    # Cold: no cache at all, every file parsed (what kh check always did),
    # by turns with the floor.
    PAIR_A=("$KH" check --no-cache --today $TODAY)
    PAIR_B=("$FLOOR" plans)
    measure_pair "check $s" "floor $s" "$runs" "$repo"
    # The repository in git (once), as a CI checkout is: the cache then
    # knows unchanged files by git's blob ids, without reading them.
    if [ ! -d "$repo/.git" ]; then
        log "  putting $repo under git (once)"
        (cd "$repo" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -q -m generated) >&2
    fi
    # No automatic gc or maintenance: a repack of the whole repository,
    # started in the background by a commit below, would take a core from
    # the measurements for minutes.
    (cd "$repo" && git config gc.auto 0 && git config maintenance.auto false && git checkout -q main) >&2
    # The cache (issue 19): the first run, which fills it; a warm run,
    # nothing changed; one commune plan changed before each run (a comment
    # line with the run's number: its bytes differ every time).
    BEFORE='rm -rf .kh-cache'
    measure "first $s" "$runs" "$repo" "$KH" check --today $TODAY
    BEFORE=
    "$KH" check --today $TODAY >/dev/null 2>&1 || true
    measure "warm $s" "$runs" "$repo" "$KH" check --today $TODAY
    cp "$repo/${COMMFILE[$s]}" "$TMP/commune.yaml"
    BEFORE='cp "$TMP/commune.yaml" "${COMMFILE[$s]}" && echo "# bench run $i $RANDOM" >> "${COMMFILE[$s]}"'
    measure "one $s" "$runs" "$repo" "$KH" check --today $TODAY
    BEFORE=
    cp "$TMP/commune.yaml" "$repo/${COMMFILE[$s]}"
    # kh check --changed for a pull request that changes that commune plan:
    # a branch "bench-pr" with the change committed, the cache warm.
    (cd "$repo" && git checkout -q main && git branch -q -f bench-pr main && git checkout -q bench-pr &&
        sed -i 's/^title: /title: (PR) /' "${COMMFILE[$s]}" &&
        git -c user.name=bench -c user.email=bench@localhost commit -q -am "one commune plan changed") >&2
    "$KH" check --today $TODAY >/dev/null 2>&1 || true
    measure "changed $s" "$runs" "$repo" "$KH" check --changed main --today $TODAY
    (cd "$repo" && git checkout -q main) >&2
    "$KH" check --today $TODAY >/dev/null 2>&1 || true
    measure "due $s" "$runs" "$repo" "$KH" due --month 12/2026 --today $TODAY
    measure "diff $s" "$runs" "$repo" "$KH" diff "${PROV[$s]}" "${COMM[$s]}"
    measure "status $s" "$runs" "$repo" "$KH" status --rollup --as-of $TODAY
    # The same two without the cache: every plan parsed, as a first run does.
    measure "duecold $s" "$runs" "$repo" "$KH" due --no-cache --month 12/2026 --today $TODAY
    measure "statuscold $s" "$runs" "$repo" "$KH" status --no-cache --rollup --as-of $TODAY
    measure "check1 $s" "$runs" "$repo" "$KH" check --today $TODAY "${COMMFILE[$s]}"
    measure "due1 $s" "$runs" "$repo" "$KH" due --month 12/2026 --today $TODAY --plan "${COMM[$s]}"
done

# ---- report
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
mbb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "failed" || b == "failed" || a + 0 == 0 || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
met() { awk -v r="$1" -v t="$2" -v op="$3" 'BEGIN { if (r == "n/a") print "n/a"; else if ((op == "<=" && r + 0 <= t + 0) || (op == "<" && r + 0 < t + 0)) print "**met**"; else print "**not met**" }'; }
wall() { [ "${T[$1]}" = failed ] && echo "failed" || echo "${T[$1]}"; }
cpu() { [ "${C[$1]}" = failed ] && echo "failed" || echo "${C[$1]}"; }
peak() { [ "${T[$1]}" = failed ] && echo "failed" || mb "${M[$1]}"; }

cores=$(nproc)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | sed -n 1p)
mem=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
if [ -n "${KH_REV:-}" ]; then
    commit=$KH_REV
else
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    dirty=$(git -C "$ROOT" status --porcelain -- src Cargo.toml 2>/dev/null | wc -l)
    [ "$dirty" != 0 ] && commit="$commit + uncommitted changes in src/"
fi

echo "Machine: $cores cores (\`nproc\`), ${cpu_model:-unknown CPU}, ${mem:-? GB} RAM; kh $commit; $(date -u +%Y-%m-%d)."
echo "Load average (1, 5, 15 min) before building: $LOAD_START; after measuring: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (anything else running shares the cores)."
echo "Median of $RUNS runs ($RUNS_LARGEST at $LARGEST%; $FAST_RUNS for a command under 0.5 s); page cache warmed once per repository."
echo
printf '| repository |'
for s in $SCALES; do printf ' %s%% |' "$s"; done
printf '\n|---|'
for s in $SCALES; do printf -- '---:|'; done
echo
printf '| plan files |'; for s in $SCALES; do printf ' %s |' "${PLANS[$s]}"; done; echo
printf '| report files (CSV) |'; for s in $SCALES; do printf ' %s |' "${CSVS[$s]}"; done; echo
printf '| size on disk (`du -sb`, 10^6 bytes) |'; for s in $SCALES; do printf ' %s MB |' "$(mbb "${SIZE[$s]}")"; done; echo
printf '| of which plans/ |'; for s in $SCALES; do printf ' %s MB |' "$(mbb "${PSIZE[$s]}")"; done; echo
printf '| planted findings |'; for s in $SCALES; do printf ' %s |' "${PLANTED[$s]}"; done; echo
table() {
    local title=$1 fn=$2
    echo
    printf '| %s |' "$title"
    for s in $SCALES; do printf ' %s%% |' "$s"; done
    printf '\n|---|'
    for s in $SCALES; do printf -- '---:|'; done
    echo
    row "\`kh check --no-cache --today $TODAY\` (cold)" check "$fn"
    row "floor: \`yaml-floor plans\` (serde_yaml::Value, all cores)" floor "$fn"
    row "\`kh check\`, first run: fills the cache" first "$fn"
    row "\`kh check\`, warm: nothing changed" warm "$fn"
    row "\`kh check\`, one commune plan changed" one "$fn"
    row "\`kh check --changed main\`, a pull request changing one commune plan" changed "$fn"
    row "\`kh due --month 12/2026 --today $TODAY\`" due "$fn"
    row "\`kh diff <province> <commune>\`" diff "$fn"
    row "\`kh status --rollup --as-of $TODAY\`" status "$fn"
    row "\`kh due --no-cache --month 12/2026 --today $TODAY\`" duecold "$fn"
    row "\`kh status --no-cache --rollup --as-of $TODAY\`" statuscold "$fn"
    row "\`kh check <one commune plan file>\`" check1 "$fn"
    row "\`kh due --month 12/2026 --plan <that commune>\`" due1 "$fn"
}
row() { printf '| %s |' "$1"; for s in $SCALES; do printf ' %s |' "$($3 "$2 $s")"; done; echo; }
table "wall time (s)" wall
table "CPU time, user + sys (s)" cpu
table "peak resident memory (MiB)" peak
echo
L=$LARGEST
prev=$(echo "$SCALES" | tr ' ' '\n' | sort -n | tail -2 | head -1)
echo "Ratios at $L% (targets from issue 6):"
echo
echo "| ratio | value | target | |"
echo "|---|---:|---|---|"
r=$(ratio "${T[check $L]}" "${T[floor $L]}")
echo "| \`kh check\` / floor, wall time ($cores cores) | $r | ≤ 1.5 | $(met "$r" 1.5 "<=") |"
r=$(ratio "${C[check $L]}" "${C[floor $L]}")
echo "| \`kh check\` / floor, CPU time | $r | (≤ 1.5) | $(met "$r" 1.5 "<=") |"
r=$(ratio "${T[check $L]}" "${T[check $prev]}")
echo "| \`kh check\` growth $prev% → $L%, wall time (the repository grows $(ratio "${SIZE[$L]}" "${SIZE[$prev]}")×) | $r | ≤ 11 | $(met "$r" 11 "<=") |"
r=$(ratio "${C[check $L]}" "${C[check $prev]}")
echo "| \`kh check\` growth $prev% → $L%, CPU time | $r | (≤ 11) | $(met "$r" 11 "<=") |"
r=$(ratio "$((${M[check $L]} * 1024))" "${SIZE[$L]}")
echo "| \`kh check\` peak memory / repository size on disk | $r | ≤ 2 | $(met "$r" 2 "<=") |"
r=$(ratio "${T[due1 $L]}" "${T[check1 $L]}")
echo "| \`kh due --plan <commune>\` / \`kh check <that plan's file>\` (time) | $r | < 1.5 | $(met "$r" 1.5 "<") |"
r=$(ratio "${T[diff $L]}" "${T[check1 $L]}")
echo "| \`kh diff <province> <commune>\` / \`kh check <the commune's file>\` (time) | $r | < 1.5 | $(met "$r" 1.5 "<") |"
echo
echo "Ratios at $L% (targets from issue 19), each against the cold \`kh check --no-cache\` of the same run:"
echo
echo "| ratio | value | target | |"
echo "|---|---:|---|---|"
for k in warm one; do
    case $k in warm) what="warm \`kh check\`, nothing changed"; target=0.15 ;; one) what="\`kh check\`, one commune plan changed"; target=0.2 ;; esac
    r=$(ratio "${T[$k $L]}" "${T[check $L]}")
    echo "| $what / cold, wall time | $r | ≤ $target | $(met "$r" $target "<=") |"
    r=$(ratio "${C[$k $L]}" "${C[check $L]}")
    echo "| $what / cold, CPU time | $r | (≤ $target) | $(met "$r" $target "<=") |"
done
r=$(wall "changed $L")
echo "| \`kh check --changed\`, one commune plan changed, wall time (s) | $r | < 0.3 | $(met "$r" 0.3 "<") |"
declare -A WHOLE=([due]="\`kh due\`" [status]="\`kh status --rollup\`" [duecold]="\`kh due --no-cache\`" [statuscold]="\`kh status --rollup --no-cache\`")
for k in due status duecold statuscold; do
    what=${WHOLE[$k]}
    r=$(ratio "${T[$k $L]}" "${T[check $L]}")
    echo "| $what (whole repository) / cold \`kh check\`, wall time | $r | ≤ 1.3 | $(met "$r" 1.3 "<=") |"
    r=$(ratio "${M[$k $L]}" "${M[check $L]}")
    echo "| $what (whole repository) / cold \`kh check\`, peak memory | $r | ≤ 1.5 | $(met "$r" 1.5 "<=") |"
done
r=$(ratio "${T[check $L]}" "${T[floor $L]}")
echo "| cold \`kh check\` / floor, wall time | $r | ≤ 1.1 | $(met "$r" 1.1 "<=") |"
r=$(ratio "$((${M[check $L]} * 1024))" "${SIZE[$L]}")
echo "| cold \`kh check\` peak memory / repository size on disk | $r | ≤ 1.5 | $(met "$r" 1.5 "<=") |"
echo
echo "For reference: floor growth $prev% → $L%: $(ratio "${T[floor $L]}" "${T[floor $prev]}")× wall, $(ratio "${C[floor $L]}" "${C[floor $prev]}")× CPU; \`kh check\` peak memory / plans/ size: $(ratio "$((${M[check $L]} * 1024))" "${PSIZE[$L]}")."
echo "Plans used: province \`${PROV[$L]}\`, commune \`${COMM[$L]}\` (\`${COMMFILE[$L]}\`)."

# kh import (issue 17): a 100-page plan as .docx and as text; goal: under a second.
KH=$KH RUNS=${FAST_RUNS} "$ROOT/bench/import.sh"
