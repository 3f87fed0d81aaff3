#!/bin/bash
# tests/qemu/run_ktest.sh - boot once with ktest=* (or KTEST=<pattern>) and count the in-kernel
# test results. Each "ktest: <name> ... ok" is a pass and each "... FAIL" a failure; a run that
# does not reach its summary, or whose QEMU exit status disagrees with it, counts one failure
# more. Prints "COUNT <passed> <failed>" last, for tests/run_tests.sh.
cd "$(dirname "$0")/../.." || exit 1
mkdir -p build/test-logs
pattern=${KTEST:-*}
log=build/test-logs/ktest.log
modules=()
[ -f build/initrd.cpio ] && modules=(build/initrd.cpio)
bash boot/mkiso.sh build/kernel.elf build/ktest.iso "ktest=$pattern" "${modules[@]}" || {
	echo "COUNT 0 1"
	exit 0
}
start=$(date +%s.%N)
timeout 120 bash tests/qemu/qemu.sh build/ktest.iso </dev/null >"$log" 2>&1
status=$?
end=$(date +%s.%N)
tr -d '\r' <"$log" >"$log.txt"
passed=$(grep -c '^\[[ 0-9.]*\] ktest: .* \.\.\. ok$' "$log.txt")
failed=$(grep -c '^\[[ 0-9.]*\] ktest: .* \.\.\. FAIL' "$log.txt")
grep 'ktest: .* \.\.\. FAIL' "$log.txt" | sed 's/^/    /'
if ! grep -q 'ktest: summary:' "$log.txt"; then
	echo "ktest: the run ended without a summary (QEMU status $status); last lines:"
	tail -25 "$log.txt" | sed 's/^/    /'
	failed=$((failed + 1))
elif [ "$failed" -eq 0 ] && [ "$status" -ne 1 ]; then
	echo "ktest: every test passed but QEMU exited with status $status"
	failed=$((failed + 1))
fi
printf "ktest %d passed, %d failed in %.1f s (QEMU status %d)\n" "$passed" "$failed" \
	"$(echo "$end - $start" | bc)" "$status"
echo "COUNT $passed $failed"
