// SPDX-License-Identifier: BSD-3-Clause
/*
 * Network interface registry and the burst wrappers (keel/netdev.h). Interfaces are
 * named eth0, eth1... in registration order and never go away. The wrappers check
 * their arguments, keep the packet and byte counters, and turn frames the driver must
 * not see (malformed ones, checksums the device cannot offload) into errors or
 * software work before the driver is called.
 */
#include <errno.h>
#include <string.h>
#include <keel/fmt.h>
#include <keel/netdev.h>
#include <keel/print.h>
#include <keel/spinlock.h>

#define TX_CHUNK	32	/* frames handed to the driver per call, lengths on the stack */
#define VLAN_HLEN	4

static struct k_list netdevs = K_LIST_INIT(netdevs);
static struct k_spinlock netdevs_lock = K_SPINLOCK_INIT;
static unsigned int netdevs_count;

int k_netdev_register(struct k_netdev *nd)
{
	const uint8_t *m = nd->mac;
	unsigned long flags;

	if (!nd->ops || !nd->ops->tx_burst || !nd->ops->rx_burst)
		return -EINVAL;
	if (!nd->mtu)
		nd->mtu = 1500;
	if (!nd->nr_queues)
		nd->nr_queues = 1;
	flags = k_spin_lock_irqsave(&netdevs_lock);
	k_snprintf(nd->name, sizeof(nd->name), "eth%u", netdevs_count++);
	k_list_add_tail(&netdevs, &nd->node);
	k_spin_unlock_irqrestore(&netdevs_lock, flags);
	k_info("%s: %02x:%02x:%02x:%02x:%02x:%02x, mtu %u, link %s%s%s\n", nd->name,
	       m[0], m[1], m[2], m[3], m[4], m[5], nd->mtu, nd->link_up ? "up" : "down",
	       nd->features & K_NETDEV_F_TX_CSUM ? ", tx checksum offload" : "",
	       nd->features & K_NETDEV_F_RX_CSUM ? ", rx checksum offload" : "");
	return 0;
}

unsigned int k_netdev_count(void)
{
	return __atomic_load_n(&netdevs_count, __ATOMIC_RELAXED);
}

struct k_netdev *k_netdev_get(unsigned int n)
{
	struct k_netdev *found = NULL;
	unsigned long flags = k_spin_lock_irqsave(&netdevs_lock);

	k_list_for_each(pos, &netdevs) {
		if (n-- == 0) {
			found = k_list_entry(pos, struct k_netdev, node);
			break;
		}
	}
	k_spin_unlock_irqrestore(&netdevs_lock, flags);
	return found;
}

struct k_netdev *k_netdev_find(const char *name)
{
	struct k_netdev *found = NULL;
	unsigned long flags = k_spin_lock_irqsave(&netdevs_lock);

	k_list_for_each(pos, &netdevs) {
		struct k_netdev *nd = k_list_entry(pos, struct k_netdev, node);

		if (strncmp(nd->name, name, sizeof(nd->name)) == 0) {
			found = nd;
			break;
		}
	}
	k_spin_unlock_irqrestore(&netdevs_lock, flags);
	return found;
}

/* A frame the driver may be given: sane length, checksum offsets inside it. */
static bool tx_frame_ok(const struct k_netdev *nd, const struct k_netbuf *nb)
{
	if (nb->len < K_NETDEV_ETH_HLEN || nb->len > (uint32_t)nd->mtu + K_NETDEV_ETH_HLEN + VLAN_HLEN)
		return false;
	if (!(nb->flags & K_NETBUF_CSUM_PARTIAL))
		return true;
	return (uint32_t)nb->csum_start + nb->csum_offset + 2 <= nb->len;
}

/* Prepare bufs[i] for the driver; false when it has to be dropped instead. */
static bool tx_prepare(struct k_netdev *nd, struct k_netbuf *nb)
{
	if (!tx_frame_ok(nd, nb))
		return false;
	if ((nb->flags & K_NETBUF_CSUM_PARTIAL) && !(nd->features & K_NETDEV_F_TX_CSUM))
		return k_netbuf_csum_complete(nb) == 0;
	return true;
}

static void tx_drop(struct k_netdev *nd, struct k_netbuf *nb)
{
	static struct k_netdev *logged;

	if (logged != nd) {
		logged = nd;
		k_warn("%s: dropping a malformed frame to send (len %u, csum %u+%u, mtu %u)\n",
		       nd->name, nb->len, nb->csum_start, nb->csum_offset, nd->mtu);
	}
	k_netdev_stat_add(&nd->stats.tx_errors, 1);
	k_netbuf_free(nb);
}

unsigned int k_netdev_tx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			       unsigned int n)
{
	unsigned int done = 0;

	if (!nd || q >= nd->nr_queues)
		return 0;
	while (done < n) {
		uint32_t lens[TX_CHUNK];
		unsigned int run = 0, took;
		uint64_t bytes = 0;

		while (done + run < n && run < TX_CHUNK && tx_prepare(nd, bufs[done + run])) {
			lens[run] = bufs[done + run]->len;
			run++;
		}
		if (run) {
			took = nd->ops->tx_burst(nd, q, bufs + done, run);
			if (took > run)
				took = run;
			for (unsigned int i = 0; i < took; i++)
				bytes += lens[i];
			k_netdev_stat_add(&nd->stats.tx_packets, took);
			k_netdev_stat_add(&nd->stats.tx_bytes, bytes);
			done += took;
			if (took < run)
				break;
		}
		/* The run stopped short of the chunk: bufs[done] failed tx_prepare. */
		if (done < n && run < TX_CHUNK)
			tx_drop(nd, bufs[done++]);
	}
	return done;
}

unsigned int k_netdev_rx_burst(struct k_netdev *nd, unsigned int q, struct k_netbuf **bufs,
			       unsigned int n)
{
	unsigned int got;
	uint64_t bytes = 0;

	if (!nd || q >= nd->nr_queues || !n)
		return 0;
	got = nd->ops->rx_burst(nd, q, bufs, n);
	for (unsigned int i = 0; i < got; i++)
		bytes += bufs[i]->len;
	k_netdev_stat_add(&nd->stats.rx_packets, got);
	k_netdev_stat_add(&nd->stats.rx_bytes, bytes);
	return got;
}

void k_netdev_rx_notify(struct k_netdev *nd, unsigned int q)
{
	void (*hook)(struct k_netdev *, unsigned int, void *) = nd->rx_ready;

	if (hook)
		hook(nd, q, nd->rx_ready_arg);
}
