#!/usr/bin/env python3
"""Time from process start to the first full wizard frame, in a real pseudo-terminal.

Usage: scripts/first-frame.py [BINARY] [RUNS]   (default: target/release/syskind, 20 runs)
       scripts/first-frame.py --compare BARE BINARY [RUNS]

Spawns the binary in a 120x40 pty, reads its output until the classification panel's title has been
drawn (the last pane of the first frame), and reports min / median / max. Budget: median under 50 ms.

--compare times a bare ratatui app (`cargo build --release --example bare_frame`) and the binary in
one run, alternating them so both see the same machine, and reports the ratio of the medians.
Budgets: at most 1.5 (issue 15), at most 1.2 (issue 25).
Run it from inside the repository too: the wizard's start differs there (it offers the repository's
system files, looked for after the first frame).
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

marker = b"Classification"

def once(binary):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ["XDG_STATE_HOME"] = "/tmp/syskind-first-frame-state"
        os.execv(binary, [binary])
    seen = b""
    try:
        while marker not in seen:
            r, _, _ = select.select([fd], [], [], 5)
            if not r:
                raise SystemExit("no frame within 5 s")
            seen += os.read(fd, 65536)
        return (time.perf_counter() - start) * 1000
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)

def report(name, times):
    times = sorted(times)
    median = statistics.median(times)
    print(f"{name}: first full frame: min {times[0]:.2f} ms, median {median:.2f} ms, max {times[-1]:.2f} ms over {len(times)} runs")
    return median

if len(sys.argv) > 1 and sys.argv[1] == "--compare":
    bare, binary = sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    once(bare), once(binary)  # warm the page cache for both
    a, b = [], []
    for _ in range(runs):
        a.append(once(bare))
        b.append(once(binary))
    ma, mb = report("bare ratatui app", a), report(binary, b)
    ratio = mb / ma
    verdicts = ", ".join(f"{b} ({i}): {'met' if ratio <= b else 'MISSED'}" for b, i in ((1.5, "issue 15"), (1.2, "issue 25")))
    print(f"ratio of medians: {ratio:.2f} — budgets {verdicts}")
else:
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/syskind"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    median = report(binary, [once(binary) for _ in range(runs)])
    print("budget 50 ms:", "met" if median < 50 else "MISSED")
