#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Discover Keel units (folders holding both Kconfig and build.mk) and write the Kconfig
# lists the root Kconfig sources plus units.mk for make. Prints only errors.
# usage: gen-units.sh ROOT OUTDIR APPDIR "EXTLIB..."
set -eu
root=$1 out=$2 app=$3 ext=$4
mkdir -p "$out"

units() {	# folders among the given build.mk paths that also have a Kconfig
	for f in "$@"; do
		d=${f%/build.mk}
		[ -f "$f" ] && [ -f "$d/Kconfig" ] && echo "$d"
	done
	return 0
}

update() {	# write stdin to $1 only when it differs, so make sees no change otherwise
	cat > "$1.tmp"
	if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv "$1.tmp" "$1"; fi
}

sources() {
	for d in "$@"; do printf 'source "%s/Kconfig"\n' "$d"; done
}

arch=$(units "$root"/arch/*/build.mk)
plat=$(units "$root"/plat/*/build.mk)
drivers=$(units $(find "$root/drivers" -name build.mk 2>/dev/null | sort))
libs=$(units "$root"/lib/*/build.mk)

for d in $ext; do
	if [ ! -f "$d/Kconfig" ] || [ ! -f "$d/build.mk" ]; then
		echo "L=: $d is not a Keel library (it needs a Kconfig and a build.mk)"
		exit 1
	fi
done

sources $arch | update "$out/Kconfig.arch"
sources $plat | update "$out/Kconfig.plat"
sources $drivers | update "$out/Kconfig.drivers"
sources $libs | update "$out/Kconfig.libs"
sources $ext | update "$out/Kconfig.ext"
if [ -f "$app/Kconfig" ]; then sources "$app"; else echo "comment \"$(basename "$app") has no Kconfig\""; fi \
	| update "$out/Kconfig.app"
echo "KEEL_UNITS :=" $arch $plat $drivers $libs $ext | update "$out/units.mk"
