#!/usr/bin/env python3
"""tests/qemu/scenario.py SCENARIO ISO - run one boot-and-check scenario in QEMU.

A scenario file is a list of directives, one per line ('#' starts a comment):
    cmdline: <kernel command line>   (read by run_scenarios.sh, which builds the ISO)
    prompt: <regex>                  what the console prints when it waits for input
                                     (default: 'glass> ')
    send: <text>                     wait for the prompt, then type text and Enter
    expect: <regex>                  must match the serial output (in the order given)
    reject: <regex>                  must not match anywhere in the output
    status: <n>                      QEMU's exit status (1 pass, 3 fail, 5 panic)
    timeout: <seconds>               for the whole run (default 60)
Prints the output on failure (and always writes it to $SCENARIO_LOG when that is set), and
exits 0 when every check holds.
"""
import os
import re
import select
import subprocess
import sys
import time


def parse(path):
    sc = {"prompt": r"glass> ", "steps": [], "expect": [], "reject": [], "status": None,
          "timeout": 60.0}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep:
                sys.exit(f"{path}:{n}: expected 'directive: value'")
            key, value = key.strip(), value[1:] if value.startswith(" ") else value
            if key == "send":
                sc["steps"].append(value)
            elif key in ("expect", "reject"):
                sc[key].append(value)
            elif key == "prompt":
                sc["prompt"] = value
            elif key == "status":
                sc["status"] = int(value)
            elif key == "timeout":
                sc["timeout"] = float(value)
            elif key != "cmdline":
                sys.exit(f"{path}:{n}: unknown directive '{key}'")
    return sc


def main():
    scenario, iso = sys.argv[1], sys.argv[2]
    sc = parse(scenario)
    here = os.path.dirname(os.path.abspath(__file__))
    proc = subprocess.Popen(["bash", os.path.join(here, "qemu.sh"), iso],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = b""
    deadline = time.time() + sc["timeout"]
    steps = list(sc["steps"])
    prompt = re.compile(sc["prompt"].encode(), re.M)
    seen_prompts = 0
    timed_out = False
    while True:
        if time.time() > deadline:
            timed_out = True
            proc.kill()
            break
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
        # one new prompt -> send the next line
        prompts = len(prompt.findall(out))
        if steps and prompts > seen_prompts:
            seen_prompts = prompts
            proc.stdin.write(steps.pop(0).encode() + b"\r")
            proc.stdin.flush()
        elif not steps and sc["status"] is None and prompts > seen_prompts:
            proc.kill()  # nothing left to type and no exit expected: done
            break
    status = proc.wait()
    text = out.decode(errors="replace").replace("\r", "")
    if os.environ.get("SCENARIO_LOG"):  # keep the whole console, passed or not
        with open(os.environ["SCENARIO_LOG"], "w") as f:
            f.write(text)
    failures = []
    if timed_out:
        failures.append(f"timed out after {sc['timeout']:.0f} s")
    pos = 0
    for rx in sc["expect"]:
        m = re.compile(rx, re.M).search(text, pos)
        if not m:
            failures.append(f"expected /{rx}/ (after offset {pos})")
        else:
            pos = m.end()
    for rx in sc["reject"]:
        if re.search(rx, text, re.M):
            failures.append(f"rejected /{rx}/ appeared")
    if sc["status"] is not None and status != sc["status"]:
        failures.append(f"exit status {status}, expected {sc['status']}")
    if failures:
        print(text)
        for f in failures:
            print("FAILED: " + f)
        sys.exit(1)


if __name__ == "__main__":
    main()
