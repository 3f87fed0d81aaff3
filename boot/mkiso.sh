#!/bin/bash
# boot/mkiso.sh KERNEL OUT.iso "CMDLINE" [MODULE...] - a bootable ISO: GRUB (BIOS, El Torito)
# that loads KERNEL through multiboot2 with CMDLINE, and each MODULE (the initrd) after it.
set -e
kernel=$1
out=$2
cmdline=$3
shift 3
dir=$(mktemp -d "${out%.iso}.XXXXXX.d")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
modules=""
for m in "$@"; do
	cp "$m" "$dir/boot/$(basename "$m")"
	modules="$modules	module2 /boot/$(basename "$m") $(basename "$m")
"
done
src=$(dirname "$0")/grub.cfg
awk -v cmd="$cmdline" -v mods="$modules" '
	/@CMDLINE@/ { sub(/@CMDLINE@/, cmd) }
	/@MODULES@/ { printf "%s", mods; next }
	{ print }' "$src" >"$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1 || {
	echo "mkiso: grub-mkrescue failed" >&2
	grub-mkrescue -o "$out" "$dir"
	exit 1
}
