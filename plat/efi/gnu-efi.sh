#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify and cross-build GNU-EFI for an architecture the OS has no package of
# (arm64 on an x86_64 Debian, whose gnu-efi package is amd64-only), into a cache shared
# by every Keel build (support/fetch fetches). Nothing of it enters the source tree.
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
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../../support/fetch
. "$here/../../support/fetch"
fetch_init gnu-efi

version=3.0.15
tarball=gnu-efi_$version.orig.tar.bz2
sha256=931a257b9c5c1ba65ff519f18373c438a26825f2db7866b163e96d1b168f20ea

# Built in a scratch folder, installed into PREFIX only when everything worked.
build() {
	local log jobs=${KEEL_JOBS:-2}

	command -v "${cross}gcc" > /dev/null ||
		die "${cross}gcc not found: install the cross compiler (sudo support/install-deps)"
	mkdir -p "$(dirname "$prefix")"
	work=$(mktemp -d "$(dirname "$prefix")/.build.XXXXXX")
	trap 'rm -rf "$work"' EXIT		# global: the trap runs after build() returns
	log=$work/build.log
	fetch_unpack "$fetch_path" "$work"
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

# Parallel builds wait for the first one.
fetch_lock "$(dirname "$prefix")"
[ -f "$prefix/.built" ] && exit 0
fetch_tarball KEEL_GNUEFI_URL "$tarball" "$sha256" \
	"http://deb.debian.org/debian/pool/main/g/gnu-efi/$tarball"
build
