/* SPDX-License-Identifier: MIT */
/* topo.h: topology files (topologies/NAME.topo). One statement per line:
 *
 *   # comment
 *   medium model=log-distance exponent=3 ref_loss=40 shadowing=0 noise=-95 seed=1
 *   ap  NAME pos=X,Y [impl=roamlab|hostapd] [conf=FILE] [state=down]
 *           [txpower=DBM] [hostapd.conf keys...]
 *   sta NAME pos=X,Y [impl=roamlab|wpa_supplicant|iwd] [conf=FILE]
 *           [step=DX,DY] [set.KNOB=VALUE] [network block keys...]
 *   rule ACTION [type=] [subtype=] [eapol=] [src=] [dst=] [prob=] [count=]
 *   ping STA [server|NODE]
 *   at TIME STEP            TIME is 2s / 500ms (from the start) or +1s
 *                           (after the previous step ended)
 *   repeat N [swap A B]     the steps up to "end" run N times; with swap,
 *     at ...                every second pass has A and B exchanged
 *   end
 *   expect ...              judged at the end of the run
 *
 * Steps: start NODE | stop NODE | move NODE to X,Y | walk NODE to X,Y speed V
 *   | path NODE X,Y X,Y... speed V | txpower NODE DBM | rule ... |
 *   rules clear | ctl NODE COMMAND... | log TEXT | expect ... within T
 * Node names may use {A..B} ranges: "sta s{1..10}" declares s1..s10.
 * Expectations: STA connected AP | STA disconnected | NODE event NAME [k=v]
 *   | NODE log "TEXT" | NODE handshake ok|fail | STA roams OP N |
 *   ping STA [DEST] loss OP P% | NODE events NAME OP N | NODE log "TEXT" count OP N
 *   | no-key-reinstall
 * where OP is one of >= <= == > < and "within T" bounds a timeline expect.
 */
#ifndef ROAMLAB_SIM_TOPO_H
#define ROAMLAB_SIM_TOPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mobility.h"
#include "model.h"
#include "rules.h"

#define SIM_NAME_MAX 32
#define SIM_TEXT_MAX 160
#define SIM_NODES_MAX 64

enum sim_role {
	SIM_ROLE_AP,
	SIM_ROLE_STA,
};

enum sim_impl {
	SIM_IMPL_ROAMLAB,
	SIM_IMPL_HOSTAPD,
	SIM_IMPL_WPA_SUPPLICANT,
	SIM_IMPL_IWD,
};

struct sim_kv {
	char *key;
	char *value;
	int line;
};

struct sim_node_cfg {
	char name[SIM_NAME_MAX];
	enum sim_role role;
	enum sim_impl impl;
	struct sim_point pos;
	double txpower_dbm;
	bool start_down;
	char *conf;		/* path to hostapd.conf / wpa_supplicant.conf */
	struct sim_kv *kv;	/* inline conf keys, in file order */
	size_t n_kv;
	int line;
	uint8_t mac[6];		/* stable per name */
};

enum sim_cmp {
	SIM_CMP_GE,
	SIM_CMP_LE,
	SIM_CMP_EQ,
	SIM_CMP_GT,
	SIM_CMP_LT,
};

enum sim_expect_kind {
	SIM_EXPECT_CONNECTED,		/* STA connected AP */
	SIM_EXPECT_DISCONNECTED,	/* STA disconnected */
	SIM_EXPECT_EVENT,		/* NODE event NAME [k=v] */
	SIM_EXPECT_LOG,			/* NODE log "TEXT" [count OP N] */
	SIM_EXPECT_HANDSHAKE,		/* NODE handshake ok|fail */
	SIM_EXPECT_ROAMS,		/* STA roams OP N */
	SIM_EXPECT_PING_LOSS,		/* ping STA [DEST] loss OP P% */
	SIM_EXPECT_EVENT_COUNT,		/* NODE events NAME OP N */
	SIM_EXPECT_NO_REINSTALL,	/* no-key-reinstall */
};

struct sim_expect {
	enum sim_expect_kind kind;
	int line;
	int node;		/* -1 if none */
	int node2;		/* AP for connected, ping dest (-1 = server) */
	char text[SIM_TEXT_MAX];	/* event name or log text */
	char filter[SIM_TEXT_MAX];	/* "k=v k=v" event filter */
	bool want_ok;		/* handshake ok (true) or fail */
	bool has_cmp;
	enum sim_cmp cmp;
	double value;
	uint64_t within_us;	/* timeline expects only */
};

enum sim_step_kind {
	SIM_STEP_START,
	SIM_STEP_STOP,
	SIM_STEP_MOVE,
	SIM_STEP_WALK,
	SIM_STEP_TXPOWER,
	SIM_STEP_RULE,
	SIM_STEP_RULES_CLEAR,
	SIM_STEP_CTL,
	SIM_STEP_LOG,
	SIM_STEP_EXPECT,
};

struct sim_step {
	int line;
	bool rel;
	uint64_t t_us;
	enum sim_step_kind kind;
	int node;
	int iter;		/* repeat pass, 0 outside repeat */
	struct sim_point pts[SIM_PATH_MAX];
	size_t npts;
	double speed;
	double value;
	struct sim_rule rule;
	char text[SIM_TEXT_MAX];
	struct sim_expect ex;
};

struct sim_ping {
	int sta;
	int dest;		/* -1 = server */
	int line;
};

struct sim_topo {
	char file[256];
	struct sim_model model;
	bool seed_set;
	struct sim_node_cfg *nodes;
	size_t n_nodes;
	struct sim_rules rules;	/* initial rules */
	struct sim_step *steps;
	size_t n_steps;
	struct sim_expect *expects;	/* end-of-run */
	size_t n_expects;
	struct sim_ping *pings;
	size_t n_pings;
};

/* One problem in a topology file: where, which key (or statement word),
 * and what was expected there. */
struct sim_diag {
	char file[256];
	int line;		/* 0: the file as a whole */
	char key[SIM_NAME_MAX];
	char msg[SIM_TEXT_MAX + 64];
};

struct sim_diags {
	struct sim_diag *v;
	size_t n;
};

/* Parse and check a whole file, reporting every problem in d (a bad line is
 * skipped and the rest still checked). Returns the topology, or NULL if d
 * holds any error. The values of inline hostapd.conf / wpa_supplicant.conf
 * keys and faults are checked with the programs' own rules
 * (common/conf_keys.c, ap/fault.c, sta/fault.c). */
struct sim_topo *sim_topo_check_file(const char *path, struct sim_diags *d);
/* Same, from a string (tests); name is used as the file name. */
struct sim_topo *sim_topo_check_text(const char *name, const char *text,
				     struct sim_diags *d);
void sim_diags_free(struct sim_diags *d);
/* Each problem as "file:line: key: message", one a line. */
void sim_diags_print(const struct sim_diags *d, FILE *f);

/* The same, with every problem written to err as "file:line: key: message"
 * lines (cut at errlen). */
struct sim_topo *sim_topo_load(const char *path, char *err, size_t errlen);
struct sim_topo *sim_topo_parse(const char *name, const char *text, char *err,
				size_t errlen);
void sim_topo_free(struct sim_topo *t);
int sim_topo_find(const struct sim_topo *t, const char *name);
const char *sim_impl_name(enum sim_impl i);
const char *sim_role_name(enum sim_role r);
const char *sim_cmp_str(enum sim_cmp c);
bool sim_cmp_eval(enum sim_cmp c, double a, double b);
const char *sim_kv_get(const struct sim_node_cfg *n, const char *key);
/* Stable locally administered MAC for a node name (02:52:4c:xx:xx:xx). */
void sim_name_mac(const char *name, uint8_t mac[6]);
/* "2s", "500ms", "1.5s", "100us" -> microseconds; -EINVAL otherwise. */
int sim_parse_duration(const char *s, uint64_t *us);
/* Renders an expectation for verdict lines. */
void sim_expect_describe(const struct sim_topo *t, const struct sim_expect *e,
			 char *buf, size_t len);

#endif
