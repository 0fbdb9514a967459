# httpserver: plain POSIX C. The first line is also the file list of the Linux and host
# builds (bench/linux/build-initramfs, tests/suites/72-http.sh): keep it on one line.
app-srcs-y += main.c loop.c conn.c request.c respond.c page.c mime.c date.c
app-srcs-$(CONFIG_HTTPSERVER_TEST_URLS) += testurls.c heap-keel.c
