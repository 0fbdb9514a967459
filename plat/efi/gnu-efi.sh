#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify and cross-build GNU-EFI for an architecture the OS has no package of
# (arm64 on an x86_64 Debian, whose gnu-efi package is amd64-only), into a cache shared
# by every Keel build. Nothing of it enters the source tree.
#
#   plat/efi/gnu-efi.sh PREFIX ARCH
# ARCH is GNU-EFI's name (aarch64). PREFIX receives include/efi/, lib/crt0-efi-ARCH.o,
# lib/elf_ARCH_efi.lds, lib/libefi.a, lib/libgnuefi.a and a .built stamp; the caller
# (plat/efi/image.mk) names it after a hash of this script and the toolchain prefix.
# The source comes from Debian's archive (the upstream 3.0.15 release, as Debian's orig
# tarball) and is kept in $KEEL_CACHE/dl. KEEL_GNUEFI_URL names a mirror (any URL curl
# takes, file:// included) to use instead. KEEL_CROSS is the toolchain prefix.
set -euo pipefail

prefix=${1:?usage: gnu-efi.sh PREFIX ARCH}
arch=${2:?usage: gnu-efi.sh PREFIX ARCH}
cross=${KEEL_CROSS:-}
cache=${KEEL_CACHE:?KEEL_CACHE must name the cache folder}

version=3.0.15
tarball=gnu-efi_$version.orig.tar.bz2
sha256=931a257b9c5c1ba65ff519f18373c438a26825f2db7866b163e96d1b168f20ea
mirrors=("http://deb.debian.org/debian/pool/main/g/gnu-efi/$tarball")
[ -z "${KEEL_GNUEFI_URL:-}" ] || mirrors=("$KEEL_GNUEFI_URL")

say() { printf '  %-7s %s\n' "$1" "$2"; }
die() { echo "gnu-efi: $*" >&2; exit 1; }

# Every mirror's reason for failing goes into the one error line.
fetch() {
	local file=$cache/dl/$tarball url why=() err

	mkdir -p "$cache/dl"
	if [ -f "$file" ] && echo "$sha256  $file" | sha256sum -c --status; then
		return 0
	fi
	for url in "${mirrors[@]}"; do
		say FETCH "$url"
		if curl -fsSL --connect-timeout 15 --retry 2 -o "$file.part" "$url" 2> "$file.err"; then
			if echo "$sha256  $file.part" | sha256sum -c --status; then
				mv "$file.part" "$file"
				rm -f "$file.err"
				return 0
			fi
			why+=("$url: sha256 mismatch")
		else
			err=$(tail -n 1 "$file.err")
			why+=("$url: ${err:-download failed}")
		fi
		rm -f "$file.part" "$file.err"
	done
	local IFS=';'
	die "cannot fetch $tarball with sha256 $sha256 (${why[*]})"
}

# Built in a scratch folder, installed into PREFIX only when everything worked.
build() {
	local log jobs=${KEEL_JOBS:-2}

	command -v "${cross}gcc" > /dev/null ||
		die "${cross}gcc not found: install the cross compiler (sudo support/install-deps)"
	command -v bzip2 > /dev/null || die "bzip2 not found: install it (sudo support/install-deps)"
	mkdir -p "$(dirname "$prefix")"
	work=$(mktemp -d "$(dirname "$prefix")/.build.XXXXXX")
	trap 'rm -rf "$work"' EXIT		# global: the trap runs after build() returns
	log=$work/build.log
	say UNPACK "$tarball"
	tar -xjf "$cache/dl/$tarball" -C "$work" || die "$cache/dl/$tarball does not unpack"
	# reloc_$arch.c includes <elf.h> for the ELF relocation types. Without the target's
	# C library headers the cross compiler finds the host's, which includes the host's
	# <bits/auxv.h>; that file only holds AT_* constants GNU-EFI does not use, so an
	# empty one found last (-idirafter) stands in for it when the host's is not found.
	mkdir -p "$work/compat/bits"
	: > "$work/compat/bits/auxv.h"
	say MAKE "GNU-EFI $version for $arch"
	# CPPFLAGS from the environment: GNU-EFI's makefiles append their own to it.
	if ! CPPFLAGS="-idirafter $work/compat" make -C "$work/gnu-efi-$version" -j"$jobs" \
		ARCH="$arch" CROSS_COMPILE="$cross" lib gnuefi inc > "$log" 2>&1 ||
	   ! make -C "$work/gnu-efi-$version" ARCH="$arch" CROSS_COMPILE="$cross" \
		INSTALLROOT="$work/install" PREFIX=/ LIBDIR=/lib install >> "$log" 2>&1; then
		tail -15 "$log" >&2
		die "the build failed (the last lines of its log are above)"
	fi
	[ -f "$work/install/lib/crt0-efi-$arch.o" ] && [ -f "$work/install/include/efi/efi.h" ] ||
		die "the build did not install crt0-efi-$arch.o and efi.h"
	touch "$work/install/.built"
	rm -rf "$prefix"
	mv "$work/install" "$prefix"
}
work=

# The lock is the cache folder itself: parallel builds wait for the first one.
mkdir -p "$cache"
exec 9< "$cache"
flock 9
[ -f "$prefix/.built" ] && exit 0
fetch
build
