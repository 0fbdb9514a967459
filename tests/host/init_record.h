/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by the init test's translation units: each init function records its name. */
#ifndef INIT_RECORD_H
#define INIT_RECORD_H

void init_record(const char *name);

#endif /* INIT_RECORD_H */
