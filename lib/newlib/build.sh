#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify, unpack, patch, configure and build newlib's libc.a and libm.a for one
# architecture and one set of flags, into a cache shared by every Keel build
# (support/fetch fetches, unpacks and patches).
#
#   lib/newlib/build.sh PREFIX TRIPLE CFLAGS NOFPU_CFLAGS SIMD_REGEX
# PREFIX receives include/, lib/libc.a, lib/libm.a and a .built stamp; the caller
# (lib/newlib/build.mk) names it after a hash of everything that affects the result.
# The source tarball is kept in $KEEL_CACHE/dl and unpacked trees in $KEEL_CACHE/src.
# KEEL_NEWLIB_URL names a mirror to use instead of the built-in ones; KEEL_CROSS is the
# toolchain prefix (empty for the host's gcc). SIMD_REGEX matches, in objdump -d output,
# the registers Keel's own code must not touch (the architecture's build.mk says which).
set -euo pipefail

prefix=${1:?usage: build.sh PREFIX TRIPLE CFLAGS NOFPU_CFLAGS SIMD_REGEX}
triple=${2:?triple}
cflags=${3:?cflags}
nofpu_cflags=${4-}
simd_regex=${5:?simd_regex}
cross=${KEEL_CROSS:-}
cc=${cross}gcc
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../../support/fetch
. "$here/../../support/fetch"
fetch_init newlib

version=3.3.0
tarball=newlib-$version.tar.gz
# The upstream release; Debian keeps the identical file as its orig tarball.
sha256=58dd9e3eaedf519360d92d84205c3deef0b3fc286685d1c562e245914ef72c66

# The unpacked tree is named after the patches applied to it and this script. libgloss
# (board support for other targets) is the only part never needed.
unpack() {
	local key

	key=$(cat "$0" "$here"/patches/*.patch | sha256sum | cut -c1-12)
	src=$cache/src/newlib-$version-$key
	[ -f "$src/.unpacked" ] && return 0
	fetch_tree "$fetch_path" "newlib-$version" "$src" "$here/patches" \
		--exclude="newlib-$version/libgloss"
}

# Kernel code calls the string functions, also from interrupt handlers, which do not
# save SIMD state: they are built first without it, and checked.
check_string_members() {
	local lib=$1 bad=() m dir

	for dir in libc/string $machine_string_dir; do
		for m in $(ar t "$build/$dir/lib.a"); do
			case $m in *setjmp*) continue ;; esac
			if "${cross}objdump" -d "$build/$dir/$m" | grep -qE "$simd_regex"; then
				bad+=("$m")
			fi
		done
	done
	[ ${#bad[@]} -eq 0 ] || die "string functions use SIMD registers: ${bad[*]}"
	ar t "$lib" > /dev/null
}

# Keep the log of a failed build, not its tree.
build_failed() {
	local kept=$cache/newlib/failed-build.log

	mv "$log" "$kept"
	rm -rf "$build"
	echo "newlib: build failed; the last lines of $kept:" >&2
	tail -20 "$kept" >&2
}

# aarch64: newlib's assembly string functions (libc/machine/aarch64) use SIMD registers
# and replace the generic ones in libc.a. Each has a C stub that takes the generic C
# version instead when PREFER_SIZE_OVER_SPEED is defined, and the .S file is then empty:
# that folder is built in the first pass too, with the define (for the .S files too, which
# take CCASFLAGS), and checked; setjmp, which saves d8-d15 as AAPCS64 asks, is not a
# string function.
# newlib's configure.host gives aarch64 its own system-call folder and so leaves out
# MISSING_SYSCALL_NAMES, which every target without one (x86_64-elf) gets: without it the
# reentrant wrappers call _isatty, _write... instead of the isatty, write... Keel provides.
string_cflags=
machine_string_dir=
target_cflags=
case $triple in
aarch64*)
	string_cflags=" -DPREFER_SIZE_OVER_SPEED"
	machine_string_dir=libc/machine/aarch64
	target_cflags=" -DMISSING_SYSCALL_NAMES"
	;;
esac

build() {
	local jobs=${KEEL_JOBS:-$(nproc)} gccinc log
	gccinc=$($cc -print-file-name=include)
	build=$(mktemp -d "$cache/newlib/.build.XXXXXX")
	log=$build/build.log
	trap 'build_failed' ERR
	# _POSIX_MODE: libm reports domain and range errors in errno, as math.h's
	# math_errhandling (MATH_ERRNO) promises; newlib's default IEEE mode never does.
	local all_cflags="$cflags -DMALLOC_PROVIDED -D_POSIX_MODE$target_cflags -nostdinc -isystem $gccinc"
	say CONFIG "newlib $version for $triple"
	(cd "$build" && "$src/newlib/configure" --host="$triple" --build="$(gcc -dumpmachine)" \
		--prefix="$build/install" --disable-multilib --disable-newlib-supplied-syscalls \
		--enable-newlib-retargetable-locking --enable-newlib-global-stdio-streams \
		--enable-newlib-io-long-long --enable-newlib-io-c99-formats \
		--enable-newlib-io-long-double --enable-lite-exit \
		CC="$cc" AR="${cross}ar" RANLIB="${cross}ranlib" AS="${cross}as" LD="${cross}ld" \
		CFLAGS="$all_cflags") > "$log" 2>&1
	say MAKE "newlib string functions (no SIMD)"
	make -C "$build" stmp-targ-include >> "$log" 2>&1
	make -C "$build/libc/string" -j"$jobs" CFLAGS="$all_cflags $nofpu_cflags$string_cflags" \
		CC="$cc -I$build/targ-include -I$src/newlib/libc/include" >> "$log" 2>&1
	if [ -n "$machine_string_dir" ]; then
		make -C "$build/$machine_string_dir" -j"$jobs" \
			CFLAGS="$all_cflags $nofpu_cflags$string_cflags" \
			CCASFLAGS="$all_cflags$string_cflags" \
			CC="$cc -I$build/targ-include -I$src/newlib/libc/include" >> "$log" 2>&1
	fi
	say MAKE "newlib libc.a and libm.a (a few minutes the first time)"
	make -C "$build" -j"$jobs" >> "$log" 2>&1
	make -C "$build" install >> "$log" 2>&1
	check_string_members "$build/libc.a"
	trap - ERR
}

fetch_lock "$(dirname "$prefix")"
[ -f "$prefix/.built" ] && exit 0
# A local mirror (any URL curl takes, file:// included) in KEEL_NEWLIB_URL replaces
# the list.
fetch_tarball KEEL_NEWLIB_URL "$tarball" "$sha256" \
	"https://sourceware.org/pub/newlib/$tarball" \
	"http://deb.debian.org/debian/pool/main/n/newlib/newlib_$version.orig.tar.gz"
unpack
build
rm -rf "$prefix.tmp"
mkdir -p "$prefix.tmp/lib"
mv "$build/install/$triple/include" "$prefix.tmp/include"
mv "$build/install/$triple/lib/libc.a" "$build/install/$triple/lib/libm.a" "$prefix.tmp/lib/"
rm -rf "$build" "$prefix"
touch "$prefix.tmp/.built"
mv "$prefix.tmp" "$prefix"
say NEWLIB "$prefix"
