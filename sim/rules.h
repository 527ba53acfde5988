/* SPDX-License-Identifier: MIT */
/* rules.h: fault injection on the air. A rule matches frames by type,
 * subtype, EAPOL-Key message, source and destination, then drops, delays,
 * duplicates or corrupts them with a probability, a given number of times. */
#ifndef ROAMLAB_SIM_RULES_H
#define ROAMLAB_SIM_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "util.h"

enum sim_rule_action {
	SIM_RULE_DROP,
	SIM_RULE_DELAY,
	SIM_RULE_DUPLICATE,
	SIM_RULE_CORRUPT,
};

struct sim_rule {
	enum sim_rule_action action;
	uint32_t delay_ms;
	int type;		/* -1: any */
	int subtype;		/* -1: any */
	bool match_eapol;
	enum eapol_msg eapol;	/* NONE with match_eapol: any EAPOL-Key */
	bool has_src, has_dst;
	uint8_t src[ETH_ALEN], dst[ETH_ALEN];
	double prob;
	int count;		/* 0: unlimited */
	int remaining;
	unsigned int hits;	/* times the action was applied */
	int line;		/* topology line, for logs and verdicts */
};

struct sim_rules {
	struct sim_rule *v;
	size_t n, cap;
};

/* What the medium should do with one transmission. */
struct sim_rule_verdict {
	bool drop;
	bool corrupt;
	int duplicates;
	uint32_t delay_ms;
	int rule_line;		/* line of the last rule applied, 0 if none */
};

/* Resolves a node name to its MAC; returns 0 or -ENOENT. */
typedef int (*sim_name_resolver)(const char *name, uint8_t mac[ETH_ALEN], void *ctx);

/* Parse "ACTION key=value..." tokens (argv[0] is the action:
 * drop | delay=MS | duplicate | corrupt). Keys: type, subtype, eapol,
 * src, dst (node name or MAC), prob, count. Returns 0 or -EINVAL with a
 * message in err. */
int sim_rule_parse(int argc, char **argv, sim_name_resolver res, void *res_ctx,
		   struct sim_rule *r, char *err, size_t errlen);
const char *sim_rule_action_name(enum sim_rule_action a);

void sim_rules_init(struct sim_rules *rs);
void sim_rules_free(struct sim_rules *rs);
int sim_rules_add(struct sim_rules *rs, const struct sim_rule *r);
void sim_rules_clear(struct sim_rules *rs);
/* Do the filters of r match this frame? tx is the transmitting radio's
 * address (used as source when the frame has no address 2). */
bool sim_rule_matches(const struct sim_rule *r, const struct sim_frame_info *fi,
		      const uint8_t tx[ETH_ALEN]);
/* Apply all rules to one transmission (consumes counts, draws from rng). */
void sim_rules_apply(struct sim_rules *rs, const struct sim_frame_info *fi,
		     const uint8_t tx[ETH_ALEN], struct rng *rng,
		     struct sim_rule_verdict *v);

#endif
