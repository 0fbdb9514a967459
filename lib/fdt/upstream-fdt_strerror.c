// SPDX-License-Identifier: BSD-3-Clause
/* libfdt's fdt_strerror.c from the dtc release (lib/fdt/fetch.sh), built with Keel's flags. */
#include <libfdt/fdt_strerror.c>
