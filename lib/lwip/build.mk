# lwip: the lwIP 2.1.3 TCP/IP stack. fetch.sh puts the patched release sources in the
# cache (once for every build); they are compiled here with this image's flags, since
# their options come from Kconfig through port/lwipopts.h, and archived as liblwip.a.
libs-$(CONFIG_LIBLWIP) += lwip
lwip-srcs-y += sys_arch.c protect.c mbox.c hooks.c stack.c netif.c rx.c tx.c config.c \
	param.c

ifeq ($(CONFIG_LIBLWIP),y)
KEEL_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/keel
lwip-key := $(shell cat $(d)/fetch.sh $(sort $(wildcard $(d)/patches/*.patch)) | sha256sum | cut -c1-12)
lwip-src := $(KEEL_CACHE)/src/lwip-2.1.3-$(lwip-key)
lwip-stamp := $(lwip-src)/.unpacked
lwip-dir-saved := $(d)

# For lib/lwip and for libraries built on lwIP's own API (lib/socket):
#   foo-cflags-y += $(addprefix -I,$(lwip-incdirs))
# Nobody else gets them: lwIP's headers define struct sockaddr and friends.
lwip-incdirs := $(lwip-src)/src/include $(d)/port
lwip-cflags-y += $(addprefix -I,$(lwip-incdirs))

lwip-upstream-srcs := $(addprefix core/,init.c def.c dns.c inet_chksum.c ip.c mem.c memp.c \
	netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c tcp_out.c timeouts.c udp.c) \
	$(addprefix core/ipv4/,dhcp.c etharp.c icmp.c igmp.c ip4_frag.c ip4.c ip4_addr.c) \
	$(addprefix core/ipv6/,ethip6.c icmp6.c inet6.c ip6.c ip6_addr.c ip6_frag.c mld6.c \
	nd6.c) \
	$(addprefix api/,api_lib.c api_msg.c err.c if_api.c netbuf.c netdb.c netifapi.c \
	sockets.c tcpip.c) \
	netif/ethernet.c
lwip-upstream-objdir := $(KO)/obj/lwip-upstream
lwip-upstream-objs := $(addprefix $(lwip-upstream-objdir)/,$(lwip-upstream-srcs:.c=.o))
lwip-archive := $(lwip-upstream-objdir)/liblwip.a

# Upstream code is not held to -Werror (it keeps Keel's -Wall -Wextra; lwIP 2.1.3
# raises no warning with these options, so none is silenced).

keel-prereq-y += $(lwip-stamp)
keel-ldlibs-y += $(lwip-archive)

$(lwip-stamp):
	$(Q)KEEL_CACHE='$(KEEL_CACHE)' $(lwip-dir-saved)/fetch.sh '$(lwip-src)'
$(addprefix $(lwip-src)/src/,$(lwip-upstream-srcs)): $(lwip-stamp) ;

# Like every compilation, these wait for keel-prereq-y (the C library's headers, built
# the first time). That list is only complete once every build.mk is read, and
# prerequisites are expanded as they are read: so they wait for one of lib/lwip's
# own objects, which support/build/rules.mk makes wait for the whole list.
lwip-port-obj := $(KO)/obj/$(patsubst $(KEEL_ROOT)/%,%,$(d))/sys_arch.o

$(lwip-upstream-objs): $(lwip-upstream-objdir)/%.o: $(lwip-src)/src/%.c $(lwip-stamp) \
		$(KO)/include/keel/config.h $(lwip-dir-saved)/build.mk | $(lwip-port-obj)
	$(call keel-show,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KEEL_CPPFLAGS) $(KEEL_CFLAGS) $(call keel-fpu-cflags,lwip) \
		$(addprefix -I,$(lwip-incdirs)) -MMD -MP -c $< -o $@

$(lwip-archive): $(lwip-upstream-objs)
	$(call keel-show,AR,$@)
	$(Q)rm -f $@
	$(Q)$(KEEL_CROSS)ar rcs $@ $^

-include $(lwip-upstream-objs:.o=.d)
endif
