"""Driver for scripts/benchmark-strength: Moat's estimator and zxcvbn on one generated corpus.

The corpus is generated with a fixed seed from the bundled word lists, so every run measures the same
passwords. Prints score agreement (exact and within one), guesses agreement, and passwords per second.
"""
import argparse
import json
import os
import pathlib
import platform
import random
import statistics
import string
import subprocess
import tempfile
import time

from zxcvbn import zxcvbn

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "Sources" / "PasswordStrength" / "Resources"
LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "$5", "t": "7+", "l": "1", "g": "9", "b": "8"}
ROWS = ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "7894561230", "147258369"]
COLUMNS = ["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"]
SYMBOLS = "!@#$%&*?."


def words(name):
    return [w for w in (RESOURCES / (name + ".txt")).read_text(encoding="utf-8").split("\n")
            if w and not w.startswith("#")]


def skewed(rng, items, limit=None):
    """An item biased towards the top of a ranked list (people pick common words)."""
    top = len(items) if limit is None else min(limit, len(items))
    return items[min(int(rng.paretovariate(0.6)) - 1, top - 1)] if rng.random() < 0.7 else items[rng.randrange(top)]


def capitalize(rng, word):
    roll = rng.random()
    if roll < 0.45:
        return word
    if roll < 0.8:
        return word[:1].upper() + word[1:]
    if roll < 0.9:
        return word.upper()
    return "".join(c.upper() if rng.random() < 0.3 else c for c in word)


def leet(rng, word):
    return "".join(rng.choice(LEET[c]) if c in LEET and rng.random() < 0.6 else c for c in word)


def suffix(rng):
    roll = rng.random()
    if roll < 0.3:
        return str(rng.randrange(10))
    if roll < 0.55:
        return str(rng.randrange(100)).zfill(rng.choice([1, 2]))
    if roll < 0.7:
        return str(rng.randrange(1950, 2026))
    if roll < 0.8:
        return "123"
    if roll < 0.9:
        return rng.choice(SYMBOLS)
    return str(rng.randrange(1000)) + rng.choice(SYMBOLS)


def date(rng):
    y, m, d = rng.randrange(1940, 2025), rng.randrange(1, 13), rng.randrange(1, 29)
    sep = rng.choice(["", "", "/", "-", ".", "_"])
    form = rng.randrange(5)
    yy = "%02d" % (y % 100)
    if form == 0:
        return "%d%s%02d%s%02d" % (y, sep, m, sep, d)
    if form == 1:
        return "%02d%s%02d%s%d" % (m, sep, d, sep, y)
    if form == 2:
        return "%02d%s%02d%s%d" % (d, sep, m, sep, y)
    if form == 3:
        return "%s%s%02d%s%02d" % (yy, sep, m, sep, d)
    return "%d%s%d%s%s" % (m, sep, d, sep, yy)


def walk(rng):
    if rng.random() < 0.25:
        start = rng.randrange(len(COLUMNS) - 2)
        text = "".join(COLUMNS[start:start + rng.randrange(2, 4)])
    else:
        row = rng.choice(ROWS)
        start = rng.randrange(len(row) - 3)
        text = row[start:start + rng.randrange(4, len(row) - start + 1)]
        if rng.random() < 0.2:
            text = text[::-1]
    if rng.random() < 0.2:
        text = text.upper() if rng.random() < 0.5 else text[:1].upper() + text[1:]
    return text + (suffix(rng) if rng.random() < 0.3 else "")


def random_string(rng):
    length = rng.choice([6, 8, 8, 10, 12, 14, 16, 20])
    alphabet = rng.choice([string.ascii_lowercase, string.ascii_lowercase + string.digits,
                           string.ascii_letters + string.digits,
                           string.ascii_letters + string.digits + "!@#$%^&*-_+=?"])
    return "".join(rng.choice(alphabet) for _ in range(length))


def corpus(size, seed):
    rng = random.Random(seed)
    lists = {name: words(name) for name in ["passwords", "english_wikipedia", "female_names", "surnames",
                                            "us_tv_and_film", "male_names", "japanese"]}
    english = [w for w in lists["english_wikipedia"] if len(w) >= 3]
    names = lists["female_names"] + lists["male_names"] + lists["surnames"]
    japanese = lists["japanese"]
    kinds = [
        ("common", 0.16, lambda: skewed(rng, lists["passwords"])),
        ("word+digits", 0.16, lambda: capitalize(rng, skewed(rng, english, 20000)) + suffix(rng)),
        ("l33t", 0.10, lambda: capitalize(rng, leet(rng, skewed(rng, english + names, 30000))) + (suffix(rng) if rng.random() < 0.5 else "")),
        ("two words", 0.08, lambda: skewed(rng, english, 10000) + rng.choice(["", "", "_", "-", "."]) + skewed(rng, english, 10000) + (suffix(rng) if rng.random() < 0.4 else "")),
        ("keyboard", 0.10, lambda: walk(rng)),
        ("date", 0.08, lambda: (capitalize(rng, skewed(rng, names)) if rng.random() < 0.4 else "") + date(rng)),
        ("japanese", 0.14, lambda: capitalize(rng, skewed(rng, japanese)) + rng.choice(["", "_", "."]) + rng.choice([str(rng.randrange(1950, 2026)), "%02d" % rng.randrange(100), date(rng), skewed(rng, japanese), suffix(rng)])),
        ("random", 0.18, lambda: random_string(rng)),
    ]
    weights = [k[1] for k in kinds]
    out = []
    while len(out) < size:
        _, _, make = rng.choices(kinds, weights)[0]
        password = make()
        if 0 < len(password) <= 72 and "\n" not in password:
            out.append(password)
    return out


def run_moat(binary, path, lists, runs):
    out = subprocess.run([binary, "strength", "--input", path, "--lists", lists, "--runs", str(runs)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_zxcvbn(passwords, runs):
    timings = []
    results = None
    for _ in range(runs):
        start = time.perf_counter()
        round_ = [zxcvbn(p) for p in passwords]
        timings.append(time.perf_counter() - start)
        results = round_
    return [r["score"] for r in results], [float(r["guesses_log10"]) for r in results], timings


def compare(name, moat, ref_scores, ref_logs, ref_rate, count):
    scores, logs = moat["scores"], moat["guesses_log10"]
    exact = sum(a == b for a, b in zip(scores, ref_scores)) / count
    within = sum(abs(a - b) <= 1 for a, b in zip(scores, ref_scores)) / count
    close = sum(abs(a - b) < 0.01 for a, b in zip(logs, ref_logs)) / count
    rate = count / statistics.median(moat["seconds"])
    print("%-34s %8.2f%% %8.2f%% %10.2f%% %12.0f %10.1f" % (name, 100 * exact, 100 * within, 100 * close, rate, rate / ref_rate))
    return scores


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--moat", required=True)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--show-differences", type=int, default=0)
    args = parser.parse_args()
    passwords = corpus(args.size, args.seed)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(passwords) + "\n")
        path = f.name
    try:
        moat_all = run_moat(args.moat, path, "all", args.runs)
        moat_zx = run_moat(args.moat, path, "zxcvbn", args.runs)
        ref_scores, ref_logs, ref_times = run_zxcvbn(passwords, args.runs)
    finally:
        os.unlink(path)
    count = len(passwords)
    ref_rate = count / statistics.median(ref_times)
    print("machine: %s, %d cores; corpus: %d passwords, seed %d; zxcvbn 4.5.0 (Python); medians of %d passes"
          % (platform.machine(), os.cpu_count(), count, args.seed, args.runs))
    print("%-34s %9s %9s %11s %12s %10s" % ("", "exact", "within 1", "same log10", "passwords/s", "speed-up"))
    print("%-34s %9s %9s %11s %12.0f %10s" % ("zxcvbn (reference)", "", "", "", ref_rate, "1.0"))
    compare("Moat, zxcvbn's lists", moat_zx, ref_scores, ref_logs, ref_rate, count)
    scores = compare("Moat, all lists (with Japanese)", moat_all, ref_scores, ref_logs, ref_rate, count)
    print("Moat time per password: %.1f us (all lists); index built in %.0f ms"
          % (1e6 * statistics.median(moat_all["seconds"]) / count, 1e3 * moat_all["setup_seconds"]))
    lower = sum(a < b for a, b in zip(scores, ref_scores))
    print("all lists: Moat scores lower than zxcvbn on %d passwords, higher on %d"
          % (lower, sum(a > b for a, b in zip(scores, ref_scores))))
    shown = 0
    for p, a, b, la, lb in zip(passwords, moat_zx["scores"], ref_scores, moat_zx["guesses_log10"], ref_logs):
        if shown < args.show_differences and abs(la - lb) >= 0.01:
            print("  %-30r Moat %d %.3f  zxcvbn %d %.3f" % (p, a, la, b, lb))
            shown += 1


if __name__ == "__main__":
    main()
