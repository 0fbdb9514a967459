#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify and unpack libfdt from the dtc release into the cache shared by every
# Keel build (support/fetch does the work). libfdt is compiled by the build like Keel's
# own libraries (lib/fdt/build.mk).
#
#   lib/fdt/fetch.sh DEST
# DEST receives libfdt/ (the upstream sources, unchanged) and a .unpacked stamp. The
# tarball is kept in $KEEL_CACHE/dl. KEEL_DTC_URL names a mirror to use instead.
set -euo pipefail

dest=${1:?usage: fetch.sh DEST}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../../support/fetch
. "$here/../../support/fetch"
fetch_init libfdt

version=1.7.2
# Debian's orig tarball of device-tree-compiler is the upstream dtc release.
tarball=device-tree-compiler_$version.orig.tar.xz
sha256=92d8ca769805ae1f176204230438fe52808f4e1c7944053c9eec0e649b237539

fetch_lock "$(dirname "$dest")"
[ -f "$dest/.unpacked" ] && exit 0
fetch_tarball KEEL_DTC_URL "$tarball" "$sha256" \
	"http://deb.debian.org/debian/pool/main/d/device-tree-compiler/$tarball" \
	"https://mirrors.edge.kernel.org/pub/software/utils/dtc/dtc-$version.tar.xz"
fetch_tree "$fetch_path" "dtc-$version" "$dest" "" "dtc-$version/libfdt"
