# SPDX-License-Identifier: BSD-3-Clause
# Host unit tests of pure code (tests/host/run.sh, ASan/UBSan): one result line each.
if selected "host/*"; then
	log=$out/logs/host.log
	KEEL_TEST_OUT=$out/host "$root/tests/host/run.sh" >"$log" 2>&1
	host_rc=$?
	while read -r verdict rest; do
		case $verdict in
		PASS) t_pass "$rest" ;;
		FAIL) log= t_fail "${rest%%:*}" "${rest#*: }" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$log")
	if [ "$host_rc" -ne 0 ] && ! grep -q '^FAIL ' "$log"; then
		t_fail host/run "tests/host/run.sh failed (status $host_rc) without a FAIL line"
	fi
fi
