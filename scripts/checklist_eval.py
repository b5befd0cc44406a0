#!/usr/bin/env python3
"""Measure the Art. 28 checklist (`concordia review --json`) against a checklist gold file.

usage: checklist_eval.py [--set DIR] [--gold FILE] [--bin PATH] [--part all|dev|held] [--quiet]
  --set   a folder holding checklist-gold.json and the documents its keys name
          (default: ../shared/real)
  --gold  a gold file elsewhere whose keys name documents in --set (a round of our own, such as
          crates/core/tests/fixtures/checklist-rounds/corpus-checklist-gold.json on ../shared/corpus)
  --part  dev: every document but the held-back ones; held: only those (the last file of each
          language in name order, kept back to be measured once); all: both (default)
  --quiet print only the figures, not each disagreement (use it on the held-back part)

Prints, overall and per language: status accuracy (met / partly / missing agree), precision and
recall of violations ("partly" or "missing": what a lawyer must act on) and of "met"; and of the
statuses found right that gold quotes (met or partly), how many quote the gold's sentence (one
quote holds the other, or they share half the gold quote's words).
Gold format: see ../shared/real/README.md.
"""
import argparse, collections, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def held_back(files):
    """The last document of each language in name order."""
    last = {}
    for f in sorted(files):
        last[os.path.basename(f)[:2]] = f
    return set(last.values())


def review(binary, paths):
    data = tempfile.mkdtemp(prefix="concordia-checklist-")
    env = dict(os.environ, CONCORDIA_DATA_DIR=data)
    try:
        subprocess.run([binary, "import", *paths], env=env, capture_output=True, check=False)
        out = subprocess.run([binary, "review", *paths, "--json"], env=env, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"concordia review failed: {out.stderr.strip()[:300]}")
        return json.loads(out.stdout)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def ratio(a, b):
    return f"{100 * a / b:5.1f} %" if b else "    –  "


def words(text):
    return [w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split() if w]


def same_quote(gold, found):
    """Whether the found quote is the gold's sentence: one holds the other, or it has half the
    gold quote's words."""
    g, f = " ".join(words(gold)), " ".join(words(found))
    if not g or not f:
        return False
    if g in f or f in g:
        return True
    gw = words(gold)
    return sum(w in set(words(found)) for w in gw) * 2 >= len(gw)


def figures(name, pairs):
    """pairs: (gold status, found status)."""
    n = len(pairs)
    agree = sum(g == f for g, f in pairs)
    bad = lambda s: s in ("partly", "missing")
    tp_v = sum(bad(g) and bad(f) for g, f in pairs)
    found_v = sum(bad(f) for _, f in pairs)
    gold_v = sum(bad(g) for g, _ in pairs)
    tp_m = sum(g == f == "met" for g, f in pairs)
    found_m = sum(f == "met" for _, f in pairs)
    gold_m = sum(g == "met" for g, _ in pairs)
    print(f"{name:8} {n:4} items  accuracy {ratio(agree, n)}  "
          f"violations P {ratio(tp_v, found_v)} R {ratio(tp_v, gold_v)} ({gold_v} in gold)  "
          f"met P {ratio(tp_m, found_m)} R {ratio(tp_m, gold_m)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default=os.path.join(ROOT, "..", "shared", "real"))
    ap.add_argument("--gold", default=None)
    ap.add_argument("--bin", default=None)
    ap.add_argument("--part", choices=["all", "dev", "held"], default="all")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    binary = args.bin or next(b for b in (os.path.join(ROOT, "target", d, "concordia") for d in ("release", "debug"))
                              if os.path.exists(b))
    gold = json.load(open(args.gold or os.path.join(args.set, "checklist-gold.json")))["docs"]
    files = sorted(gold)
    held = held_back(files)
    chosen = [f for f in files if args.part == "all" or (f in held) == (args.part == "held")]
    paths = [os.path.join(args.set, f) for f in chosen]
    reviews = review(binary, paths)
    pairs, by_lang, quotes = [], collections.defaultdict(list), []
    for f, r in zip(chosen, reviews):
        found = {c["requirement"]: c for c in r["checklist"]}
        for req, g in gold[f].items():
            got = found.get(req, {}).get("status", "absent")
            pairs.append((g["status"], got))
            if got == g["status"] != "missing" and g.get("quote"):
                quotes.append(same_quote(g["quote"], found.get(req, {}).get("quote") or ""))
            by_lang[os.path.basename(f)[:2]].append((g["status"], got))
            if g["status"] != got and not args.quiet:
                print(f"{os.path.basename(f)} {req}: gold {g['status']}, found {got}")
                print(f"    gold:  {g.get('quote', '')[:160]!r}  {g.get('note', '')[:160]}")
                print(f"    found: {found.get(req, {}).get('quote', '')[:160]!r}")
    print(f"checklist on {len(chosen)} documents ({args.part})")
    figures("all", pairs)
    for lang in sorted(by_lang):
        figures(lang, by_lang[lang])
    print(f"quotes   {len(quotes):4} right statuses with a gold quote: {ratio(sum(quotes), len(quotes))} quote the gold's sentence")


if __name__ == "__main__":
    main()
