// SPDX-License-Identifier: BSD-3-Clause
/* The socket test apps' reporting, shared with tests/apps/sockets (report.h there). */
#include "../sockets/report.c"
