"""Driver for scripts/benchmark-argon2: times Moat and argon2-cffi in alternating rounds."""
import argparse
import json
import os
import platform
import statistics
import subprocess
import time

from argon2.low_level import Type, hash_secret_raw

PASSWORD = b"correct horse battery staple"
SALT = b"0123456789abcdef"
PROFILES = [(19456, 2, 1), (65536, 3, 4)]


def moat_times(binary, m, t, p, runs):
    out = subprocess.run([binary, "argon2", "--variant", "argon2id", "--memory", str(m), "--iterations", str(t),
                          "--parallelism", str(p), "--runs", str(runs), "--warmup", "1"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["seconds"]


def reference_times(m, t, p, runs):
    hash_secret_raw(PASSWORD, SALT, t, m, p, 32, Type.ID)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        hash_secret_raw(PASSWORD, SALT, t, m, p, 32, Type.ID)
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--moat", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print("machine: %s, %d cores; argon2-cffi reference C implementation" % (platform.machine(), os.cpu_count()))
    print("%-22s %12s %12s %8s" % ("argon2id (m, t, p)", "Moat ms", "reference ms", "ratio"))
    for m, t, p in PROFILES:
        ours, theirs = [], []
        for _ in range(args.rounds):
            ours += moat_times(args.moat, m, t, p, args.runs)
            theirs += reference_times(m, t, p, args.runs)
        a, b = statistics.median(ours), statistics.median(theirs)
        print("%-22s %12.2f %12.2f %8.3f" % ("m=%d, t=%d, p=%d" % (m, t, p), a * 1e3, b * 1e3, a / b))


if __name__ == "__main__":
    main()
