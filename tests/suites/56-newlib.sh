# SPDX-License-Identifier: BSD-3-Clause
# newlib as the C library: helloworld builds and boots with it in place of klibc, a
# second build reuses the cached libc, and a bad download is refused with a clear error.
# (tests/suites/57-libc.sh checks what the library does.)

build_edited build/helloworld-newlib "$out/hello-newlib" '$a CONFIG_LIBNEWLIB=y' \
	A=apps/helloworld
hello_newlib=$image
if [ "$rc" -ne 0 ] || [ ! -f "$hello_newlib" ]; then
	t_fail build/helloworld-newlib "make failed (status $rc)"
	hello_newlib=
elif grep -q '^CONFIG_LIBKLIBC=y' "$out/hello-newlib/.config" ||
     grep -qa 'lib/klibc/' "$hello_newlib.dbg" || ! nm "$hello_newlib.dbg" | grep -q ' _vfprintf_r$'; then
	# The debug information names every source file linked in.
	t_fail build/helloworld-newlib "klibc was linked alongside newlib, or newlib's printf was not"
else
	t_pass build/helloworld-newlib
fi

if [ -n "$hello_newlib" ]; then
	boot_test boot/helloworld-newlib "$hello_newlib" 0 ARGS="-- one two" -- \
		"Hello from Keel!" 'argv[2] = "two"'
fi

# The libc is built once per architecture and flags: a rebuild does not redo it.
if selected build/newlib-cached && [ -n "$hello_newlib" ]; then
	build build/newlib-cached O="$out/hello-newlib"
	if [ "$rc" -eq 0 ] && ! grep -qE '^  (CONFIG|MAKE|FETCH|CC|LD) ' "$log"; then
		t_pass build/newlib-cached
	else
		t_fail build/newlib-cached "a second make rebuilt something (status $rc)"
	fi
fi

# Without newlib nothing of it is linked in.
if selected build/klibc-no-newlib; then
	if [ -n "${hello:-}" ] && [ -f "$hello.dbg" ] && ! nm "$hello.dbg" | grep -q ' _vfprintf_r$' &&
	   nm "$hello.dbg" | grep -q ' T k_vprintk$'; then
		t_pass build/klibc-no-newlib
	else
		t_fail build/klibc-no-newlib "the klibc helloworld links newlib code, or was not built"
	fi
fi

# A download that fails, or does not match the recorded sha256, stops the build.
newlib_fetch_fails() {
	local name=$1 url=$2 pattern=$3 cache

	selected "$name" || return 0
	cache=$(mktemp -d "$out/newlib-cache.XXXXXX")
	KEEL_NEWLIB_URL=$url KEEL_CACHE=$cache \
		build "$name" O="$out/hello-newlib-fetch" A=apps/helloworld
	if [ "$rc" -ne 0 ] && grep -q "$pattern" "$log" && [ ! -d "$cache/newlib/x86_64"* ]; then
		t_pass "$name"
	else
		t_fail "$name" "status $rc; output lacks '$pattern'"
	fi
	rm -rf "$cache"
}
if [ -n "$hello_newlib" ]; then
	rm -rf "$out/hello-newlib-fetch"
	cp -r "$out/hello-newlib" "$out/hello-newlib-fetch"
	rm -rf "$out/hello-newlib-fetch/obj"
	echo "not a tarball" > "$out/not-newlib.tar.gz"
	newlib_fetch_fails build/newlib-fetch-unreachable "file://$out/missing.tar.gz" \
		"newlib: cannot fetch newlib-3.3.0.tar.gz"
	newlib_fetch_fails build/newlib-fetch-bad-sha256 "file://$out/not-newlib.tar.gz" \
		"sha256 mismatch"
fi
