#!/usr/bin/env python3
# bench/rehearsal_wakeups.py BINARY RATE: how often a rehearsal wakes the reader.
# Runs `briefing rehearse` in a pseudo-terminal and measures, over 10 s paused and then
# 20 s running, the CPU ticks (utime+stime) and the main thread's wake-ups (voluntary
# context switches), with the band's moves counted from the screen's redraws.
import os, pty, sys, time, threading, tempfile
binary, rate = sys.argv[1], sys.argv[2]
state = tempfile.mkdtemp()
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(LANG="zh_CN.UTF-8", XDG_STATE_HOME=state, TERM="xterm-256color",
                      COLUMNS="100", LINES="30")
    os.execv(binary, [binary, "rehearse", "--rate", rate, "--ambiguous-width", "narrow"])
import fcntl, termios, struct
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
writes = []
def reader():
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        writes.append(time.monotonic())
threading.Thread(target=reader, daemon=True).start()
def ticks():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])
def switches():
    for line in open(f"/proc/{pid}/task/{pid}/status"):
        if line.startswith("voluntary_ctxt_switches"):
            return int(line.split()[1])
time.sleep(2)
os.write(fd, b" ")  # pause
time.sleep(0.5)
t0, s0, w0 = ticks(), switches(), len(writes)
time.sleep(10)
t1, s1, w1 = ticks(), switches(), len(writes)
print(f"paused 10 s: {t1 - t0} CPU ticks, {s1 - s0} wake-ups, {w1 - w0} writes to the terminal")
os.write(fd, b" ")  # go on
time.sleep(0.5)
t0, s0, w0 = ticks(), switches(), len(writes)
time.sleep(20)
t1, s1, w1 = ticks(), switches(), len(writes)
print(f"running 20 s at {rate}/min: {t1 - t0} CPU ticks, {s1 - s0} wake-ups, {w1 - w0} frames written")
os.write(fd, b"q")
os.waitpid(pid, 0)
