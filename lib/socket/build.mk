# socket: the BSD socket API over lwIP. Only stack_lwip.c sees lwIP's headers (its
# struct sockaddr and constants are not Linux's), through a flag given to that one
# object; the other files use our own POSIX headers in include/ and reach it through
# stack.h.
libs-$(CONFIG_LIBSOCKET) += socket
socket-srcs-y += socket.c io.c sockopt.c addr.c inet.c getaddrinfo.c nameinfo.c \
	stack_lwip.c

$(KO)/obj/$(patsubst $(KEEL_ROOT)/%,%,$(d))/stack_lwip.o: \
	socket-cflags-y += $(addprefix -I,$(lwip-incdirs))
