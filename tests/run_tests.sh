#!/bin/bash
# tests/run_tests.sh - run every test layer and print one closing line "N passed, N failed".
#
# Layers: the cmocka host tests (build/host/test_*), the in-kernel ktests (one QEMU boot with
# ktest=*), and the QEMU scenarios (tests/qemu/*.sh). Each case counts once. Exit status 1 on
# any failure. Every run has a timeout, so a hang is a failure, not a stuck CI.
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
log=build/test-logs
mkdir -p "$log"

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:".
for t in build/host/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	timeout 300 "$t" >"$log/$name.log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log/$name.log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log/$name.log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, timed out or printed no summary
	fi
	echo "host  $name: $p passed, $f failed"
	[ "$f" -ne 0 ] && sed 's/^/    /' "$log/$name.log" | grep -v '^    \[ \(RUN\|       OK\) ' | tail -40
	passed=$((passed + p))
	failed=$((failed + f))
done

# In-kernel tests and QEMU scenarios add to the counts through these files.
for stage in tests/qemu/run_ktest.sh tests/qemu/run_scenarios.sh; do
	[ -f "$stage" ] || continue
	out=$(bash "$stage")
	echo "$out" | grep -v '^COUNT '
	p=$(echo "$out" | sed -n 's/^COUNT \([0-9]*\) \([0-9]*\)$/\1/p' | tail -1)
	f=$(echo "$out" | sed -n 's/^COUNT \([0-9]*\) \([0-9]*\)$/\2/p' | tail -1)
	if [ -z "$p" ]; then
		echo "$stage: produced no count"
		p=0
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
