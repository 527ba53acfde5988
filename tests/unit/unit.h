/* SPDX-License-Identifier: MIT */
/* unit.h: shared bits for the Check unit tests. Each tests/unit/test_*.c is
 * its own program: it defines its suites and ends with
 *	UNIT_MAIN(suite_a, suite_b)
 * where each name is a function returning Suite *. */
#ifndef ROAMLAB_UNIT_H
#define ROAMLAB_UNIT_H

#include <check.h>
#include <stdlib.h>

#include "hs_fault.h"

#ifndef UNIT_VECTORS
/* Path of the published vectors, relative to the repo root (tests run there). */
#define UNIT_VECTORS "tests/unit/vectors/wpa-vectors.txt"
#endif

#define UNIT_MAIN(...)							\
int main(void)								\
{									\
	Suite *(*fns[])(void) = { __VA_ARGS__ };			\
	SRunner *sr = srunner_create(NULL);				\
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)	\
		srunner_add_suite(sr, fns[i]());			\
	srunner_run_all(sr, CK_NORMAL);					\
	int failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;			\
}

/* The station's "fault NAME ARGS" command as its control socket passes it
 * (arguments as char[][128]) to common/hs_fault.c. */
static inline int test_sta_fault_set(struct hs_faults *f, const char *name, int argc,
				     char args[][128], char *err, size_t errlen)
{
	const char *argv[8] = { NULL };

	for (int i = 0; i < argc && i < 8; i++)
		argv[i] = args[i];
	return hs_fault_set(f, HS_ROLE_SUPPLICANT, name, argc, argv, err, errlen);
}

#endif
