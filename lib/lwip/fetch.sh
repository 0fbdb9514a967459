#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify, unpack and patch the lwIP 2.1.3 sources into a cache shared by every
# Keel build. The sources are compiled by lib/lwip/build.mk as part of each image
# (their options come from Kconfig through lwipopts.h), so only the tree is cached.
#
#   lib/lwip/fetch.sh DEST
# DEST is $KEEL_CACHE/src/lwip-2.1.3-KEY, KEY a hash of this script and the patches
# (build.mk computes it); DEST/.unpacked marks a complete tree. The tarball is kept in
# $KEEL_CACHE/dl. KEEL_LWIP_URL names a mirror (any URL curl takes, file:// included)
# to use instead of the built-in list. A failure prints one line and leaves neither a
# tarball nor a tree behind.
set -euo pipefail

dest=${1:?usage: fetch.sh DEST}
here=$(cd "$(dirname "$0")" && pwd)
cache=${KEEL_CACHE:?KEEL_CACHE must name the cache folder}

version=2.1.3
# Debian's repackaging of the 2.1.3 release (+dfsg1: the upstream zip re-packed as
# tar.xz without the files Debian does not distribute); the upstream server is not
# reachable from every build machine, Debian's archive is.
tarball=lwip_$version+dfsg1.orig.tar.xz
sha256=0a8276d09fc4e97bbba2f953d74af2388fc2195ea156be9d7589e297a68fde24
mirrors=(
	"http://deb.debian.org/debian/pool/main/l/lwip/$tarball"
)
[ -z "${KEEL_LWIP_URL:-}" ] || mirrors=("$KEEL_LWIP_URL")

say() { printf '  %-7s %s\n' "$1" "$2"; }
die() { echo "lwip: $*" >&2; exit 1; }

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
	rmdir "$cache/dl" 2> /dev/null || true
	local IFS=';'
	die "cannot fetch $tarball with sha256 $sha256 (${why[*]})"
}

unpack() {
	local patches=("$here"/patches/*.patch) tmp p

	[ -e "${patches[0]}" ] || patches=()
	say UNPACK "$tarball"
	mkdir -p "$(dirname "$dest")"
	tmp=$(mktemp -d "$(dirname "$dest")/.lwip-unpack.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# Only the stack itself: src/ (test/, doc/ and contrib-like parts are not built).
	tar -xJf "$cache/dl/$tarball" -C "$tmp" "lwip-$version/src" "lwip-$version/COPYING" ||
		die "$cache/dl/$tarball does not unpack"
	for p in "${patches[@]}"; do
		say PATCH "$(basename "$p")"
		patch -s -d "$tmp/lwip-$version" -p1 < "$p" > /dev/null 2>&1 ||
			die "patch $(basename "$p") does not apply to lwIP $version"
	done
	touch "$tmp/lwip-$version/.unpacked"
	rm -rf "$dest"
	mv "$tmp/lwip-$version" "$dest"
	rm -rf "$tmp"
	trap - EXIT
}

# The lock is the cache folder itself, so a failed fetch leaves no file behind.
mkdir -p "$cache"
exec 9< "$cache"
flock 9
[ -f "$dest/.unpacked" ] && exit 0
fetch
unpack
