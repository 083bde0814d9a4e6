#!/usr/bin/env bash
# bench/import.sh: how long `kh import` takes on a 100-page plan (issue 17; goal:
# under a second), in a release build. Prints a Markdown table on stdout.
#
#   bench/import.sh               # builds kh --release, makes the documents, times them
#   KH=path/to/kh bench/import.sh # times that kh instead (bench/run.sh passes its own)
#
# The documents are made here, from the seed fixtures under tests/import/, and
# removed afterwards:
#   - plan-100p.docx: the body of seed-004.docx (Đắk Nông: prose, numbered
#     sections, a 23-row appendix copied as lines, a table) repeated until the
#     text reaches 100 pages of about 3,000 characters (Times New Roman 13 on A4
#     holds about that much), as one Word document;
#   - plan-100p.txt: the five seed texts end to end, repeated to the same size.
# Needs python3 (its standard library only). Each measurement is the median of
# RUNS runs (default 5) of the shell's nanosecond clock around `kh import`.

set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
PAGES=${PAGES:-100}
log() { echo "bench: $*" >&2; }

if [ -z "${KH:-}" ]; then
    log "building kh --release"
    cargo build --release --quiet --bin kh >&2
    KH=$ROOT/target/release/kh
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - "$ROOT/tests/import" "$TMP" "$PAGES" <<'PY'
import re, sys, zipfile, pathlib

src, out, pages = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
PAGE = 3000  # characters of text a page

# Word: the body of seed 004 repeated, one document.
with zipfile.ZipFile(src / "seed-004.docx") as z:
    parts = {n: z.read(n) for n in z.namelist()}
xml = parts["word/document.xml"].decode("utf-8")
body_start = xml.index("<w:body>") + len("<w:body>")
sect = xml.rfind("<w:sectPr")
body_end = sect if sect > body_start else xml.index("</w:body>")
body = xml[body_start:body_end]
chars = sum(len(t) for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body))
copies = max(1, -(-pages * PAGE // chars))
parts["word/document.xml"] = (xml[:body_start] + body * copies + xml[body_end:]).encode("utf-8")
with zipfile.ZipFile(out / "plan-100p.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        z.writestr(n, b)
(out / "docx-pages").write_text(str(chars * copies // PAGE))

# Text: the five seeds end to end, repeated to the same size.
seeds = "".join((src / f"seed-00{i}.txt").read_text(encoding="utf-8") for i in range(5))
copies = max(1, -(-pages * PAGE // len(seeds)))
(out / "plan-100p.txt").write_text(seeds * copies, encoding="utf-8")
(out / "txt-pages").write_text(str(len(seeds) * copies // PAGE))
PY

median_of() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# time_import FILE: the median wall time of RUNS imports of FILE, in seconds.
time_import() {
    : >"$TMP/t"
    local i rc t0 t1
    for ((i = 1; i <= RUNS; i++)); do
        rc=0
        t0=$(date +%s%N)
        (cd "$ROOT" && "$KH" import "$1" >/dev/null 2>"$TMP/err") || rc=$?
        t1=$(date +%s%N)
        if [ "$rc" -gt 1 ]; then
            log "FAILED ($rc): kh import $1"
            sed 's/^/  /' "$TMP/err" >&2
            echo failed
            return 0
        fi
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }' >>"$TMP/t"
    done
    median_of "$TMP/t"
}

docx_t=$(time_import "$TMP/plan-100p.docx")
log "  docx: $docx_t s"
txt_t=$(time_import "$TMP/plan-100p.txt")
log "  txt: $txt_t s"
met() { awk -v t="$1" 'BEGIN { if (t == "failed") print "n/a"; else if (t + 0 < 1) print "**met**"; else print "**not met**" }'; }

echo
echo "| \`kh import\` of a 100-page plan (issue 17), release build, median of $RUNS | wall time (s) | goal < 1 s |"
echo "|---|---:|---|"
echo "| $(cat "$TMP/docx-pages") pages as .docx (seed 004's body repeated, $(($(stat -c %s "$TMP/plan-100p.docx") / 1024)) KB) | $docx_t | $(met "$docx_t") |"
echo "| $(cat "$TMP/txt-pages") pages as text (seeds 000-004 end to end, repeated) | $txt_t | $(met "$txt_t") |"
