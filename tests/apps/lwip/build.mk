# The lwIP test app uses lwIP's own API (netconn), so it needs lwIP's headers.
app-srcs-y += main.c ping.c tcp.c mem.c
app-cflags-y += $(addprefix -I,$(lwip-incdirs))
