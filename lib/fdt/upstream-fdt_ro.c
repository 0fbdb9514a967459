// SPDX-License-Identifier: BSD-3-Clause
/* libfdt's fdt_ro.c from the dtc release (lib/fdt/fetch.sh), built with Keel's flags. */
#include <libfdt/fdt_ro.c>
