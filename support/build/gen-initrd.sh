#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# gen-initrd.sh ROOTFS OUT: pack the folder ROOTFS into the cpio "newc" archive OUT
# (what lib/initrd unpacks at boot). Deterministic: names sorted bytewise, owners 0:0,
# device and inode numbers renumbered (--reproducible); OUT is only rewritten when its
# content changes, so make does not redo what depends on it.
set -eo pipefail
rootfs=${1:?usage: gen-initrd.sh ROOTFS OUT}
out=${2:?usage: gen-initrd.sh ROOTFS OUT}
command -v cpio >/dev/null || { echo "error: cpio not found: run sudo support/install-deps" >&2; exit 1; }
flags=(-o -H newc -R 0:0 --quiet)
cpio --help 2>/dev/null | grep -q -- --reproducible && flags+=(--reproducible)
( cd "$rootfs" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | cpio "${flags[@]}" ) \
	> "$out.tmp"
if cmp -s "$out.tmp" "$out"; then rm -f "$out.tmp"; else mv "$out.tmp" "$out"; fi
