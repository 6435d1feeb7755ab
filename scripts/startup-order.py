#!/usr/bin/env python3
"""Write assets/startup-order.txt: the functions the wizard runs before its first frame, for the linker.

Usage: scripts/startup-order.py [BINARY]          (default: target/release/syskind; build it first)
       scripts/startup-order.py --check [BINARY]  (how many listed functions the binary still has)

Why: the code the first frame runs is ~370 KB spread over ~55 of the binary's 64 KiB windows of a
5.6 MB text; every window costs a page fault at start (docs/performance.md). build.rs hands this
list to the linker (lld's --symbol-ordering-file), which places those functions side by side.

How: runs BINARY under callgrind in a 120x40 pseudo-terminal, once from a scratch folder and once
from this repository (the start differs inside a repository), waits for the classification panel's
title, dumps the counts and keeps every function of BINARY that ran. The list is sorted by name so
that regenerating it gives a small diff. Names the linker no longer finds (code changed since) are
skipped without a warning, so a stale list only loses part of its effect; --check tells how much.
"""
import fcntl, os, pty, re, select, signal, struct, subprocess, sys, tempfile, termios, time

MARKER = b"Classification"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "assets", "startup-order.txt")


def text_symbols(binary):
    """Names of the binary's functions (nm: t/T/w/W)."""
    out = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
    return {p[2] for p in (line.split() for line in out.splitlines()) if len(p) == 3 and p[1] in "tTwW"}


def ran_until_first_frame(binary, cwd):
    """Mangled names of every function callgrind saw run before the first frame was drawn."""
    with tempfile.TemporaryDirectory(prefix="startup-order-") as scratch:
        out = os.path.join(scratch, "callgrind.out")
        state = os.path.join(scratch, "state")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(cwd)
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.environ["XDG_STATE_HOME"] = state
            os.execvp("valgrind", ["valgrind", "-q", "--tool=callgrind", "--demangle=no", "--dump-instr=no",
                                   f"--callgrind-out-file={out}", binary])
        seen = b""
        try:
            while MARKER not in seen:
                if not select.select([fd], [], [], 60)[0]:
                    raise SystemExit(f"{binary}: no first frame within 60 s under callgrind")
                seen += os.read(fd, 65536)
            subprocess.run(["callgrind_control", "-d", str(pid)], capture_output=True, check=True)
            time.sleep(0.5)
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
        names = set()
        # callgrind_control -d writes `callgrind.out.1` (and the exit dump, if any, `callgrind.out`).
        for dump in (f for f in os.listdir(scratch) if f.startswith("callgrind.out")):
            with open(os.path.join(scratch, dump)) as f:
                for line in f:
                    m = re.match(r"^c?fn=\(\d+\) (.+)", line)
                    if m:
                        names.add(m[1].strip())
        return names


def main():
    args = sys.argv[1:]
    check = bool(args) and args[0] == "--check"
    if check:
        args = args[1:]
    binary = os.path.abspath(args[0] if args else os.path.join(REPO, "target", "release", "syskind"))
    symbols = text_symbols(binary)
    if check:
        listed = open(OUT).read().split()
        found = sum(name in symbols for name in listed)
        print(f"{found} of {len(listed)} listed functions are in {binary} ({100 * found // max(len(listed), 1)}%)")
        print("regenerate with scripts/startup-order.py when this falls below ~90%")
        return
    ran = set()
    with tempfile.TemporaryDirectory() as scratch:
        for cwd in (scratch, REPO):
            ran |= ran_until_first_frame(binary, cwd)
    kept = sorted(ran & symbols)
    with open(OUT, "w") as f:
        f.write("\n".join(kept) + "\n")
    print(f"{OUT}: {len(kept)} functions")


if __name__ == "__main__":
    main()
