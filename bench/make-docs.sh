#!/usr/bin/env bash
# Generates briefing-shaped documents of 1, 10 and 100 MiB from data/briefing.txt into
# bench/out/ (git-ignored), for the benchmarks and bench/compare.sh.
#
# Shape: the title, the salutation and the opening paragraph once; then numbered parts
# (第N部分), each with 20 sections (第N节), each section holding the speech's opening
# paragraph and its three 一、二、三、 headings with their 一是…二是… points; the closing
# and the footer once at the end. So the parser sees many headings at four depths, the
# first screen is the shipped briefing's (with 市委召开 on it), 三连冠 occurs everywhere
# and 新局面 only in the closing, at the very end.
#
# Idempotent: a document newer than this script and data/briefing.txt is kept; --force
# regenerates. Usage: bench/make-docs.sh [--force] [SIZE_MIB ...]   (default: 1 10 100)
set -euo pipefail
cd "$(dirname "$0")/.."

force=0
if [ "${1:-}" = "--force" ]; then
  force=1
  shift
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)

mkdir -p bench/out
for mib in "${sizes[@]}"; do
  out="bench/out/doc-${mib}m.txt"
  if [ "$force" = 0 ] && [ -s "$out" ] && [ "$out" -nt data/briefing.txt ] && [ "$out" -nt "$0" ]; then
    echo "up to date: $out"
    continue
  fi
  python3 - "$mib" "$out" <<'PY'
import os, sys

mib, out = int(sys.argv[1]), sys.argv[2]
target = mib * 1024 * 1024
SECTIONS_PER_PART = 20

DIGITS = "零一二三四五六七八九"


def numeral(n):
    """1..9999 the way a list numbers them: 十一, 二十, 一百零五, 一千二百三十四."""
    assert 0 < n < 10000
    if 10 <= n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out.append("零")
            out.append(DIGITS[d] + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


with open("data/briefing.txt", encoding="utf-8") as f:
    paras = [line.rstrip("\n") for line in f if line.strip()]
title = paras[0]
salutation_at = next(i for i, p in enumerate(paras) if p.strip().startswith("同志们") and len(p.strip()) <= 4)
opening = paras[salutation_at + 1]
closing_at = next(i for i, p in enumerate(paras) if i > salutation_at + 1 and p.strip().startswith("同志们"))
body = paras[salutation_at + 2:closing_at]          # 一、 … 三、 and their paragraphs
tail = paras[closing_at:]                             # closing and footer
assert body[0].strip().startswith("一、"), body[0]

head = "\n\n".join([title] + paras[1:salutation_at + 2]) + "\n\n"
end = "\n\n".join(tail) + "\n"
section_body = "\n\n".join([opening] + body) + "\n\n"
size = len(head.encode()) + len(end.encode())
section_bytes = len(section_body.encode())

chunks, part, section = [head], 0, 0
while size < target:
    if section % SECTIONS_PER_PART == 0:
        part += 1
        line = "  第%s部分　全区双拥创建工作部署\n\n" % numeral(part)
        chunks.append(line)
        size += len(line.encode())
    section += 1
    line = "  第%s节　推进会讲话要点\n\n" % numeral(section - (part - 1) * SECTIONS_PER_PART)
    chunks.append(line)
    chunks.append(section_body)
    size += len(line.encode()) + section_bytes
chunks.append(end)

tmp = out + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    f.write("".join(chunks))
os.replace(tmp, out)
print("wrote %s: %d bytes, %d parts, %d sections" % (out, os.path.getsize(out), part, section))
PY
done
