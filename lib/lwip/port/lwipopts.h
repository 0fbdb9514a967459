/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's options for Keel, from Kconfig (config.h is force-included in every compile,
 * so CONFIG_* are defined here). lwIP reads this through lwip/opt.h; anything not set
 * keeps lwIP's default. docs/networking.md explains the choices users see.
 */
#ifndef KEEL_LWIPOPTS_H
#define KEEL_LWIPOPTS_H

/* ---- Threads: the tcpip thread; other threads call in holding the core lock. ---- */
#define NO_SYS				0
#define LWIP_TCPIP_CORE_LOCKING		1
/* Receive threads run the input path themselves, holding the core lock (lib/lwip/rx.c). */
#define LWIP_TCPIP_CORE_LOCKING_INPUT	1
#define SYS_LIGHTWEIGHT_PROT		1
#define LWIP_ASSERT_CORE_LOCKED()	k_lwip_assert_core_locked()
void k_lwip_assert_core_locked(void);	/* sys_arch.c: panics unless the caller holds it */
#define TCPIP_THREAD_NAME		"tcpip"
#define TCPIP_THREAD_STACKSIZE		(CONFIG_LWIP_TCPIP_STACK_KB * 1024)
#define TCPIP_THREAD_PRIO		K_LWIP_PRIO
#define DEFAULT_THREAD_STACKSIZE	(CONFIG_LWIP_TCPIP_STACK_KB * 1024)
#define DEFAULT_THREAD_PRIO		K_LWIP_PRIO
#define TCPIP_MBOX_SIZE			256
#define DEFAULT_TCP_RECVMBOX_SIZE	64
#define DEFAULT_UDP_RECVMBOX_SIZE	64
#define DEFAULT_RAW_RECVMBOX_SIZE	32
#define DEFAULT_ACCEPTMBOX_SIZE		128

/* ---- Memory: everything from the Keel heap, so its statistics show lwIP's use. ---- */
#define MEM_LIBC_MALLOC			1
#define mem_clib_malloc			k_malloc
#define mem_clib_free			k_free
#define mem_clib_calloc			k_calloc
#define MEMP_MEM_MALLOC			1
#define MEM_ALIGNMENT			8
/*
 * With MEMP_MEM_MALLOC the pool sizes below bound nothing at run time (every object
 * is a heap allocation); lwIP's compile-time checks still compare them.
 */
#define MEMP_NUM_NETCONN		CONFIG_LWIP_SOCKETS
#define MEMP_NUM_TCP_PCB		CONFIG_LWIP_SOCKETS
#define MEMP_NUM_TCP_PCB_LISTEN		16
#define MEMP_NUM_UDP_PCB		16
#define MEMP_NUM_RAW_PCB		4
#define MEMP_NUM_TCP_SEG		TCP_SND_QUEUELEN
#define LWIP_SOCKET_MAX_MEMBERSHIPS	64	/* multicast groups joined through sockets */

/* ---- Protocols ---- */
#define LWIP_IPV4			1
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define LWIP_ICMP			1
#define LWIP_RAW			1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define LWIP_IGMP			1
#define LWIP_DHCP			1
/* Probing the offered address with ARP delays every boot by a second or more. */
#define DHCP_DOES_ARP_CHECK		0
#define LWIP_DNS			1
#define DNS_MAX_SERVERS			2
#define LWIP_DHCP_MAX_DNS_SERVERS	DNS_MAX_SERVERS
#define ARP_TABLE_SIZE			32
#define ARP_QUEUEING			1
#define ETHARP_SUPPORT_STATIC_ENTRIES	0
#define LWIP_BROADCAST_PING		0
#define LWIP_MULTICAST_TX_OPTIONS	1

#ifdef CONFIG_LWIP_IPV6
#define LWIP_IPV6			1
#else
#define LWIP_IPV6			0
#endif
#define LWIP_IPV6_AUTOCONFIG		LWIP_IPV6
#define LWIP_IPV6_SEND_ROUTER_SOLICIT	LWIP_IPV6
#define LWIP_IPV6_MLD			LWIP_IPV6
#define LWIP_ICMP6			LWIP_IPV6
#define LWIP_IPV6_FRAG			LWIP_IPV6
#define LWIP_IPV6_REASS			LWIP_IPV6
/* 64-bit pointers do not fit in the fragment header reassembly reuses. */
#define IPV6_FRAG_COPYHEADER		1
#define LWIP_IPV6_NUM_ADDRESSES		3	/* link-local + two from router prefixes */
#define LWIP_IPV6_DHCP6			0
#define LWIP_ND6_RDNSS_MAX_DNS_SERVERS	0
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS	1

/* ---- TCP ---- */
#define TCP_MSS				1460
#define TCP_WND				(CONFIG_LWIP_TCP_WND_KB * 1024)
#define TCP_SND_BUF			(CONFIG_LWIP_TCP_SND_BUF_KB * 1024)
#define TCP_SND_QUEUELEN		((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_MSL				CONFIG_LWIP_TCP_MSL_MS
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	0xff
#define TCP_QUEUE_OOSEQ			1
/* Out-of-order segments a connection keeps: received frames are whole buffers. */
#define TCP_OOSEQ_MAX_PBUFS		32
#define TCP_OOSEQ_MAX_BYTES		TCP_WND
#define LWIP_TCP_KEEPALIVE		1
/* Windows and buffers above 64 KiB - 1 need the window scale option (RFC 7323). */
#if TCP_WND > 0xffff || TCP_SND_BUF > 0xffff
#define LWIP_WND_SCALE			1
#if TCP_WND <= 0xffff
#define TCP_RCV_SCALE			0
#elif TCP_WND <= 0x1ffff
#define TCP_RCV_SCALE			1
#elif TCP_WND <= 0x3ffff
#define TCP_RCV_SCALE			2
#elif TCP_WND <= 0x7ffff
#define TCP_RCV_SCALE			3
#else
#define TCP_RCV_SCALE			4
#endif
#endif

/* ---- Interfaces ---- */
#define LWIP_ETHERNET			1
#define LWIP_ARP			1
#define LWIP_NETIF_API			1
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_EXT_STATUS_CALLBACK	1
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_HAVE_LOOPIF		1
#define LWIP_LOOPBACK_MAX_PBUFS		0
#define LWIP_SUPPORT_CUSTOM_PBUF	1
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
#define PBUF_LINK_HLEN			14

/* ---- Netconn and sockets (lib/socket is built on lwip_* calls) ---- */
#define LWIP_NETCONN			1
#define LWIP_NETCONN_FULLDUPLEX		1
#define LWIP_NETCONN_SEM_PER_THREAD	1
#define LWIP_SOCKET			1
#define LWIP_COMPAT_SOCKETS		0
#define LWIP_POSIX_SOCKETS_IO_NAMES	0
#define LWIP_SOCKET_OFFSET		0
#define LWIP_SOCKET_SELECT		0	/* lib/socket selects over Keel descriptors */
#define LWIP_SOCKET_POLL		1
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_SNDTIMEO		1
#define LWIP_SO_RCVBUF			1
#define LWIP_SO_LINGER			1
#define SO_REUSE			1
#define LWIP_FIONREAD_LINUXMODE		1
#define LWIP_TIMEVAL_PRIVATE		0	/* newlib's struct timeval (arch/cc.h) */

/* ---- Hooks (port/keel_lwip_hooks.h) ---- */
#define LWIP_HOOK_FILENAME		"keel_lwip_hooks.h"
#define LWIP_HOOK_TCP_ISN		k_lwip_tcp_isn
#define LWIP_HOOK_SOCKET_EVENT(s)	k_lwip_socket_event(s)

/* ---- Statistics and debugging ---- */
#ifdef CONFIG_LWIP_STATS
#define LWIP_STATS			1
#define LWIP_STATS_DISPLAY		1
#else
#define LWIP_STATS			0
#endif
#ifdef CONFIG_LWIP_DEBUG
#define LWIP_DEBUG			1
#define LWIP_DBG_TYPES_ON		LWIP_DBG_ON
/* Per-module messages: set one to LWIP_DBG_ON, e.g. #define DHCP_DEBUG LWIP_DBG_ON */
#endif

/* Priority of lwIP's threads: above applications' default, so input is never starved. */
#define K_LWIP_PRIO			(K_PRIO_DEFAULT + 2)

#endif /* KEEL_LWIPOPTS_H */
