/*
 * bin/libctest.h - the cases libctest runs and tests/host/test_user.c checks.
 *
 * Each list is an X-macro, included twice: by libctest.c, built against glass's C library, and
 * by the host test, built against glibc. The host test computes what glibc answers for the same
 * case and compares it with what libctest printed, so the expected results are never written
 * by hand. getopt cases put '+' in front of optstring, which asks glibc for POSIX behaviour
 * (no reordering); glass's getopt accepts and ignores it.
 */
#ifndef USER_BIN_LIBCTEST_H
#define USER_BIN_LIBCTEST_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* X(format, arguments...) */
#define LIBCTEST_PRINTF_CASES(X)                                                                   \
	X("plain text")                                                                            \
	X("100%% and %%d")                                                                         \
	X("%d|%i|%u", 42, -42, 42u)                                                                \
	X("%5d|%-5d|%05d|%+d|% d|", 42, 42, 42, 42, 42)                                            \
	X("%+5d|%-+5d|% 05d|%+05d|%-05d|", -3, 3, 3, 3, -3)                                        \
	X("%d|%d|%u|%x", INT_MIN, INT_MAX, UINT_MAX, UINT_MAX)                                     \
	X("%x|%X|%o|%#x|%#X|%#o", 255u, 255u, 8u, 255u, 255u, 8u)                                  \
	X("%#x|%#o|%#.0o|%.0x|%#.0x|%.0d|", 0u, 0u, 0u, 0u, 0u, 0)                                 \
	X("%.3d|%5.3d|%-8.3x|%08.3d|%.5d", 7, 7, 10u, 7, -12)                                      \
	X("%#08x|%#-8o|%#10.4x|", 0xabu, 8u, 0x1u)                                                 \
	X("%s|%10s|%-10s|%.2s|%5.1s|%s|", "abc", "abc", "abc", "abc", "abc", "")                   \
	X("[%8.3s][%-8.3s][%.10s]", "abcdef", "abcdef", "abc")                                     \
	X("%c%c%c|%3c|%-3c|", 'a', 'b', 'c', 'x', 'y')                                             \
	X("%ld|%li|%lu|%lx", -1234567890123L, 9876543210L, 18446744073709551615UL, 0xcafeUL)       \
	X("%lld|%llu|%llx|%llo", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL, 01234567ULL)         \
	X("%zu|%zd|%jd|%ju|%td", (size_t)12345, (ptrdiff_t)-5, (intmax_t)-77, (uintmax_t)77,       \
	  (ptrdiff_t)9)                                                                            \
	X("%hhd|%hd|%hhu|%hu|%hhx", 300, 70000, 300, 70000, 0x1ff)                                 \
	X("%p|%p|%20p|%-20p|", (void *)0x1234, (void *)0, (void *)0xffff, (void *)0x10)            \
	X("%*d|%-*d|%.*d|%*.*s|%*d|", 6, 12, 6, 12, 4, 5, 8, 2, "hello", -4, 1)                    \
	X("%.*d|%.*s|", -1, 5, -1, "neg")                                                          \
	X("%s=%d, %s=%#x, %c%c", "pid", 7, "flags", 0x80u, '!', '?')                               \
	X("%-5s|%5s|%05d|", "toolongvalue", "x", 123456)                                           \
	X("%lu%%|", 99UL)

/* X(string, base): strtol and strtoul, with where they stopped and errno. */
#define LIBCTEST_STRTOL_CASES(X)                                                                   \
	X("0", 10) X("42", 10) X("  42", 10) X("\t-42xyz", 10) X("+7", 0) X("-", 10)               \
	X("", 10) X("   ", 10) X("abc", 10) X("12abc", 10) X("0x1f", 0) X("0X1F", 16)              \
	X("1f", 16) X("0x", 16) X("0x", 0) X("0xg", 0) X("017", 0) X("08", 0) X("019", 8)          \
	X("z", 36) X("Zz", 36) X("1010", 2) X("777", 8) X("-0x10", 0) X("-1", 10)                  \
	X("9223372036854775807", 10) X("9223372036854775808", 10)                                  \
	X("-9223372036854775808", 10) X("-9223372036854775809", 10)                                \
	X("18446744073709551615", 10) X("18446744073709551616", 10)                                \
	X("-18446744073709551615", 10) X("ffffffffffffffffff", 16)                                 \
	X("99999999999999999999999", 0)

/* X(optstring, arguments...): argv[0] is "prog". */
#define LIBCTEST_GETOPT_CASES(X)                                                                   \
	X("+ab:c", "-a", "-b", "val", "-c", "file")                                                \
	X("+ab:c", "-ab", "val", "-c")                                                             \
	X("+ab:c", "-bval", "rest")                                                                \
	X("+ab:c", "-acb", "x", "y")                                                               \
	X("+ab:", "-x", "-a")                                                                      \
	X("+ab:", "-b")                                                                            \
	X("+:ab:", "-b")                                                                           \
	X("+:ab:", "-z", "-a")                                                                     \
	X("+ab", "--", "-a")                                                                       \
	X("+ab", "-", "-a")                                                                        \
	X("+ab", "file", "-a")                                                                     \
	X("+a", "-aaa")                                                                            \
	X("+ab:", "-b", "-a", "x")                                                                 \
	X("+a:b", "-a", "")                                                                        \
	X("+ab", "-a", "-:", "-b")                                                                 \
	X("+n:v", "-n10", "-v", "-n", "20", "--", "-v")

/* strerror is compared for every number from 0 to this one. */
#define LIBCTEST_STRERROR_MAX 40

#endif /* USER_BIN_LIBCTEST_H */
