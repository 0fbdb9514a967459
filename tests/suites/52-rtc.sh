# SPDX-License-Identifier: BSD-3-Clause
# Wall clock from the CMOS RTC (drivers/rtc/cmos): on every x86_64 machine the time the
# guest reads is the host's (QEMU's RTC starts at host UTC), and on a microvm without
# an RTC the wall clock stays unknown with one clear line.

build_test build/rtc A=tests/apps/rtc O="$out/rtc"
rtc=$image

# rtc_boot_in_window NAME VAR=VALUE... -- PATTERN...: boot_test, then the seconds the
# app printed must be within 300 s of the host's clock.
rtc_boot_in_window() {
	local name=$1 envs=() guest host diff
	shift
	selected "$name" || return 0
	while [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	run_boot "$name" "$rtc" "${envs[@]}"
	host=$(date +%s)
	guest=$(sed -n 's/^rtcapp: known=1 seconds=\([0-9]*\).*/\1/p' "$log" | tail -n 1)
	if [ -z "$guest" ]; then
		check "$name" 0 "rtcapp: known=1 seconds=" "$@"
		return
	fi
	diff=$((guest - host))
	if [ "${diff#-}" -gt 300 ]; then
		t_fail "$name" "guest wall clock $guest is ${diff} s from the host's $host"
		return
	fi
	check "$name" 0 "rtcapp: advances: ok" "!warning: rtc:" "$@"
}

rtc_boot_in_window rtc/wallclock-microvm MACHINE=microvm ARGS="log.level=debug" -- \
	"UTC = " "s since 1970 (no century register: 20xx)"
for m in q35 pc; do
	rtc_boot_in_window "rtc/wallclock-$m" MACHINE=$m ARGS="log.level=debug" -- \
		"UTC = " "s since 1970 (century from CMOS 0x32)"
done

# QEMU's microvm without its RTC (Firecracker-like): ports 0x70/0x71 read 0xff.
boot_test rtc/no-rtc-microvm "$rtc" 0 MACHINE=microvm QEMU_ARGS="-M rtc=off" -- \
	"rtc: no CMOS RTC answers at ports 0x70/0x71 (register A reads 0xff" "!warning:" \
	"the wall clock is unknown" "rtcapp: known=0 seconds=" "rtcapp: advances: ok" \
	"!rtcapp: known=1"
