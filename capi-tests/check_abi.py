#!/usr/bin/env python3
"""Source-level drop-in check: our generated header against the reference header.

    check_abi.py s2n --ours include --ref <s2n-tls-sys lib dir>
    check_abi.py tls --ours include --ref /usr/include

1. Prototypes: gcc -aux-info lists every function each header declares, with its types as
   written; every reference function must be declared by ours with the same types.
2. Constants: a program compiled against the reference header prints one
   `_Static_assert((NAME) == (value))` per enumerator and #define; those asserts must
   compile against our header (a missing name or a different value fails).
3. Typedefs: the reference's non-enum typedefs (callback and function types) are repeated
   after our header; C11 accepts a repeated typedef only if the types are identical.
"""
import argparse, os, re, subprocess, sys, tempfile

ABIS = {
    # name: (our headers, reference headers relative to --ref, symbol prefix)
    "s2n": (["s2n.h"] + ["s2n/unstable/%s.h" % n for n in (
        "allow_ip_in_cn", "async_offload", "cert_authorities", "cleanup", "crl",
        "custom_x509_extensions", "events", "fingerprint", "ktls", "npn", "renegotiate")],
        ["api/s2n.h"] + ["api/unstable/%s.h" % n for n in (
        "allow_ip_in_cn", "async_offload", "cert_authorities", "cleanup", "crl",
        "custom_x509_extensions", "events", "fingerprint", "ktls", "npn", "renegotiate")]
        + ["tls/s2n_internal.h", "tls/s2n_quic_support.h"], ("s2n_",)),
    "tls": (["tls.h"], ["tls.h"], ("tls_",)),
}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write(" ".join(cmd) + "\n" + r.stdout + r.stderr)
    return r


def prototypes(headers, incdirs, prefixes, tmp, tag):
    src = os.path.join(tmp, tag + ".c")
    with open(src, "w") as f:
        for h in headers:
            f.write('#include "%s"\n' % h)
    aux = os.path.join(tmp, tag + ".aux")
    r = run(["gcc", "-std=gnu11", "-fsyntax-only", "-aux-info", aux] + ["-I" + d for d in incdirs] + [src])
    if r.returncode != 0:
        sys.exit("%s headers do not compile" % tag)
    protos = {}
    for line in open(aux):
        line = re.sub(r"/\*.*?\*/", "", line).strip()
        m = re.match(r"extern (.*?)\b(\w+) \((.*)\);$", line)
        if not m or not m.group(2).startswith(prefixes):
            continue
        ret, name, params = m.groups()
        # A top-level `const` on a by-value parameter is not part of the function's type.
        params = ", ".join(re.sub(r"^const (?!.*\*)", "", p.strip()).strip() for p in params.split(","))
        protos[name] = "%s %s(%s)" % (" ".join(ret.split()), name, " ".join(params.split()))
    return protos


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def constant_names(paths):
    names = []
    for p in paths:
        text = strip_comments(open(p).read())
        for m in re.finditer(r"^\s*#\s*define\s+([A-Za-z_]\w*)[ \t]+(\S.*)$", text, flags=re.M):
            if not m.group(1).endswith(("_H", "_API")) and "(" not in m.group(1):
                names.append(m.group(1))
        for body in re.findall(r"\benum\b[^{;]*\{(.*?)\}", text, flags=re.S):
            names += [e.split("=")[0].strip() for e in body.split(",") if e.strip()]
    return list(dict.fromkeys(names))


def foreign_typedefs(paths):
    out = []
    for p in paths:
        text = strip_comments(open(p).read())
        # Windows-only declarations (libtls's `typedef SSIZE_T ssize_t;`) don't apply here.
        text = re.sub(r"#\s*ifdef\s+_MSC_VER.*?#\s*endif[^\n]*\n(?:.*?#\s*endif[^\n]*\n)?", "", text, flags=re.S)
        text = re.sub(r"^\s*#.*$", "", text, flags=re.M)
        for st in text.split(";"):
            s = " ".join(st.split())
            i = s.find("typedef ")
            if i < 0 or "enum" in s[i:] or "{" in s[i:]:
                continue
            out.append(s[i:] + ";")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("abi", choices=ABIS)
    ap.add_argument("--ours", required=True)
    ap.add_argument("--ref", required=True)
    a = ap.parse_args()
    ours_h, ref_h, prefixes = ABIS[a.abi]
    ref_paths = [os.path.join(a.ref, h) for h in ref_h]
    ref_inc = [a.ref, os.path.join(a.ref, "api")]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        ours = prototypes(ours_h, [a.ours], prefixes, tmp, "ours")
        ref = prototypes(ref_paths, ref_inc, prefixes, tmp, "ref")
        for name, proto in sorted(ref.items()):
            if name not in ours:
                print("missing function: " + proto); failures += 1
            elif ours[name] != proto:
                print("prototype differs:\n  reference: %s\n  ours:      %s" % (proto, ours[name])); failures += 1
        extra = sorted(set(ours) - set(ref))
        print("%s prototypes: %d reference, %d ours, %d ours only %s" % (a.abi, len(ref), len(ours), len(extra), extra))

        names = constant_names(ref_paths)
        gen = os.path.join(tmp, "gen.c")
        with open(gen, "w") as f:
            f.write("#include <stdio.h>\n" + "".join('#include "%s"\n' % p for p in ref_paths))
            f.write("int main(void) {\n")
            for n in names:
                f.write('  printf("_Static_assert((unsigned long long)(%s) == %%lluULL, \\"%s\\");\\n", (unsigned long long)(%s));\n' % (n, n, n))
            f.write("  return 0;\n}\n")
        exe = os.path.join(tmp, "gen")
        if run(["gcc", "-std=gnu11", "-w", "-o", exe, gen] + ["-I" + d for d in ref_inc]).returncode:
            sys.exit("could not build the constant generator")
        asserts = run([exe]).stdout
        check = os.path.join(tmp, "check.c")
        with open(check, "w") as f:
            f.write("".join('#include "%s"\n' % h for h in ours_h) + asserts)
            f.write("\n/* reference typedefs repeated: must be identical to ours */\n")
            f.write("\n".join(foreign_typedefs(ref_paths)) + "\n")
        r = run(["gcc", "-std=gnu11", "-fsyntax-only", "-I" + a.ours, check])
        if r.returncode:
            failures += 1
        print("%s constants: %d checked; typedefs: %d checked; %s" % (
            a.abi, len(names), len(foreign_typedefs(ref_paths)), "ok" if r.returncode == 0 else "FAILED"))
    print("abi-check %s: %d passed, %d failed" % (a.abi, len(ref) + 1 - min(failures, len(ref) + 1), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
