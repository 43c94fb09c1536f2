#!/usr/bin/env python3
"""Turns the JSON of bench/compare.sh's ttfs.py runs into the issue's table: briefing's
figures beside less's, the ratios (briefing / less, median of the per-round ratios) and
PASS/FAIL against each target of "Performance at scale".

usage: ratios.py [--markdown] LABEL:KEYS_JSON:IDLE_JSON:FILE [...]

LABEL names the document in the table ("shipped", "100MB"); KEYS_JSON is the run with
the keys (less is command 1, briefing command 2), IDLE_JSON the run with the 10 s idle
key, FILE the document (its size sets the memory target). A LABEL starting with
"shipped" gets the shipped briefing's targets, any other the large document's.
"""
import json
import os
import statistics
import sys

# The keys whose latency the issue bounds, and less's keys that stand for ] and }.
KEYS = ["j", "pgdn", "G", "g", "]", "}", "n"]
LESS_REFERENCE = ["j", "pgdn", "G", "g", "n"]
SEARCH_KEY = "find"          # /新局面⏎ from near the top: the first match is at the end
SEARCH_TYPING_KEY = "search"  # /三连冠⏎: typed search, reported without a target
IDLE_KEY = "idle"
# Keys pressed more than once a round: their figure in a round is the median of the presses.
PRESSES = {"j": ["j", "j2", "j3", "j4", "j5"]}


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    less, briefing = data["results"][0], data["results"][1]
    return list(zip(less, briefing))


def key_ms(res, key):
    if key in PRESSES:
        return med(press_ms(res, press) for press in PRESSES[key])
    return press_ms(res, key)


def press_ms(res, key):
    k = res.get("keys", {}).get(key)
    if k is None or k.get("status") not in ("ok", "busy"):
        return None
    return k.get("last_ms")


def key_field(res, key, field):
    k = res.get("keys", {}).get(key)
    return None if k is None else k.get(field)


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio_med(pairs, fa, fb):
    """Median over rounds of fb(briefing) / fa(less)."""
    rs = []
    for less, briefing in pairs:
        a, b = fa(less), fb(briefing)
        if a is not None and b is not None and a > 0:
            rs.append(b / a)
    return med(rs)


def fmt(v, unit=""):
    if v is None:
        return "–"
    if abs(v) >= 100:
        s = "%.0f" % v
    elif abs(v) >= 10:
        s = "%.1f" % v
    else:
        s = "%.2f" % v
    return s + unit


def verdict(value, limit):
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def rows_for(label, keys_json, idle_json, path):
    shipped = label.startswith("shipped")
    pairs = load(keys_json)
    rows = []

    def row(figure, less_v, briefing_v, ratio, target, result, unit=""):
        rows.append((figure, label, fmt(less_v, unit), fmt(briefing_v, unit),
                     fmt(ratio, "×") if ratio is not None else "–", target, result))

    # Time to first useful frame.
    limit = 1.5 if shipped else 3.0
    r = ratio_med(pairs, lambda x: x.get("ttff_ms"), lambda x: x.get("ttff_ms"))
    row("time to first frame", med(p[0].get("ttff_ms") for p in pairs),
        med(p[1].get("ttff_ms") for p in pairs), r, "≤ %g× less" % limit, verdict(r, limit), " ms")

    # Until the screen stays still with the program idle: for a reader that brings the
    # document in from a background thread, when the tree is complete. No target.
    row("start → settled screen (no target)", med(p[0].get("settle_ms") for p in pairs),
        med(p[1].get("settle_ms") for p in pairs),
        ratio_med(pairs, lambda x: x.get("settle_ms"), lambda x: x.get("settle_ms")), "—", "—", " ms")

    # Key to settled frame.
    for key in KEYS:
        b = med(key_ms(p[1], key) for p in pairs)
        if key in LESS_REFERENCE:
            a = med(key_ms(p[0], key) for p in pairs)
            r = ratio_med(pairs, lambda x, k=key: key_ms(x, k), lambda x, k=key: key_ms(x, k))
            target = "≤ 2× less's %s" % key
        else:
            ref = lambda x: med(key_ms(x, k) for k in LESS_REFERENCE)
            a = med(ref(p[0]) for p in pairs)
            r = ratio_med(pairs, ref, lambda x, k=key: key_ms(x, k))
            target = "≤ 2× median of less's j/pgdn/G/g/n"
        figure = "key %s → settled frame" % key
        if key in PRESSES:
            figure += " (median of %d presses)" % len(PRESSES[key])
        row(figure, a, b, r, target, verdict(r, 2.0), " ms")

    for key, presses in PRESSES.items():
        first = presses[0]
        row("key %s → settled frame, first press only (no target)" % key,
            med(press_ms(p[0], first) for p in pairs), med(press_ms(p[1], first) for p in pairs),
            ratio_med(pairs, lambda x: press_ms(x, first), lambda x: press_ms(x, first)),
            "—", "—", " ms")

    # Bytes per j, against a full repaint: the bytes of briefing's own first frame.
    less_j = med(key_field(p[0], "j", "bytes") for p in pairs)
    briefing_j = med(key_field(p[1], "j", "bytes") for p in pairs)
    full = med(p[1].get("bytes_start") for p in pairs)
    r = briefing_j / full if briefing_j is not None and full else None
    row("bytes per j (full first frame: %s B)" % fmt(full), less_j, briefing_j, r,
        "≤ 1× a full repaint", verdict(r, 1.0), " B")

    # Peak memory.
    size_mib = os.path.getsize(path) / 1048576
    less_m = med(p[0].get("hwm_mib") for p in pairs)
    briefing_m = med(p[1].get("hwm_mib") for p in pairs)
    if shipped:
        row("peak memory (VmHWM)", less_m, briefing_m, None, "—", "—", " MiB")
    else:
        limit_mib = 1.5 * size_mib + 32
        r = briefing_m / limit_mib if briefing_m is not None else None
        rows.append(("peak memory (VmHWM)", label, fmt(less_m, " MiB"), fmt(briefing_m, " MiB"),
                     fmt(r, "× of limit") if r is not None else "–",
                     "≤ 1.5 × %.0f MiB + 32 = %.0f MiB" % (size_mib, limit_mib),
                     verdict(briefing_m, limit_mib)))

    # Idle CPU over 10 s, in clock ticks (ttfs reports ms of 10 ms ticks).
    if idle_json and os.path.exists(idle_json):
        idle = load(idle_json)
        ticks = lambda x: None if key_field(x, IDLE_KEY, "cpu_ms") is None else key_field(x, IDLE_KEY, "cpu_ms") / 10
        less_t = max((ticks(p[0]) for p in idle if ticks(p[0]) is not None), default=None)
        briefing_t = max((ticks(p[1]) for p in idle if ticks(p[1]) is not None), default=None)
        rows.append(("CPU idle 10 s (ticks, worst run)", label, fmt(less_t), fmt(briefing_t), "–",
                     "0 ticks", verdict(briefing_t, 0)))

    # Whole-document search: the first match is in the closing, at the very end.
    r = ratio_med(pairs, lambda x: key_ms(x, SEARCH_KEY), lambda x: key_ms(x, SEARCH_KEY))
    a = med(key_ms(p[0], SEARCH_KEY) for p in pairs)
    b = med(key_ms(p[1], SEARCH_KEY) for p in pairs)
    if shipped:
        row("search 新局面 → first match shown", a, b, r, "—", "—", " ms")
    else:
        row("search 新局面 → first match shown", a, b, r, "≤ 5× less", verdict(r, 5.0), " ms")
    r = ratio_med(pairs, lambda x: key_ms(x, SEARCH_TYPING_KEY), lambda x: key_ms(x, SEARCH_TYPING_KEY))
    row("search typed /三连冠⏎ (no target)", med(key_ms(p[0], SEARCH_TYPING_KEY) for p in pairs),
        med(key_ms(p[1], SEARCH_TYPING_KEY) for p in pairs), r, "—", "—", " ms")

    notes = []
    for n, (less, briefing) in enumerate(pairs):
        for who, res in (("less", less), ("briefing", briefing)):
            for note in res.get("notes", []):
                notes.append("%s %s round %d: %s" % (label, who, n + 1, note))
    return rows, notes, len(pairs)


def main():
    args = sys.argv[1:]
    markdown = False
    if args and args[0] == "--markdown":
        markdown, args = True, args[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    rows, notes, rounds = [], [], []
    for spec in args:
        label, keys_json, idle_json, path = spec.split(":", 3)
        r, n, count = rows_for(label, keys_json, idle_json, path)
        rows += r
        notes += n
        rounds.append("%s: %d rounds" % (label, count))
    head = ("figure", "document", "less (median)", "briefing (median)", "ratio", "target", "result")
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
        for r in [head] + rows:
            print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    print()
    print("(%s; ratio = median over rounds of briefing ÷ less in the same round)" % ", ".join(rounds))
    failed = [r for r in rows if r[-1] == "FAIL"]
    print("%d targets checked, %d FAIL" % (sum(1 for r in rows if r[-1] in ("PASS", "FAIL")), len(failed)))
    for note in notes:
        print("note: " + note)


if __name__ == "__main__":
    main()
