# SPDX-License-Identifier: BSD-3-Clause
# The C library as an application sees it: tests/apps/libc checks newlib and Keel's glue
# under it (printf, strtod, qsort, libm, strings, malloc, clocks, errno per thread,
# stdio shared by threads, the environment, unsupported calls), and how exit(), a
# return from main() and abort() end the program.

libc_groups="printf strtod sort math string malloc time errno threads-printf env unsupported stdio"
# Every check the groups make, by group: each must print "libc: NAME: ok".
libc_checks="printf-int printf-int-sizes printf-int-limits printf-e printf-f printf-g
	printf-a printf-inf-nan printf-round printf-subnormal printf-Lf printf-La printf-str printf-n
	printf-p snprintf-trunc sprintf vsnprintf sscanf
	strtod strtof strtold strtold-rounding strtold-roundtrip strtol strtoul strtoll strtoull
	atoi-atol
	qsort-ints qsort-strings qsort-records qsort-0-1 bsearch
	math-double math-float math-exact math-special math-errno math-classify math-frexp-ldexp-modf
	memmove memcmp-strcmp strncpy-strlcpy strtok_r string-search strdup strerror ctype
	realloc-grow realloc-shrink realloc-null calloc-zeroed aligned malloc-enomem
	malloc-10000
	monotonic nanosleep-20ms usleep-10ms sleep-0 nanosleep-einval time-realtime
	gettimeofday clock strftime gmtime mktime
	errno-thread0 errno-thread1 errno-thread2 errno-thread3 errno-main
	threads-printf fprintf-stderr
	getenv setenv-unsetenv
	fork-enosys
	fmemopen open_memstream setvbuf console-returns stdin-eof"
libc_expect=()
for c in $libc_checks; do
	libc_expect+=("libc: $c: ok")
done

build_test build/libc A=tests/apps/libc O="$out/libc"
libc=$image

# The lines the 4 printing threads made, each as printed: none torn, none lost.
libc_lines_intact() {
	local name=$1 whole distinct any

	whole=$(tr -d '\r' <"$log" |
		grep -aE '^libc: line [0-3] [0-4][0-9] abcdefghijklmnopqrstuvwxyz0123456789ABC end$')
	distinct=$(printf '%s\n' "$whole" | sort -u | grep -c .)
	any=$(grep -ac 'libc: line' "$log")
	if [ "$distinct" -eq 200 ] && [ "$any" -eq 200 ]; then
		t_pass "$name"
	else
		t_fail "$name" "$distinct distinct whole lines of 200; $any hold 'libc: line'"
	fi
}

# Each unsupported call is named once in the log, however often it fails.
libc_logged_once() {
	local name=$1 pattern=$2 n

	n=$(grep -cF -- "$pattern" "$log")
	if [ "$n" -eq 1 ]; then
		t_pass "$name"
	else
		t_fail "$name" "'$pattern' appears $n times, expected once"
	fi
}

# All groups in one boot; env.KEEL_TEST=hello is what the env group expects.
if selected libc/all; then
	boot_test libc/all "$libc" 0 ARGS="env.KEEL_TEST=hello -- $libc_groups" -- \
		"${libc_expect[@]}" "libc: 0 failures" "!FAIL" "!CPU exception" \
		"libc: stderr works" "libc: puts works" "libc: fputs works" \
		"libc: putchar works" "libc: printf returns 42" \
		"newlib: the console has no input; standard input reads end of file"
	libc_lines_intact libc/all/threads-printf-lines
	libc_logged_once libc/all/enosys-logged-once \
		"newlib: fork() is not supported; it fails with ENOSYS"
fi

# exit() runs the atexit handlers, then flushes stdout: the tail without a newline
# shows only through that flush. Returning from main() goes through exit() too.
boot_test libc/exit3 "$libc" 3 ARGS="-- exit3" -- \
	"libc: atexit ran" "libc: unflushed tail" "!FAIL"
boot_test libc/return3 "$libc" 3 ARGS="-- return3" -- "libc: unflushed tail" "!FAIL"
# abort() raises SIGABRT, whose default action stops the image like a crash.
boot_test libc/abort "$libc" 126 ARGS="-- abort" -- \
	"panic: abort() called" "test_abort+" "!FAIL"
