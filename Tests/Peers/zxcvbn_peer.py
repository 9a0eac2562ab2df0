"""zxcvbn (Python, pinned in scripts/peer-requirements.txt) for the strength interop tests.

Reads {"passwords": [...], "user_inputs": [...]} as JSON on standard input and answers
{"scores": [...], "guesses_log10": [...]}.
"""
import json
import sys

from zxcvbn import zxcvbn


def main():
    request = json.load(sys.stdin)
    inputs = request.get("user_inputs", [])
    results = [zxcvbn(p, user_inputs=inputs) for p in request["passwords"]]
    json.dump({"scores": [r["score"] for r in results],
               "guesses_log10": [float(r["guesses_log10"]) for r in results]}, sys.stdout)


if __name__ == "__main__":
    main()
