// SPDX-License-Identifier: BSD-3-Clause
/* helloworld: the default Keel application. Greets, lists its arguments, exits 0. */
#include <stdio.h>

int main(int argc, char *argv[])
{
	printf("Hello from Keel!\n");
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
