#!/usr/bin/env python3
"""tests/bench/qemu_bench.py ISO - figures of the running system, printed, never asserted.

For each accelerator available (KVM when it really works here, and always TCG): boots the ISO, measures
the wall time from QEMU's start to the shell prompt, then runs bench_syscall at the prompt and
prints its getpid round trip, then prints what /proc/tracebench measures in the kernel
(tracepoints, kprobes and kretprobes with an empty JIT-compiled program: kernel/trace/trace_bench.c).
"""
import os
import re
import select
import subprocess
import sys
import time


def run(iso, accel):
    here = os.path.dirname(os.path.abspath(__file__))
    qemu = os.path.join(here, "..", "qemu", "qemu.sh")
    env = dict(os.environ, ACCEL=accel)
    start = time.time()
    proc = subprocess.Popen(["bash", qemu, iso], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env)
    out = b""
    prompt_at = None
    sent = False
    deadline = start + 120
    while time.time() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.01)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
        if prompt_at is None and re.search(rb"(^|\n)\$ ", out):
            prompt_at = time.time() - start
        if prompt_at is not None and not sent:
            calls = b"1000000" if accel == "kvm" else b"200000"
            proc.stdin.write(b"bench_syscall " + calls + b"; cat /proc/tracebench; exit 0\r")
            proc.stdin.flush()
            sent = True
        if b"powering off" in out:
            break
    proc.kill()
    proc.wait()
    text = out.decode(errors="replace")
    m = re.search(r"getpid round trip: ([0-9.]+) ns per call", text)
    print(f"{accel:4s}: QEMU start to shell prompt {prompt_at * 1000:.0f} ms; "
          f"getpid round trip {m.group(1) if m else '?'} ns"
          if prompt_at is not None else f"{accel}: no prompt within 120 s")
    for line in re.findall(r"^tracebench: .*$", text, re.M):
        print(f"{accel:4s}: {line[len('tracebench: '):]}")


def main():
    iso = sys.argv[1]
    accels = ["tcg"]
    here = os.path.dirname(os.path.abspath(__file__))
    if subprocess.call(["bash", os.path.join(here, "..", "qemu", "kvm_works.sh")]) == 0:
        accels.insert(0, "kvm")
    else:
        print("kvm : not usable on this machine (tests/qemu/kvm_works.sh); TCG only")
    for accel in accels:
        run(iso, accel)


if __name__ == "__main__":
    main()
