#!/bin/bash
# tests/deps.sh [run|test] - check for the Debian packages that `make run` / `make test` need.
# As root, install what is missing with apt-get; otherwise print the exact command and fail.
set -e
need_run="qemu-system-x86 grub-pc-bin grub-common xorriso mtools clang libbpf-dev linux-libc-dev cpio"
need_test="$need_run python3 bc libcmocka-dev llvm lld"
case "${1:-test}" in
run) pkgs=$need_run ;;
*) pkgs=$need_test ;;
esac
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || true
	apt-get install -y -qq $missing >/dev/null
else
	echo "deps: missing Debian packages:$missing"
	echo "deps: run: sudo apt-get install -y$missing"
	exit 1
fi
