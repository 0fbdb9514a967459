# SPDX-License-Identifier: BSD-3-Clause
# Build-system tests: the non-interactive contract, incremental builds, clear errors,
# and library discovery (in-tree folder drop, L= out-of-tree library, A= out-of-tree app).

hello_o=$out/hello
build_test build/helloworld A=apps/helloworld TARGET=kvm-x86_64 O="$hello_o"
hello=$image
build_test build/fault A=tests/apps/fault O="$out/fault"
fault=$image

if selected build/noop-rebuild; then
	build build/noop-rebuild O="$hello_o"
	if [ "$rc" -ne 0 ] || grep -qE '^  (CC|AS|LD) ' "$log"; then
		t_fail build/noop-rebuild "a second make rebuilt something (status $rc)"
	else
		t_pass build/noop-rebuild
	fi
fi

if selected build/header-change-rebuilds; then
	touch "$root/lib/core/include/keel/print.h"
	build build/header-change-rebuilds O="$hello_o"
	if [ "$rc" -eq 0 ] && grep -q 'CC      lib/core/print.o' "$log" &&
	   ! grep -q 'CC      arch/x86_64/backtrace.o' "$log"; then
		t_pass build/header-change-rebuilds
	else
		t_fail build/header-change-rebuilds "print.h users not rebuilt, or non-users rebuilt"
	fi
fi

# A configuration change reaches the code: log level 2 hides the info-level banner.
if selected build/config-change; then
	build_edited build/config-change "$out/hello-quiet" \
		's/^CONFIG_CORE_LOG_LEVEL=.*/CONFIG_CORE_LOG_LEVEL=2/' A=apps/helloworld
	if [ "$rc" -eq 0 ] && grep -q 'CC      lib/core/print.o' "$log"; then
		boot_test build/config-change "$image" 0 -- "Hello from Keel!" "!Keel on"
	else
		t_fail build/config-change "config change did not rebuild lib/core/print.o"
	fi
fi

# A PVH-only image (no multiboot header) makes QEMU use the PVH entry.
if selected "build/pvh-only"; then
	build_edited build/pvh-only "$out/hello-pvh" \
		's/^CONFIG_KVM_MULTIBOOT=y/# CONFIG_KVM_MULTIBOOT is not set/' A=apps/helloworld
	pvh_image=$image
	if [ "$rc" -eq 0 ] && ! readelf -S "$pvh_image.dbg" | grep -q '\.multiboot'; then
		t_pass build/pvh-only
	else
		t_fail build/pvh-only "build failed or the image still has a multiboot header"
	fi
fi

build_fails build/unknown-target "is not a known target" TARGET=nosuch-x86_64 O="$out/bad-target"
build_fails build/missing-app "no such application folder" A=apps/nonexistent O="$out/bad-app"
build_fails build/bad-extlib "is not a Keel library" L=/nonexistent O="$out/bad-lib"
build_fails build/target-mismatch "is configured for kvm-x86_64" O="$hello_o" TARGET=kvm-arm64

# Library discovery: a folder dropped into lib/ of a copy of the tree is configured,
# built and linked with no other edit; an out-of-tree library and app work the same way.
if selected "build/discover*"; then
	tree=$out/tree
	copy_tree "$tree"
	mkdir -p "$tree/lib/zzprobe" "$out/ext/extprobe" "$out/ext/extapp"
	cat >"$tree/lib/zzprobe/Kconfig" <<'KCONFIG'
config LIBZZPROBE
	bool "zzprobe: discovery test library"
	default y
	help
	  Prints a line from its init function.
KCONFIG
	printf 'libs-$(CONFIG_LIBZZPROBE) += zzprobe\nzzprobe-srcs-y += probe.c\n' \
		>"$tree/lib/zzprobe/build.mk"
	cat >"$tree/lib/zzprobe/probe.c" <<'C'
#include <keel/init.h>
#include <keel/print.h>
static int zzprobe_init(void) { k_info("zzprobe: init ran\n"); return 0; }
K_INIT(zzprobe_init, K_INIT_LIB, 50);
C
	cat >"$out/ext/extprobe/Kconfig" <<'KCONFIG'
config LIBEXTPROBE
	bool "extprobe: out-of-tree test library"
	default y
	help
	  Prints a line from an init function that runs before zzprobe's.
KCONFIG
	printf 'libs-$(CONFIG_LIBEXTPROBE) += extprobe\nextprobe-srcs-y += ext.c\n' \
		>"$out/ext/extprobe/build.mk"
	cat >"$out/ext/extprobe/ext.c" <<'C'
#include <keel/init.h>
#include <keel/print.h>
static int extprobe_init(void) { k_info("extprobe: init ran\n"); return 0; }
K_INIT(extprobe_init, K_INIT_LIB, 10);
C
	cat >"$out/ext/extapp/main.c" <<'C'
#include <stdio.h>
int main(void) { printf("extapp: hello\n"); return 3; }
C
	disc_o=$out/discover
	rm -rf "$disc_o" "$out/discover-ext"
	log=$out/logs/build-discover.log
	make -C "$tree" O="$disc_o" >"$log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^CONFIG_LIBZZPROBE=y' "$disc_o/.config" &&
	   grep -q 'lib/zzprobe/Kconfig' "$disc_o/kconfig/Kconfig.libs"; then
		t_pass build/discover-in-tree-config
		boot_test build/discover-in-tree-boot "$disc_o/helloworld_kvm-x86_64" 0 -- \
			"zzprobe: init ran" "Hello from Keel!"
	else
		t_fail build/discover-in-tree-config "make failed or LIBZZPROBE not configured"
	fi
	ext_o=$out/discover-ext
	log=$out/logs/build-discover-ext.log
	make -C "$tree" A="$out/ext/extapp" L="$out/ext/extprobe" O="$ext_o" >"$log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^CONFIG_LIBEXTPROBE=y' "$ext_o/.config"; then
		run_boot build/discover-out-of-tree "$ext_o/extapp_kvm-x86_64"
		check build/discover-out-of-tree 3 "extprobe: init ran" "zzprobe: init ran" \
			"extapp: hello"
		# Both are at level LIB: extprobe's priority 10 runs before zzprobe's 50.
		first=$(grep -m 1 -o '[a-z]*probe: init ran' "$log")
		if [ "$first" = "extprobe: init ran" ]; then
			t_pass build/init-order-across-libraries
		else
			t_fail build/init-order-across-libraries "first init line: '$first'"
		fi
	else
		t_fail build/discover-out-of-tree "make with A= and L= failed (status $rc)"
	fi
fi

# Choosing an architecture the tree lacks stops the build with a clear line, and the
# configuration goals still work so the choice can be undone.
if selected build/unavailable-arch; then
	# Switching the architecture in .config builds for it; in a tree without the
	# folder, the build stops with one line naming it.
	build_edited build/unavailable-arch "$out/arch-arm64" \
		's/^CONFIG_ARCH_X86_64=y/# CONFIG_ARCH_X86_64 is not set\nCONFIG_ARCH_ARM64=y/' \
		A=apps/helloworld
	switched=$rc$(basename "${image:-none}")
	notree=$out/tree-noarm64
	copy_tree "$notree"
	rm -rf "$notree/arch/arm64"
	log=$out/logs/build_unavailable-arch-notree.log
	rc=0
	make -C "$notree" A=apps/helloworld TARGET=kvm-arm64 O="$out/arch-arm64-notree" \
		>"$log" 2>&1 || rc=$?
	# olddefconfig must succeed (build_edited folds its failure into $log) and make stop.
	if [ "$switched" = 0helloworld_kvm-arm64 ] && [ "$rc" -ne 0 ] &&
	   grep -q 'arch/arm64 is not in this tree yet' "$log"; then
		t_pass build/unavailable-arch
	else
		t_fail build/unavailable-arch "arm64 by .config: $switched; without arch/arm64: status $rc, or no missing-arch message"
	fi
	rm -rf "$notree"
fi
