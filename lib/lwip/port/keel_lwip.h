/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What lib/lwip offers code built on lwIP's own API (lib/socket, tests). Reach it with
 * $(lwip-incdirs) on the include path (lib/lwip/build.mk), never from an application.
 */
#ifndef KEEL_LWIP_H
#define KEEL_LWIP_H

/*
 * Called by lwIP's socket layer (LWIP_HOOK_SOCKET_EVENT, lib/lwip/patches/0001) after
 * every event on socket s (the number lwip_socket() or lwip_accept() returned): data
 * or a connection arrived, room to send came back, an error happened. The counters
 * lwip_poll() reads are already updated. It runs in whichever thread drove the event
 * (a receive thread, the tcpip thread, or a caller of the socket API), sometimes with
 * lwIP's core lock held: it must not block, nor call into lwIP. lib/lwip's own definition
 * is weak and does nothing; a library that waits for sockets outside lwIP (poll and
 * select over file descriptors) defines it to wake its waiters.
 */
void k_lwip_socket_event(int s);

#endif /* KEEL_LWIP_H */
