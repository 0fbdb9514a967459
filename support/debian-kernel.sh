# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Debian 12's kernel for the Linux guests Keel's scripts boot: the benchmark baseline
# (bench/linux/build-initramfs) and the Xen dom0 (support/xen/build-dom0). Sourced by bash.
#
#   . support/debian-kernel.sh
#   debian_kernel MODULE...
# Fetches the kernel package with `apt-get download` and unpacks it (never installs it)
# into ${KEEL_CACHE:-~/.cache/keel}/linux/PACKAGE/root: the bzImage, its config,
# modules.order, modules.builtin, and the MODULEs (names as in modules.order, with _ for -)
# with their dependencies. Modules are added to the cache as they are asked for, so the
# callers share one unpacked kernel. Sets:
#   dk_pkg      the package, e.g. linux-image-6.1.0-57-amd64
#   dk_dir      its cache folder
#   dk_kver     the kernel release, e.g. 6.1.0-57-amd64
#   dk_mdir     lib/modules/KVER inside the cache
#   dk_vmlinuz  the bzImage
#   dk_vmlinux  the ELF inside it, decompressed once into the cache (empty when that failed):
#               it boots faster than the bzImage, whose xz stream takes seconds under TCG
#   dk_order    the MODULEs' and their dependencies' paths under dk_mdir, dependencies first
# Environment: LINUX_PKG (default: what linux-image-amd64 depends on, per apt-cache).
# Returns non-zero with a message on stderr when the kernel or a module cannot be had.

dk_say() { echo "debian-kernel: $*" >&2; }

# The kernel package: linux-image-amd64 is a meta-package naming the current ABI's package.
dk_resolve() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n1
}

# dk_extract PATTERN...: the package members matching the tar patterns, into $dk_dir/root.
# The .deb (70 MB) stays in $dk_dir/.deb until debian_kernel returns.
dk_extract() {
	local deb_dir=$dk_dir/.deb deb
	deb=$(ls "$deb_dir"/*.deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		mkdir -p "$deb_dir"
		dk_say "downloading $dk_pkg"
		(cd "$deb_dir" && apt-get download -q "$dk_pkg" 2>&1 |
			grep -v '^W: Download is performed unsandboxed' >&2) || true
		deb=$(ls "$deb_dir"/*.deb 2>/dev/null | head -n1 || true)
		[ -n "$deb" ] || { dk_say "apt-get download $dk_pkg failed"; return 1; }
	fi
	mkdir -p "$dk_dir/root"
	# .partial marks an extraction that did not finish: the next run starts afresh.
	touch "$dk_dir/.partial"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dk_dir/root" --wildcards "$@" || return 1
	rm -f "$dk_dir/.partial"
}

# The module's dependencies, from its .modinfo section ("depends=a,b-c": a b_c).
dk_mod_deps() {
	readelf -p .modinfo "$1" | sed -n 's/.*\]  depends=//p' | tr ',-' ' _'
}

# dk_path[module name] = its path under dk_mdir, from modules.order.
dk_read_order() {
	local n p
	dk_path=()
	while read -r n p; do dk_path[$n]=$p; done < <(awk -F/ '{
		n = $NF; sub(/\.ko$/, "", n); gsub(/-/, "_", n); print n, $0 }' "$dk_mdir/modules.order")
}

# Extract the missing MODULEs and their dependencies, one dependency layer per pass.
dk_fetch_modules() {
	local -A seen=()
	local todo=("$@") pats=() m p d
	while [ ${#todo[@]} -gt 0 ]; do
		pats=()
		for m in "${todo[@]}"; do
			[ -z "${seen[$m]:-}" ] || continue
			seen[$m]=1
			if [ -n "${dk_path[$m]:-}" ]; then
				[ -s "$dk_mdir/${dk_path[$m]}" ] || pats+=("./lib/modules/$dk_kver/${dk_path[$m]}")
			elif ! grep -q "/${m//_/[_-]}\.ko\$" "$dk_mdir/modules.builtin"; then
				dk_say "$dk_kver has no module $m"
				return 1
			fi
		done
		[ ${#pats[@]} -eq 0 ] || dk_extract "${pats[@]}" || return 1
		todo=()
		for m in "${!seen[@]}"; do
			p=${dk_path[$m]:-}
			[ -n "$p" ] || continue
			for d in $(dk_mod_deps "$dk_mdir/$p"); do
				[ -n "${seen[$d]:-}" ] || todo+=("$d")
			done
		done
	done
}

# Load order: dependencies first (depth-first, post-order).
dk_visit() {
	local m=$1 d
	[ -z "${dk_seen[$m]:-}" ] || return 0
	dk_seen[$m]=1
	[ -n "${dk_path[$m]:-}" ] || return 0	# built in
	for d in $(dk_mod_deps "$dk_mdir/${dk_path[$m]}"); do dk_visit "$d"; done
	dk_order+=("${dk_path[$m]}")
}

# The ELF inside the bzImage, which carries Xen's ELF notes (a PVH entry, note type 0x12,
# for QEMU's -kernel; a PV entry for a Xen dom0): xz-decompressed once.
dk_decompress() {
	local off
	dk_vmlinux=$dk_dir/vmlinux
	[ ! -s "$dk_vmlinux" ] || return 0
	dk_vmlinux=
	off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$dk_vmlinuz" | head -n1 | cut -d: -f1 || true)
	if [ -z "$off" ] || ! command -v xz >/dev/null; then
		dk_say "no xz stream in $dk_vmlinuz (or no xz): no vmlinux"
		return 0
	fi
	# xz complains about the bytes after the stream; the ELF check below is the test.
	tail -c +$((off + 1)) "$dk_vmlinuz" | xz -dcq >"$dk_dir/vmlinux.tmp" 2>/dev/null || true
	if readelf -n "$dk_dir/vmlinux.tmp" 2>/dev/null | grep -q 'Unknown note type: (0x00000012)'; then
		mv "$dk_dir/vmlinux.tmp" "$dk_dir/vmlinux"
		dk_vmlinux=$dk_dir/vmlinux
	else
		dk_say "no ELF with a PVH note inside $dk_vmlinuz: no vmlinux"
	fi
	rm -f "$dk_dir/vmlinux.tmp"
}

# The work under the cache lock (several scripts may run at once).
dk_locked() {
	local cache=$1 old m
	shift
	dk_pkg=${LINUX_PKG:-$(dk_resolve)}
	if [ -z "$dk_pkg" ] && [ "$(id -u)" -eq 0 ] && [ -z "$(ls "$cache" 2>/dev/null)" ]; then
		dk_say "apt-cache knows no linux-image-amd64: running apt-get update"
		apt-get update -qq >&2 || true
		dk_pkg=$(dk_resolve)
	fi
	if [ -z "$dk_pkg" ]; then
		# No apt lists (apt-get update never ran): fall back to the newest cached kernel.
		dk_pkg=$(ls -t "$cache" 2>/dev/null | head -n1 || true)
		[ -n "$dk_pkg" ] || {
			dk_say "cannot resolve linux-image-amd64: run apt-get update (or set LINUX_PKG)"
			return 1
		}
		dk_say "apt-cache knows no linux-image-amd64, using cached $dk_pkg"
	fi
	dk_dir=$cache/$dk_pkg
	if [ -e "$dk_dir/.partial" ] || ! ls "$dk_dir"/root/boot/vmlinuz-* >/dev/null 2>&1; then
		rm -rf "$dk_dir"
		mkdir -p "$dk_dir"
		dk_extract './boot/vmlinuz-*' './boot/config-*' './lib/modules/*/modules.order' \
			'./lib/modules/*/modules.builtin' || return 1
	fi
	dk_kver=$(ls "$dk_dir/root/lib/modules" | head -n1)
	dk_mdir=$dk_dir/root/lib/modules/$dk_kver
	dk_vmlinuz=$dk_dir/root/boot/vmlinuz-$dk_kver
	dk_read_order
	dk_fetch_modules "$@" || { rm -rf "$dk_dir/.deb"; return 1; }
	rm -rf "$dk_dir/.deb"
	dk_decompress
	# An ABI bump in Debian's archive means a new package: drop the kernels it replaces.
	for old in "$cache"/*; do
		[ "$old" = "$dk_dir" ] || rm -rf "$old"
	done
	dk_order=()
	local -A dk_seen=()
	for m in "$@"; do dk_visit "$m"; done
}

debian_kernel() {
	local cache=${KEEL_CACHE:-$HOME/.cache/keel}/linux tool fd rc
	for tool in cpio gzip readelf dpkg-deb apt-get flock; do
		command -v $tool >/dev/null || { dk_say "$tool not found: run support/install-deps"; return 1; }
	done
	declare -gA dk_path=()
	mkdir -p "$cache"
	exec {fd}>"$cache/.lock"
	flock "$fd"
	rc=0
	dk_locked "$cache" "$@" || rc=$?
	exec {fd}>&-
	return $rc
}
