// SPDX-License-Identifier: BSD-3-Clause
/*
 * /init of the Linux baseline guest for the device benchmarks (bench/linux/README.md).
 *
 * Mounts devtmpfs, proc and sysfs, loads the modules listed in /modules.load (in that
 * order), runs the benchmark named by `bench=` on the kernel command line, prints
 * `linux-bench: ...` lines on the console and leaves QEMU through isa-debug-exit
 * (port 0xf4): it writes status + 1, so QEMU exits with ((status + 1) << 1) | 1, the
 * convention support/qemu-run decodes. Without that device it powers off.
 *
 * Command line words read here:
 *   bench=blk|net|http|fs|boot  what to measure (boot: only load the modules and stop;
 *                        http: run /bin/httpserver, apps/httpserver built for Linux,
 *                        until QEMU is stopped; fs: mount tmpfs on /tmp and the 9p
 *                        share host0 on /mnt, run /bin/fsbench on both)
 *   bench.9p=OPTIONS     fs: the 9p mount options (default
 *                        trans=virtio,version=9p2000.L,msize=524288, Keel's msize)
 *   bench.dev=/dev/vda   blk: the disk to read
 *   bench.bs=65536,...   blk: request sizes in bytes
 *   bench.passes=3       blk: timed passes over the whole disk per request size
 *   bench.if=eth0        net: the interface
 *   bench.len=64         net: frame length in bytes (no FCS: virtio-net carries none)
 *   MODULE.PARAM=VALUE   passed to that module when it is loaded (as modprobe would)
 *   bench.ms=1000        net: how long to send (timed)
 *   bench.warmup_ms=200  net: how long to send first, untimed (TCG translates the path)
 *   bench.ip=10.0.2.15/24  http: the interface's address (QEMU user networking's default)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT 0xf4
#define BENCH_ETHERTYPE 0x88b5	/* IEEE 802 local experimental ethertype 1 */
#define MAX_BS_COUNT 8

static char cmdline[4096];

static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("linux-bench: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static __attribute__((noreturn)) void leave(int status)
{
	fflush(stdout);
	/* isa-debug-exit: QEMU exits at once with (value << 1) | 1. */
	if (ioperm(DEBUG_EXIT_PORT, 1, 1) == 0)
		outb((unsigned char)(status + 1), DEBUG_EXIT_PORT);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static __attribute__((noreturn)) void fail(const char *what)
{
	say("error: %s: %s", what, strerror(errno));
	leave(1);
}

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The value of `key=` on the kernel command line, or dflt. */
static const char *param(const char *key, const char *dflt)
{
	static char value[256];
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		size_t wlen = strcspn(p, " \n");
		if (wlen > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen = wlen - klen - 1;
			if (vlen >= sizeof(value))
				vlen = sizeof(value) - 1;
			memcpy(value, p + klen + 1, vlen);
			value[vlen] = 0;
			return value;
		}
		p += wlen;
	}
	return dflt;
}

static void setup_fs(void)
{
	mkdir("/dev", 0755);
	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) && errno != EBUSY)
		fail("mount /dev");
	/* The initramfs has no /dev/console, so the kernel gave us no stdio. */
	int fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	if (mount("proc", "/proc", "proc", 0, NULL))
		fail("mount /proc");
	if (mount("sysfs", "/sys", "sysfs", 0, NULL))
		fail("mount /sys");
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd < 0)
		fail("/proc/cmdline");
	ssize_t n = read(fd, cmdline, sizeof(cmdline) - 1);
	cmdline[n > 0 ? n : 0] = 0;
	close(fd);
}

/*
 * The module's parameters from the command line: "virtio_net.napi_tx=0" gives virtio_net
 * "napi_tx=0". The kernel applies such words only to built-in code; for modules, modprobe
 * does it, and this is our modprobe.
 */
static void module_params(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t nlen = strcspn(base, "."), used = 0;
	const char *p = cmdline;

	out[0] = 0;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		size_t wlen = strcspn(p, " \n");
		if (wlen > nlen + 1 && !strncmp(p, base, nlen) && p[nlen] == '.' &&
		    used + wlen - nlen + 1 < size) {
			used += (size_t)snprintf(out + used, size - used, "%s%.*s", used ? " " : "",
						 (int)(wlen - nlen - 1), p + nlen + 1);
		}
		p += wlen;
	}
}

/* Load each module named in /modules.load (paths, one a line, dependencies first). */
static void load_modules(void)
{
	char params[512];
	FILE *list = fopen("/modules.load", "r");
	char path[512];

	if (!list)
		return;
	while (fgets(path, sizeof(path), list)) {
		path[strcspn(path, "\n")] = 0;
		if (!path[0])
			continue;
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			fail(path);
		module_params(path, params, sizeof(params));
		if (params[0])
			say("module %s: %s", path, params);
		if (syscall(SYS_finit_module, fd, params, 0) && errno != EEXIST)
			fail(path);
		close(fd);
	}
	fclose(list);
}

/* One timed sequential read of the whole disk, bs bytes per read(). */
static void read_pass(int fd, void *buf, uint64_t bs, uint64_t bytes, const char *dev)
{
	uint64_t done = 0, t0 = now_ns(CLOCK_MONOTONIC);

	while (done < bytes) {
		ssize_t n = pread(fd, buf, bs, (off_t)done);
		if (n <= 0)
			fail("read");
		done += (uint64_t)n;
	}
	uint64_t t1 = now_ns(CLOCK_MONOTONIC);
	say("blk-read %llu bytes in %llu ns (request %llu bytes, %s)",
	    (unsigned long long)done, (unsigned long long)(t1 - t0),
	    (unsigned long long)bs, dev);
}

static int bench_blk(void)
{
	int passes = atoi(param("bench.passes", "3"));
	const char *dev = param("bench.dev", "/dev/vda");
	char sizes[256];
	uint64_t bytes, bs_list[MAX_BS_COUNT];
	int nbs = 0;

	snprintf(sizes, sizeof(sizes), "%s", param("bench.bs", "65536"));
	for (char *tok = strtok(sizes, ","); tok && nbs < MAX_BS_COUNT; tok = strtok(NULL, ","))
		bs_list[nbs++] = strtoull(tok, NULL, 0);

	int fd = open(dev, O_RDONLY | O_DIRECT);
	if (fd < 0)
		fail(dev);
	if (ioctl(fd, BLKGETSIZE64, &bytes))
		fail("BLKGETSIZE64");
	for (int i = 0; i < nbs; i++) {
		void *buf;

		if (bs_list[i] % 4096 || !bs_list[i] || posix_memalign(&buf, 4096, bs_list[i])) {
			say("error: bad request size %llu", (unsigned long long)bs_list[i]);
			return 1;
		}
		for (int pass = 0; pass < passes; pass++)
			read_pass(fd, buf, bs_list[i], bytes, dev);
		free(buf);
	}
	close(fd);
	return 0;
}

static uint64_t tx_packets(const char *ifname)
{
	char path[128], text[32] = "0";

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/tx_packets", ifname);
	int fd = open(path, O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, text, sizeof(text) - 1);
		text[n > 0 ? n : 0] = 0;
		close(fd);
	}
	return strtoull(text, NULL, 10);
}

static int iface_up(const char *ifname, unsigned char mac[6])
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0)
		fail("socket AF_INET");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		fail(ifname);
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		fail("SIOCSIFFLAGS");
	if (ioctl(s, SIOCGIFHWADDR, &ifr))
		fail("SIOCGIFHWADDR");
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	if (ioctl(s, SIOCGIFINDEX, &ifr))
		fail("SIOCGIFINDEX");
	close(s);
	return ifr.ifr_ifindex;
}

/* Send frames for ms milliseconds; returns the time it stopped. */
static uint64_t send_for(int s, unsigned char *frame, unsigned len, uint64_t ms,
			 uint64_t *sent, uint64_t *failed)
{
	uint64_t deadline = now_ns(CLOCK_MONOTONIC) + ms * 1000000u, t;

	do {
		/* Read the clock once per 64 frames so the clock costs little. */
		for (int i = 0; i < 64; i++) {
			/* A sequence number, so a capture can tell the frames apart. */
			memcpy(frame + 14, sent, sizeof(*sent));
			if (send(s, frame, len, 0) == (ssize_t)len)
				(*sent)++;
			else
				(*failed)++;
		}
		t = now_ns(CLOCK_MONOTONIC);
	} while (t < deadline);
	return t;
}

static int bench_net(void)
{
	const char *ifname = param("bench.if", "eth0");
	unsigned len = (unsigned)strtoul(param("bench.len", "64"), NULL, 0);
	uint64_t ms = strtoull(param("bench.ms", "1000"), NULL, 0);
	uint64_t warmup_ms = strtoull(param("bench.warmup_ms", "200"), NULL, 0);
	unsigned char frame[1514], mac[6];
	uint64_t sent = 0, failed = 0;

	if (len < ETH_ZLEN || len > sizeof(frame)) {
		say("error: bench.len must be %d..%zu", ETH_ZLEN, sizeof(frame));
		return 1;
	}
	int ifindex = iface_up(ifname, mac);
	int s = socket(AF_PACKET, SOCK_RAW, htons(BENCH_ETHERTYPE));
	if (s < 0)
		fail("socket AF_PACKET");
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(BENCH_ETHERTYPE),
		.sll_ifindex = ifindex,
	};
	if (bind(s, (struct sockaddr *)&sll, sizeof(sll)))
		fail("bind AF_PACKET");

	memset(frame, 0, sizeof(frame));
	memset(frame, 0xff, 6);			/* broadcast destination */
	memcpy(frame + 6, mac, 6);
	frame[12] = BENCH_ETHERTYPE >> 8;
	frame[13] = BENCH_ETHERTYPE & 0xff;

	send_for(s, frame, len, warmup_ms, &sent, &failed);
	sent = failed = 0;
	uint64_t tx0 = tx_packets(ifname), t0 = now_ns(CLOCK_MONOTONIC);
	uint64_t t1 = send_for(s, frame, len, ms, &sent, &failed);
	uint64_t tx = tx_packets(ifname) - tx0;

	say("net-tx %llu packets in %llu ns (%u-byte frames, %s; send() ok %llu, failed %llu)",
	    (unsigned long long)tx, (unsigned long long)(t1 - t0), len, ifname,
	    (unsigned long long)sent, (unsigned long long)failed);
	close(s);
	return tx ? 0 : 1;
}

/* Give ifname the IPv4 address and prefix in cidr ("10.0.2.15/24"). */
static void iface_addr(const char *ifname, const char *cidr)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
	char addr[32];
	unsigned prefix;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0)
		fail("socket AF_INET");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	sin->sin_family = AF_INET;
	if (sscanf(cidr, "%31[0-9.]/%u", addr, &prefix) != 2 || prefix > 32 ||
	    inet_pton(AF_INET, addr, &sin->sin_addr) != 1) {
		say("error: bench.ip=%s is not ADDRESS/PREFIX", cidr);
		leave(1);
	}
	if (ioctl(s, SIOCSIFADDR, &ifr))
		fail("SIOCSIFADDR");
	sin->sin_addr.s_addr = htonl(prefix ? ~0u << (32 - prefix) : 0);
	if (ioctl(s, SIOCSIFNETMASK, &ifr))
		fail("SIOCSIFNETMASK");
	close(s);
}

/* The HTTP baseline: Keel's httpserver, the same C files built for Linux, on port 80. */
static int bench_http(void)
{
	const char *ifname = param("bench.if", "eth0");
	unsigned char mac[6];
	int status;
	pid_t pid;

	iface_addr(ifname, param("bench.ip", "10.0.2.15/24"));
	iface_up(ifname, mac);
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		execl("/bin/httpserver", "httpserver", "-p", "80", "-r", "/www", (char *)NULL);
		fail("/bin/httpserver");
	}
	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid");
	say("httpserver ended, status %d", WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 1;	/* it only ends by failing */
}

/* The file system baseline: bench/fs's program, built for Linux, on tmpfs and on 9p. */
static int bench_fs(void)
{
	const char *opts = param("bench.9p", "trans=virtio,version=9p2000.L,msize=524288");
	int status;
	pid_t pid;

	mkdir("/tmp", 01777);
	mkdir("/mnt", 0755);
	if (mount("tmpfs", "/tmp", "tmpfs", 0, "size=200m"))
		fail("mount tmpfs on /tmp");
	if (mount("host0", "/mnt", "9p", 0, opts))
		fail("mount 9p host0 on /mnt");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		execl("/bin/fsbench", "fsbench", "tmpfs=/tmp", "9p=/mnt", (char *)NULL);
		fail("/bin/fsbench");
	}
	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(void)
{
	uint64_t boot_ns = now_ns(CLOCK_BOOTTIME);

	setup_fs();
	const char *mode = param("bench", "boot");
	struct utsname uts;
	if (uname(&uts) == 0)
		say("kernel %s %s", uts.release, uts.version);
	say("init started %llu ns after kernel start", (unsigned long long)boot_ns);
	load_modules();
	say("modules loaded %llu ns after kernel start",
	    (unsigned long long)now_ns(CLOCK_BOOTTIME));

	int status;
	if (!strcmp(mode, "blk"))
		status = bench_blk();
	else if (!strcmp(mode, "net"))
		status = bench_net();
	else if (!strcmp(mode, "http"))
		status = bench_http();
	else if (!strcmp(mode, "fs"))
		status = bench_fs();
	else if (!strcmp(mode, "boot"))
		status = 0;
	else {
		say("error: unknown bench=%s", mode);
		status = 1;
	}
	say("done, status %d", status);
	leave(status);
}
