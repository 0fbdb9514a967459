// SPDX-License-Identifier: BSD-3-Clause
/* libfdt's fdt.c from the dtc release (lib/fdt/fetch.sh), built with Keel's flags. */
#include <libfdt/fdt.c>
