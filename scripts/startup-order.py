#!/usr/bin/env python3
"""Write assets/startup-order.txt: the functions the wizard runs before its first frame, for the linker.

Usage: scripts/startup-order.py [BINARY]          (default: target/release/syskind; build it first)
       scripts/startup-order.py --check [BINARY]  (how many listed functions the binary still has)

Why: the code the first frame runs is ~340 KB spread over ~55 of the binary's 64 KiB windows of a
5.6 MB text; every window costs a page fault at start (docs/performance.md). build.rs hands this
list to the linker (lld's --symbol-ordering-file), which places those functions side by side, in
the order the list gives: the order they first run in, so that the start reads its code front to
back (worth ~0.5% of the first frame over the same functions in name order, decision 63).

How: runs BINARY under valgrind's lackey (which prints every block of code as it runs) in a 120x40
pseudo-terminal, once from a scratch folder and once from this repository (the start differs
inside a repository), until the classification panel's title is drawn; maps each block to the
function holding it and keeps the functions of BINARY in the order they first ran (the scratch run
first, then what only the repository run ran). Names the linker no longer finds (code changed
since the list was made) are skipped without a warning, so a stale list only loses part of its
effect; --check tells how much.
"""
import bisect, fcntl, os, pty, select, signal, struct, subprocess, sys, tempfile, termios, time

MARKER = b"Classification"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "assets", "startup-order.txt")


def functions(binary):
    """The binary's functions as (start, size, name), by address (nm: t/T/w/W with a size)."""
    out = subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    found = []
    for p in (line.split() for line in out.splitlines()):
        if len(p) == 4 and p[2] in "tTwW":
            found.append((int(p[0], 16), int(p[1], 16), p[3]))
    return sorted(found)


def blocks_until_first_frame(binary, cwd):
    """The addresses of the code blocks BINARY ran, in order, until its first frame was drawn."""
    with tempfile.TemporaryDirectory(prefix="startup-order-") as scratch:
        log = os.path.join(scratch, "lackey.log")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(cwd)
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.environ["XDG_STATE_HOME"] = os.path.join(scratch, "state")
            os.execvp("valgrind", ["valgrind", "-q", "--tool=lackey", "--trace-superblocks=yes",
                                   f"--log-file={log}", binary])
        seen = b""
        try:
            while MARKER not in seen:
                if not select.select([fd], [], [], 120)[0]:
                    raise SystemExit(f"{binary}: no first frame within 120 s under valgrind")
                seen += os.read(fd, 65536)
            time.sleep(0.2)
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
        with open(log) as f:
            return [int(line.split()[1], 16) for line in f if line.startswith("SB ")]


def first_run_order(blocks, funcs):
    """Names of `funcs` in the order `blocks` first entered them. The binary is position-independent:
    its load address is the one at which the most blocks start exactly at a function's start."""
    starts = [f[0] for f in funcs]
    at_start = set(starts)
    entry = next(f[0] for f in funcs if f[2] == "_start")
    sample = blocks[:: max(1, len(blocks) // 5000)]
    bases = {b - entry for b in blocks if (b - entry) % 4096 == 0 and b >= entry}
    base = max(bases, key=lambda base: sum((b - base) in at_start for b in sample))
    order, seen = [], set()
    for b in blocks:
        i = bisect.bisect_right(starts, b - base) - 1
        if i >= 0 and b - base < funcs[i][0] + max(funcs[i][1], 1) and funcs[i][2] not in seen:
            seen.add(funcs[i][2])
            order.append(funcs[i][2])
    return order


def main():
    args = sys.argv[1:]
    check = bool(args) and args[0] == "--check"
    if check:
        args = args[1:]
    binary = os.path.abspath(args[0] if args else os.path.join(REPO, "target", "release", "syskind"))
    funcs = functions(binary)
    if check:
        names = {f[2] for f in funcs}
        listed = open(OUT).read().split()
        found = sum(name in names for name in listed)
        print(f"{found} of {len(listed)} listed functions are in {binary} ({100 * found // max(len(listed), 1)}%)")
        print("regenerate with scripts/startup-order.py when this falls below ~90%")
        return
    kept, seen = [], set()
    with tempfile.TemporaryDirectory() as scratch:
        for cwd in (scratch, REPO):
            for name in first_run_order(blocks_until_first_frame(binary, cwd), funcs):
                if name not in seen:
                    seen.add(name)
                    kept.append(name)
    with open(OUT, "w") as f:
        f.write("\n".join(kept) + "\n")
    print(f"{OUT}: {len(kept)} functions")


if __name__ == "__main__":
    main()
