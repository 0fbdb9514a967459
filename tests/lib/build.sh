# SPDX-License-Identifier: BSD-3-Clause
# Test helpers (sourced by tests/run): building images into the scratch folder.

# build NAME MAKE-ARGS...: run make; output in $log, status in $rc, image path in $image.
build() {
	local name=$1
	shift
	log=$out/logs/${name////_}.log
	make -C "$root" "$@" >"$log" 2>&1
	rc=$?
	image=$(sed -n 's/^  IMAGE   //p' "$log" | tail -n 1)
	[ -z "$image" ] || [ "${image:0:1}" = / ] || image=$root/$image
}

# build_test NAME MAKE-ARGS...: a build that must succeed and print its image.
build_test() {
	local name=$1
	build "$@"
	if [ "$rc" -ne 0 ] || [ ! -f "$image" ]; then
		t_fail "$name" "make failed (status $rc)"
		return 1
	fi
	t_pass "$name"
}

# build_fails NAME PATTERN MAKE-ARGS...: a build that must stop with PATTERN.
build_fails() {
	local name=$1 pattern=$2
	shift 2
	selected "$name" || return 0
	build "$name" "$@"
	if [ "$rc" -eq 0 ]; then
		t_fail "$name" "make succeeded"
	elif ! grep -qF -- "$pattern" "$log"; then
		t_fail "$name" "make output lacks '$pattern'"
	else
		t_pass "$name"
	fi
}

# copy_tree DEST: the repository's tracked files (or the whole tree outside git).
copy_tree() {
	rm -rf "$1"
	mkdir -p "$1"
	if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$root" ls-files -z --cached --others --exclude-standard |
			tar -C "$root" --null -T - -cf - | tar -xf - -C "$1"
	else
		tar -C "$root" --exclude=./build -cf - . | tar -xf - -C "$1"
	fi
}

# build_edited NAME O SED-SCRIPT MAKE-ARGS...: configure O afresh, edit its .config with
# SED-SCRIPT, apply it with olddefconfig, and build again ($rc, $image, $log as build).
build_edited() {
	local name=$1 o=$2 edit=$3
	shift 3
	rm -rf "$o"
	build "$name" O="$o" "$@"
	sed -i "$edit" "$o/.config"
	make -C "$root" O="$o" olddefconfig >"$log.olddefconfig" 2>&1 || {
		rc=$?
		cat "$log.olddefconfig" >>"$log"
		return
	}
	build "$name" O="$o"
}
