/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pipes (POSIX.1-2017 XSH pipe, read, write): a CONFIG_PIPE_SIZE byte ring buffer
 * shared by a read end and a write end, each a struct k_file in the descriptor table.
 * Writes of at most K_PIPE_BUF bytes are atomic. Threads only: the calls block.
 */
#ifndef KEEL_PIPE_H
#define KEEL_PIPE_H

#define K_PIPE_BUF	512	/* PIPE_BUF in newlib's limits.h */

/*
 * A new pipe: fds[0] the read end, fds[1] the write end, with flags K_O_NONBLOCK
 * and K_O_CLOEXEC allowed (pipe2). 0, -EINVAL, -ENOMEM or -EMFILE.
 */
int k_pipe(int fds[2], int flags);

#endif /* KEEL_PIPE_H */
