// SPDX-License-Identifier: BSD-3-Clause
/*
 * The environment: env.KEY=VALUE words on the command line (before "--") become
 * KEY=VALUE in environ, for getenv(). The strings stay in the command-line buffer;
 * setenv() copies the array into the heap the first time it changes it (newlib).
 */
#include <errno.h>
#include <string.h>
#include <keel/param.h>

extern char **environ;

static char *env_vars[CONFIG_BOOT_MAX_ARGS + 1];
static unsigned int env_count;

static int env_set(const char *value)
{
	const char *eq = value ? strchr(value, '=') : NULL;
	size_t key = eq ? (size_t)(eq - value) : 0;

	if (!key || memchr(value, '\0', key))
		return -EINVAL;
	/* A later word for the same KEY wins, as with repeated assignments in a shell. */
	for (unsigned int i = 0; i < env_count; i++) {
		if (!strncmp(env_vars[i], value, key + 1)) {
			env_vars[i] = (char *)value;
			return 0;
		}
	}
	env_vars[env_count++] = (char *)value;
	environ = env_vars;
	return 0;
}
K_PARAM("env.", env_set, "env.KEY=VALUE, KEY not empty");
