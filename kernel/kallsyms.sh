#!/bin/sh
# kernel/kallsyms.sh ELF - print the assembly of the .kallsyms section for the symbols of ELF.
#
# Reads `nm -n -S` (address order, with sizes). Keeps text, data, read-only data and bss
# symbols, not compiler-local labels. A symbol without a size (assembly labels) gets the distance
# to the next symbol. The output is linked into the next build of the kernel (see Makefile).
set -e
nm -n -S --defined-only "$1" | awk '
function flush(next_addr) {
	if (have) {
		if (sz == "") sz = sprintf("%d", next_addr - addr_dec)
		n++; A[n] = addr_hex; S[n] = sz; T[n] = type; N[n] = name
	}
}
function hex2dec(h,   i, c, v) {
	v = 0
	h = tolower(h)
	for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; v = v * 16 + c }
	return v
}
{
	if (NF == 4) { a = $1; s = $2; t = $3; nm = $4 } else if (NF == 3) { a = $1; s = ""; t = $2; nm = $3 } else next
	if (t !~ /^[TtRrDdBb]$/) next
	if (nm ~ /^\.L/ || nm ~ /^kallsyms_/) next
	ad = hex2dec(substr(a, length(a) - 11)) # low 48 bits: exact as a double
	flush(ad)
	have = 1; addr_hex = a; addr_dec = ad; type = t; name = nm
	sz = (s == "") ? "" : sprintf("%d", hex2dec(s))
}
END {
	flush(addr_dec)
	print "\t.section .kallsyms, \"a\""
	print "\t.balign 8"
	print "\t.globl kallsyms_num, kallsyms_addresses, kallsyms_sizes, kallsyms_types"
	print "\t.globl kallsyms_name_offsets, kallsyms_names"
	print "kallsyms_num:\n\t.quad " n
	print "kallsyms_addresses:"
	for (i = 1; i <= n; i++) print "\t.quad 0x" A[i]
	print "kallsyms_sizes:"
	for (i = 1; i <= n; i++) print "\t.quad " S[i]
	print "kallsyms_name_offsets:"
	off = 0
	for (i = 1; i <= n; i++) { print "\t.long " off; off += length(N[i]) + 1 }
	print "kallsyms_types:"
	for (i = 1; i <= n; i++) print "\t.byte 0x" sprintf("%02x", index("TtRrDdBb", T[i]) ? ord[T[i]] : 0)
	print "kallsyms_names:"
	for (i = 1; i <= n; i++) print "\t.asciz \"" N[i] "\""
}
BEGIN { for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i }
'
