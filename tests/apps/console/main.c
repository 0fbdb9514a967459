// SPDX-License-Identifier: BSD-3-Clause
/*
 * console: prints its arguments and 300 numbered lines, more than the virtio-console
 * driver's ring of buffers holds at once, so that the suite sees every line arrive in
 * order on the virtio console (and, with console.serial=0, not on the serial port).
 */
#include <stdio.h>

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++)
		printf("console: arg %s\n", argv[i]);
	for (int i = 0; i < 300; i++)
		printf("console: line %03d of 300, padded to make the output long enough\n", i);
	printf("console: done\n");
	return 0;
}
