#!/usr/bin/env python3
"""Time from process start to the first full wizard frame, in a real pseudo-terminal.

Usage: scripts/first-frame.py [BINARY] [RUNS]   (default: target/release/syskind, 20 runs)

Spawns the binary in a 120x40 pty, reads its output until the classification panel's title has been
drawn (the last pane of the first frame), and reports min / median / max. Budget: median under 50 ms.
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/syskind"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
marker = b"Classification"

def once():
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

times = sorted(once() for _ in range(runs))
median = statistics.median(times)
print(f"first full frame: min {times[0]:.1f} ms, median {median:.1f} ms, max {times[-1]:.1f} ms over {runs} runs")
print("budget 50 ms:", "met" if median < 50 else "MISSED")
