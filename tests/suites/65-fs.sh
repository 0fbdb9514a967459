# SPDX-License-Identifier: BSD-3-Clause
# Files: tests/apps/fs checks the POSIX file API over lib/fdtab, lib/vfs and lib/ramfs
# (create, read, write, seek, truncate, rename, unlink, readdir, links, the errno of
# each misuse, EMFILE, dup2 of stdout, 10,000 files and a 64 MiB file), /dev (lib/devfs),
# getentropy (lib/random) and pipe() between threads (lib/pipe).

fs_checks="stdio-fopen write-read-seek pread-pwrite hole-zeros truncate open-trunc rename
	unlink-open rmdir readdir symlink symlink-loop hardlink chdir-getcwd umask
	enoent eexist enotdir eisdir ebadf enametoolong espipe-einval
	emfile emfile-recovers dup-shares-offset fcntl-cloexec dup2 dup2-stdout
	10000-files 64MiB-file truncate-frees
	dev-null dev-null-chr dev-zero dev-readdir dev-console urandom-differs urandom-stats
	getentropy getentropy-eio
	pipe-fifo pipe-1MiB pipe-eof pipe-eagain pipe-epipe pipe-dup2-stdout"
fs_expect=()
for c in $fs_checks; do
	fs_expect+=("fs: $c: ok")
done

build_test build/fs A=tests/apps/fs O="$out/fs" && fs=$image || fs=

if [ -n "$fs" ]; then
	# 64 MiB of file data needs more than the default 64M of guest RAM.
	boot_test fs/all "$fs" 0 MEM=256M -- "${fs_expect[@]}" "fs: 0 failures" "!FAIL" \
		"random: seeded from RDRAND" "!CPU exception" "!panic"
	# Without enough RAM the big file fails cleanly (a short write), not with a crash.
	boot_test fs/big-low-memory "$fs" 1 MEM=64M ARGS="-- scale" -- \
		"fs: 10000-files: ok" "fs: 64MiB-file: FAIL" "fs: 1 failures" "!CPU exception" \
		"!panic"
	# QEMU's -cpu max has RDRAND; a CPU without it is seeded from jitter, and says so.
	boot_test fs/random-no-rdrand "$fs" 0 QEMU_ARGS="-cpu qemu64" ARGS="-- devfs" -- \
		"random: no CPU random source" "fs: urandom-differs: ok" "fs: urandom-stats: ok" \
		"fs: getentropy: ok" "fs: 0 failures" "!FAIL" "!panic"
fi
