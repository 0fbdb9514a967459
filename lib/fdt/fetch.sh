#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify and unpack libfdt from the dtc release into the cache shared by every
# Keel build. libfdt is compiled by the build like Keel's own libraries (lib/fdt/build.mk).
#
#   lib/fdt/fetch.sh DEST
# DEST receives libfdt/ (the upstream sources, unchanged) and a .unpacked stamp. The
# tarball is kept in $KEEL_CACHE/dl. KEEL_DTC_URL names a mirror to use instead.
set -euo pipefail

dest=${1:?usage: fetch.sh DEST}
cache=${KEEL_CACHE:?KEEL_CACHE must name the cache folder}

version=1.7.2
# Debian's orig tarball of device-tree-compiler is the upstream dtc release.
tarball=device-tree-compiler_$version.orig.tar.xz
sha256=92d8ca769805ae1f176204230438fe52808f4e1c7944053c9eec0e649b237539
mirrors=(
	"http://deb.debian.org/debian/pool/main/d/device-tree-compiler/$tarball"
	"https://mirrors.edge.kernel.org/pub/software/utils/dtc/dtc-$version.tar.xz"
)
[ -z "${KEEL_DTC_URL:-}" ] || mirrors=("$KEEL_DTC_URL")

say() { printf '  %-7s %s\n' "$1" "$2"; }
die() { echo "libfdt: $*" >&2; exit 1; }

fetch() {
	local file=$cache/dl/$tarball url

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
			echo "libfdt: $url: sha256 mismatch, trying the next mirror" >&2
		fi
		[ -s "$file.err" ] && echo "libfdt: $url: $(tail -1 "$file.err")" >&2
		rm -f "$file.part" "$file.err"
	done
	die "cannot fetch $tarball with sha256 $sha256 from: ${mirrors[*]}"
}

mkdir -p "$cache/fdt"
exec 9> "$cache/fdt/.lock"
flock 9
[ -f "$dest/.unpacked" ] && exit 0
fetch
say UNPACK "$tarball (libfdt)"
tmp=$(mktemp -d "$cache/fdt/.unpack.XXXXXX")
tar -xJf "$cache/dl/$tarball" -C "$tmp" "dtc-$version/libfdt"
rm -rf "$dest"
mv "$tmp/dtc-$version" "$dest"
rmdir "$tmp"
touch "$dest/.unpacked"
