#!/bin/bash
# tests/qemu/run_scenarios.sh - run every tests/qemu/scenarios/*.scn under QEMU (TCG unless
# ACCEL says otherwise). Each scenario boots its own ISO, built with its `cmdline:`. Prints one
# line per scenario and, last, "COUNT <passed> <failed>" for tests/run_tests.sh.
# SCENARIO=<glob> runs only the scenarios whose names match, e.g. SCENARIO='shell_*'.
cd "$(dirname "$0")/../.." || exit 1
mkdir -p build/scenarios build/test-logs
passed=0
failed=0
modules=()
[ -f build/initrd.cpio ] && modules=(build/initrd.cpio)
for scn in tests/qemu/scenarios/*.scn; do
	name=$(basename "$scn" .scn)
	# shellcheck disable=SC2053
	[[ $name == ${SCENARIO:-*} ]] || continue
	cmdline=$(sed -n 's/^cmdline: *//p' "$scn" | head -1)
	iso=build/scenarios/$name.iso
	if ! bash boot/mkiso.sh build/kernel.elf "$iso" "$cmdline" "${modules[@]}"; then
		echo "qemu  $name: FAIL (could not build the ISO)"
		failed=$((failed + 1))
		continue
	fi
	if python3 tests/qemu/scenario.py "$scn" "$iso" >"build/test-logs/scenario-$name.log" 2>&1; then
		echo "qemu  $name: ok"
		passed=$((passed + 1))
	else
		echo "qemu  $name: FAIL"
		sed 's/^/    /' "build/test-logs/scenario-$name.log" | tail -30
		failed=$((failed + 1))
	fi
	rm -f "$iso"
done
echo "COUNT $passed $failed"
