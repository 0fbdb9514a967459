#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Fetch, verify, unpack and patch the lwIP 2.1.3 sources into a cache shared by every
# Keel build (support/fetch does the work). The sources are compiled by lib/lwip/build.mk
# as part of each image (their options come from Kconfig through lwipopts.h), so only
# the tree is cached.
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
# shellcheck source-path=SCRIPTDIR source=../../support/fetch
. "$here/../../support/fetch"
fetch_init lwip

version=2.1.3
# Debian's repackaging of the 2.1.3 release (+dfsg1: the upstream zip re-packed as
# tar.xz without the files Debian does not distribute); the upstream server is not
# reachable from every build machine, Debian's archive is.
tarball=lwip_$version+dfsg1.orig.tar.xz
sha256=0a8276d09fc4e97bbba2f953d74af2388fc2195ea156be9d7589e297a68fde24

fetch_lock "$(dirname "$dest")"
[ -f "$dest/.unpacked" ] && exit 0
fetch_tarball KEEL_LWIP_URL "$tarball" "$sha256" \
	"http://deb.debian.org/debian/pool/main/l/lwip/$tarball"
# Only the stack itself: src/ (test/, doc/ and contrib-like parts are not built).
fetch_tree "$fetch_path" "lwip-$version" "$dest" "$here/patches" \
	"lwip-$version/src" "lwip-$version/COPYING"
