"""Reference peer for Moat's PasswordHashing interop tests.

Reads one JSON request on standard input and writes one JSON answer on standard output, using
argon2-cffi (the reference C implementation of Argon2) and passlib. Requests:

  {"op": "argon2-raw", "cases": [{"variant", "password", "salt", "secret", "ad", "m", "t", "p", "tagLength"} (hex bytes)]}
      -> {"tags": [hex, ...]}
  {"op": "argon2-phc-hash", "m", "t", "p", "saltLength", "hashLength", "passwords": [str]} -> {"hashes": [str]}
  {"op": "argon2-phc-verify", "pairs": [[hash, password], ...]} -> {"results": [bool]}
  {"op": "nfkc", "texts": [str]} -> {"texts": [str]} (Unicode NFKC by unicodedata)
  {"op": "passlib-hash", "cases": [{"scheme", "settings", "password"}]} -> {"hashes": [str]}
"""
import json
import sys

import argon2
from argon2.low_level import Type, core, ffi, lib

TYPES = {"argon2d": Type.D, "argon2i": Type.I, "argon2id": Type.ID}


def argon2_raw(case):
    out_len = case["tagLength"]
    buffers = {k: bytes.fromhex(case[k]) for k in ("password", "salt", "secret", "ad")}
    c = {k: ffi.new("uint8_t[]", v) for k, v in buffers.items()}
    out = ffi.new("uint8_t[]", out_len)
    ctx = ffi.new("argon2_context *", dict(
        version=19, out=out, outlen=out_len,
        pwd=c["password"], pwdlen=len(buffers["password"]),
        salt=c["salt"], saltlen=len(buffers["salt"]),
        secret=c["secret"], secretlen=len(buffers["secret"]),
        ad=c["ad"], adlen=len(buffers["ad"]),
        t_cost=case["t"], m_cost=case["m"], lanes=case["p"], threads=case["p"],
        allocate_cbk=ffi.NULL, free_cbk=ffi.NULL, flags=lib.ARGON2_DEFAULT_FLAGS))
    rc = core(ctx, TYPES[case["variant"]].value)
    if rc != 0:
        raise RuntimeError("argon2 core failed: %d" % rc)
    return bytes(ffi.buffer(out, out_len)).hex()


def passlib_hash(case):
    from passlib import hash as schemes
    handler = getattr(schemes, case["scheme"]).using(**case.get("settings", {}))
    return handler.hash(case["password"])


def main():
    request = json.load(sys.stdin)
    op = request["op"]
    if op == "argon2-raw":
        answer = {"tags": [argon2_raw(c) for c in request["cases"]]}
    elif op == "argon2-phc-hash":
        hasher = argon2.PasswordHasher(time_cost=request["t"], memory_cost=request["m"], parallelism=request["p"],
                                       hash_len=request["hashLength"], salt_len=request["saltLength"])
        answer = {"hashes": [hasher.hash(p) for p in request["passwords"]]}
    elif op == "argon2-phc-verify":
        results = []
        for phc, password in request["pairs"]:
            try:
                results.append(argon2.PasswordHasher().verify(phc, password))
            except argon2.exceptions.VerifyMismatchError:
                results.append(False)
        answer = {"results": results}
    elif op == "nfkc":
        import unicodedata
        answer = {"texts": [unicodedata.normalize("NFKC", t) for t in request["texts"]]}
    elif op == "passlib-hash":
        answer = {"hashes": [passlib_hash(c) for c in request["cases"]]}
    else:
        raise SystemExit("unknown op " + op)
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
