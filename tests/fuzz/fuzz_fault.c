// SPDX-License-Identifier: MIT
/* fuzz_fault: common/hs_fault.c's spec parser, for both sides, on every
 * line of the input, as config lines, control commands and topology keys
 * reach it. Checks what it claims: 0, or -EINVAL with one reason that fits
 * its buffer; an armed fault shows in the list and can be cleared by name;
 * firings never exceed a count; the list always fits and is terminated. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs_fault.h"

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
			__LINE__, #c);					\
		abort();						\
	}								\
} while (0)

static void one_line(struct hs_faults *f, enum hs_role role, const char *line)
{
	char err[200], list[512];
	struct hs_faults before = *f;
	int ret;

	memset(err, 0x55, sizeof(err));
	ret = hs_fault_apply(f, role, line, err, sizeof(err));
	CHECK(ret == 0 || ret == -EINVAL);
	if (ret) {
		CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		CHECK(err[0] != '\0');
		CHECK(memcmp(&before, f, sizeof(before)) == 0);	/* nothing half-set */
	} else if (strncmp(line + strspn(line, " \t"), "clear", 5)) {
		CHECK(hs_faults_any(f));
	}
	memset(list, 0x55, sizeof(list));
	hs_fault_list(f, list, sizeof(list));
	CHECK(memchr(list, '\0', sizeof(list)) != NULL);
	hs_fault_list(f, list, 8);		/* a short buffer stays terminated */
	CHECK(memchr(list, '\0', 8) != NULL);
}

static void fire_all(struct hs_faults *f)
{
	static const enum hs_fault_kind kinds[] = { HS_FAULT_DROP_MSG, HS_FAULT_DELAY_MSG,
						    HS_FAULT_CORRUPT_MIC };

	for (size_t k = 0; k < 3; k++) {
		for (int m = 0; m < EAPOL_MSG_COUNT; m++) {
			const struct hs_msg_fault *t =
				kinds[k] == HS_FAULT_DROP_MSG ? &f->drop[m] :
				kinds[k] == HS_FAULT_DELAY_MSG ? &f->delay[m] : &f->corrupt[m];
			uint32_t left = t->left, n = 0, ms;
			bool every = t->on && !left;

			while (n < 5 && hs_fault_take_msg(f, kinds[k], (enum eapol_msg)m, &ms))
				n++;
			if (!every)
				CHECK(n == (left < 5 ? left : 5));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hs_faults f[2];
	char *text = malloc(size + 1), *line, *save = NULL;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(f, 0, sizeof(f));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		one_line(&f[0], HS_ROLE_AUTHENTICATOR, line);
		one_line(&f[1], HS_ROLE_SUPPLICANT, line);
	}
	fire_all(&f[0]);
	fire_all(&f[1]);
	CHECK(hs_fault_clear(&f[0], NULL) == 0 && !hs_faults_any(&f[0]));
	free(text);
	return 0;
}
