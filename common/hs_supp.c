// SPDX-License-Identifier: MIT
/* hs_supp.c: the supplicant side of the 4-way handshake (IEEE 802.11-2020
 * 12.7.6) and group key handshake (12.7.7), with replay protection, the
 * ANonce check of 3/4, protection against key reinstallation, and the
 * faults a misbehaving station injects on purpose. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hs_priv.h"
#include "util.h"

#define REASON_IE_DIFFERENT	17

static void supp_enter_state(struct hs_supp *s, enum hs_supp_state st)
{
	struct hs_event ev = {
		.type = HS_EV_STATE,
		.machine = "WPA_SUPP",
		.old_state = hs_supp_state_name(s->state),
		.new_state = hs_supp_state_name(st),
	};

	s->state = st;
	hs_emit(&s->b, LOG_LVL_DEBUG, &ev, "WPA: %s State: %s -> %s", s->b.peer_str,
		ev.old_state, ev.new_state);
}

static void supp_drop(struct hs_supp *s, enum eapol_msg m, const char *why)
{
	struct hs_event ev = { .type = HS_EV_DROPPED, .msg = m };

	hs_emit(&s->b, LOG_LVL_INFO, &ev, "WPA: rejected EAPOL-Key %s from %s: %s",
		eapol_msg_name(m), s->b.peer_str, why);
}


static void forget_keys(struct hs_supp *s)
{
	secure_zero(s->tptk, sizeof(s->tptk));
	secure_zero(s->ptk, sizeof(s->ptk));
	secure_zero(s->inst_tk, sizeof(s->inst_tk));
	secure_zero(s->inst_gtk, sizeof(s->inst_gtk));
	secure_zero(s->inst_igtk, sizeof(s->inst_igtk));
	s->inst_igtk_len = 0;
	s->tptk_valid = false;
	s->ptk_valid = false;
	s->ptk_installed = false;
	s->gtk_installed = false;
	s->inst_tk_len = 0;
	s->inst_gtk_len = 0;
}

static unsigned int supp_ver(const struct hs_supp *s)
{
	return hs_config_desc_version(&s->cfg);
}

static uint8_t supp_desc_type(const struct hs_supp *s)
{
	return s->cfg.proto == IE_PROTO_RSN ? EAPOL_DESC_RSN : EAPOL_DESC_WPA;
}

static int supp_send(struct hs_supp *s, int num, bool group, unsigned int mic_ver,
		     const uint8_t *kck, const struct eapol_key_params *p)
{
	struct hs_event ev = { .type = HS_EV_TX };
	uint8_t frame[EAPOL_KEY_FRAME_MAX];
	size_t len;
	int ret;

	ev.msg = group ? EAPOL_MSG_GROUP_2 :
			 (num == 2 ? EAPOL_MSG_PTK_2 : EAPOL_MSG_PTK_4);
	ev.attempt = 1;
	ret = hs_build_frame(p, s->cfg.akm, mic_ver, kck, frame, sizeof(frame), &len);
	if (ret)
		goto cleanup;
	hs_emit(&s->b, LOG_LVL_DEBUG, &ev, "WPA: Sending EAPOL-Key %d/%d", num,
		group ? 2 : 4);
	ret = hs_tx(&s->b, ev.msg, frame, len, 0);
cleanup:
	secure_zero(frame, sizeof(frame));
	return ret;
}

/* 12.7.6.2/3: answer 1/4 with 2/4. */
static int rx_m1(struct hs_supp *s, const struct eapol_key *k)
{
	struct eapol_key_params p = { 0 };
	const uint8_t *pmk = s->cfg.pmk, *aa = s->cfg.aa, *anonce;
	uint8_t wrong[PMK_LEN];
	unsigned int mic_ver = supp_ver(s);
	bool same_anonce;
	int ret;

	if (s->state == HS_SUPP_DISCONNECTED) {
		supp_drop(s, EAPOL_MSG_PTK_1, "not associated");
		return 0;
	}
	same_anonce = s->have_anonce && memcmp(s->anonce, k->nonce, NONCE_LEN) == 0;
	if (s->have_anonce && !same_anonce) {
		memcpy(s->prev_anonce, s->anonce, NONCE_LEN);
		s->have_prev_anonce = true;
	}
	memcpy(s->anonce, k->nonce, NONCE_LEN);
	s->have_anonce = true;
	if (s->renew_snonce || s->b.faults->snonce_change) {
		ret = hs_random(&s->b, s->snonce, NONCE_LEN);
		if (ret)
			return ret;
		if (!s->renew_snonce)
			hs_fault_fired(&s->b, HS_FAULT_SNONCE_CHANGE, EAPOL_MSG_PTK_2,
				       "new SNonce for this msg 1/4");
		s->renew_snonce = false;
	}
	if (s->b.faults->wrong_psk) {
		bool zero = true;

		for (size_t i = 0; i < PMK_LEN; i++)
			zero &= s->b.faults->wrong_pmk[i] == 0;
		memcpy(wrong, zero ? s->cfg.pmk : s->b.faults->wrong_pmk, PMK_LEN);
		if (zero)
			wrong[0] ^= 0xff;
		pmk = wrong;
		hs_fault_fired(&s->b, HS_FAULT_WRONG_PSK, EAPOL_MSG_PTK_2,
			       "deriving the PTK from a wrong PSK");
	}
	if (s->b.faults->stale_aa) {
		if (!mac_is_zero(s->b.faults->stale_aa_addr))
			aa = s->b.faults->stale_aa_addr;
		else if (!mac_is_zero(s->cfg.last_aa))
			aa = s->cfg.last_aa;
		else if (s->have_prev_aa)
			aa = s->prev_aa;
		if (aa != s->cfg.aa) {
			char m[18];

			hs_fault_fired(&s->b, HS_FAULT_STALE_AA, EAPOL_MSG_PTK_2,
				       "deriving the PTK with stale AA %s", mac_str(aa, m));
		}
	}
	anonce = s->anonce;
	if (s->b.faults->stale_anonce && s->have_prev_anonce) {
		anonce = s->prev_anonce;
		hs_fault_fired(&s->b, HS_FAULT_STALE_ANONCE, EAPOL_MSG_PTK_2,
			       "deriving the PTK with the previous ANonce");
	}
	s->ptk_len = wpa_cipher_ptk_len(s->cfg.pairwise_cipher);
	ret = hs_derive_ptk(s->cfg.akm, pmk, aa, s->cfg.spa, anonce, s->snonce, s->tptk,
			    s->ptk_len);
	secure_zero(wrong, sizeof(wrong));
	if (ret)
		return ret;
	s->tptk_valid = true;
	/* A msg 1/4 carries no MIC: anyone can send one. With a PTK confirmed
	 * by a msg 3/4 in place, it starts a PTK rekey at most, and until a
	 * new msg 3/4 verifies the current PTK stays in force, group key
	 * updates under its KCK/KEK included (as wpa_supplicant does). */
	if (s->ptk_valid)
		log_dbg(HS_TAG, "WPA: %s: msg 1/4 with a PTK in place: keeping it "
			"until a msg 3/4 verifies", s->b.peer_str);
	else if (s->state != HS_SUPP_4WAY_HANDSHAKE)
		supp_enter_state(s, HS_SUPP_4WAY_HANDSHAKE);
	s->m3_count = 0;
	if (s->b.faults->desc_version_mismatch) {
		mic_ver = hs_other_version(mic_ver);
		hs_fault_fired(&s->b, HS_FAULT_DESC_VERSION, EAPOL_MSG_PTK_2,
			       "MIC of msg 2/4 with the other descriptor version");
	}
	p.eapol_version = s->cfg.eapol_version;
	p.desc_type = supp_desc_type(s);
	p.key_info = (uint16_t)(supp_ver(s) | KEY_INFO_TYPE_PAIRWISE | KEY_INFO_MIC);
	p.key_len = s->cfg.proto == IE_PROTO_RSN ? 0 : k->key_len;
	p.replay_counter = k->replay_counter;
	p.nonce = s->snonce;
	p.key_data = s->cfg.own_ie;
	p.key_data_len = s->cfg.own_ie_len;
	return supp_send(s, 2, false, mic_ver, s->tptk, &p);
}

static int install_ptk(struct hs_supp *s)
{
	struct hs_event ev = { .type = HS_EV_KEY_INSTALLED };
	size_t tk_len = wpa_cipher_key_len(s->cfg.pairwise_cipher);
	const uint8_t *tk = s->ptk + KCK_LEN + KEK_LEN;
	uint8_t zero_seq[6] = { 0 };
	struct hs_key key = {
		.kind = HS_KEY_PTK,
		.addr = s->cfg.aa,
		.cipher = s->cfg.pairwise_cipher,
		.key_idx = 0,
		.key = tk,
		.key_len = tk_len,
		.seq = zero_seq,
		.seq_len = sizeof(zero_seq),
	};
	int ret;

	ev.key = &key;
	if (s->ptk_installed && s->inst_tk_len == tk_len &&
	    memcmp(s->inst_tk, tk, tk_len) == 0) {
		if (!s->b.faults->reinstall_on_m3_resend) {
			ev.type = HS_EV_REINSTALL_BLOCKED;
			hs_emit(&s->b, LOG_LVL_INFO, &ev,
				"WPA: Do not re-install the same PTK to the driver");
			return 0;
		}
		hs_fault_fired(&s->b, HS_FAULT_REINSTALL, EAPOL_MSG_PTK_3,
			       "reinstalling the in-use PTK (resets its nonce)");
	}
	ret = hs_install(&s->b, &key);
	if (ret) {
		log_err(HS_TAG, "WPA: installing the PTK failed: %s", strerror(-ret));
		return ret;
	}
	memcpy(s->inst_tk, tk, tk_len);
	s->inst_tk_len = tk_len;
	s->ptk_installed = true;
	hs_emit(&s->b, LOG_LVL_DEBUG, &ev, "WPA: Installing PTK to the driver (%s)",
		wpa_cipher_name(key.cipher));
	return 0;
}

static int install_gtk(struct hs_supp *s, uint8_t idx, const uint8_t *gtk,
		       size_t len, const uint8_t *rsc)
{
	struct hs_event ev = { .type = HS_EV_KEY_INSTALLED };
	struct hs_key key = {
		.kind = HS_KEY_GTK,
		.addr = NULL,
		.cipher = s->cfg.group_cipher,
		.key_idx = idx,
		.key = gtk,
		.key_len = len,
		.seq = rsc,
		.seq_len = 6,
		.set_tx = false,
	};
	int ret;

	ev.key = &key;
	if (s->gtk_installed && s->inst_gtk_idx == idx && s->inst_gtk_len == len &&
	    memcmp(s->inst_gtk, gtk, len) == 0) {
		ev.type = HS_EV_REINSTALL_BLOCKED;
		hs_emit(&s->b, LOG_LVL_INFO, &ev,
			"WPA: Not reinstalling already in-use GTK to the driver "
			"(keyidx=%u)", idx);
		return 0;
	}
	ret = hs_install(&s->b, &key);
	if (ret) {
		log_err(HS_TAG, "WPA: installing the GTK failed: %s", strerror(-ret));
		return ret;
	}
	memcpy(s->inst_gtk, gtk, len);
	s->inst_gtk_len = len;
	s->inst_gtk_idx = idx;
	s->gtk_installed = true;
	hs_emit(&s->b, LOG_LVL_DEBUG, &ev,
		"WPA: Installing GTK to the driver (keyidx=%u %s)", idx,
		wpa_cipher_name(key.cipher));
	return 0;
}

/* 802.11w: the IGTK KDE of msg 3/4 or group msg 1/2 (12.7.6.4, 12.7.7.2),
 * installed with its IPN as the receive counter (12.5.4.4 replay check).
 * No KDE with PMF on: logged, nothing installed (a peer that protects no
 * group management frames). The same IGTK again is not reinstalled. 0, or
 * -EBADMSG for a malformed KDE or a key of the wrong length (the caller
 * drops the message). */
static int install_igtk(struct hs_supp *s, enum eapol_msg m, const uint8_t *kd,
			size_t kd_len)
{
	struct hs_event ev = { .type = HS_EV_KEY_INSTALLED, .msg = m };
	uint8_t seq[6];
	struct kde_igtk igtk;
	const char *why;
	struct hs_key key = { .kind = HS_KEY_IGTK, .cipher = WPA_CIPHER_BIP_CMAC,
			      .seq = seq, .seq_len = sizeof(seq) };
	int ret;

	if (!s->cfg.pmf)
		return 0;
	ret = eapol_kde_igtk_find(kd, kd_len, &igtk, &why);
	if (ret == -ENOENT) {
		log_info(HS_TAG, "WPA: PMF in use but no IGTK KDE in msg %s from %s",
			 eapol_msg_name(m), s->b.peer_str);
		return 0;
	}
	if (ret)
		return -EBADMSG;
	if (igtk.igtk_len != wpa_cipher_key_len(WPA_CIPHER_BIP_CMAC))
		return -EBADMSG;
	key.key_idx = (uint8_t)igtk.key_id;
	key.key = igtk.igtk;
	key.key_len = igtk.igtk_len;
	for (size_t i = 0; i < sizeof(seq); i++)
		seq[i] = (uint8_t)(igtk.ipn >> (8 * i));
	ev.key = &key;
	if (s->inst_igtk_len == igtk.igtk_len && s->inst_igtk_id == igtk.key_id &&
	    memcmp(s->inst_igtk, igtk.igtk, igtk.igtk_len) == 0) {
		ev.type = HS_EV_REINSTALL_BLOCKED;
		hs_emit(&s->b, LOG_LVL_INFO, &ev,
			"WPA: Not reinstalling already in-use IGTK to the driver "
			"(keyidx=%u)", igtk.key_id);
		return 0;
	}
	ret = hs_install(&s->b, &key);
	if (ret) {
		log_err(HS_TAG, "WPA: installing the IGTK failed: %s", strerror(-ret));
		return ret;
	}
	memcpy(s->inst_igtk, igtk.igtk, igtk.igtk_len);
	s->inst_igtk_len = igtk.igtk_len;
	s->inst_igtk_id = igtk.key_id;
	hs_emit(&s->b, LOG_LVL_DEBUG, &ev,
		"WPA: Installing IGTK to the driver (keyidx=%u IPN %llu)", igtk.key_id,
		(unsigned long long)igtk.ipn);
	return 0;
}

static void supp_ie_mismatch(struct hs_supp *s, const char *why)
{
	struct hs_event ev = { .type = HS_EV_IE_MISMATCH, .msg = EAPOL_MSG_PTK_3 };
	struct hs_event dev = { .type = HS_EV_DEAUTH_REQUEST,
				.reason_code = REASON_IE_DIFFERENT };

	hs_emit(&s->b, LOG_LVL_INFO, &ev,
		"WPA: IE in 3/4 msg does not match with IE in Beacon/ProbeResp (%s)",
		why);
	forget_keys(s);
	supp_enter_state(s, HS_SUPP_DISCONNECTED);
	hs_emit(&s->b, LOG_LVL_INFO, &dev,
		"WPA: requesting deauthentication (reason %u)", REASON_IE_DIFFERENT);
}

static void supp_completed(struct hs_supp *s)
{
	struct hs_event ev = { .type = HS_EV_AUTHORIZED };

	supp_enter_state(s, HS_SUPP_COMPLETED);
	hs_emit(&s->b, LOG_LVL_INFO, &ev,
		"WPA: Key negotiation completed with %s [PTK=%s GTK=%s]",
		s->b.peer_str, wpa_cipher_name(s->cfg.pairwise_cipher),
		wpa_cipher_name(s->cfg.group_cipher));
}

/* An IGTK KDE is absent or well formed with a BIP-CMAC-128 key. */
static bool supp_igtk_kde_ok(const uint8_t *kd, size_t kd_len)
{
	struct kde_igtk igtk;
	int ret = eapol_kde_igtk_find(kd, kd_len, &igtk, NULL);

	return ret == -ENOENT ||
	       (!ret && igtk.igtk_len == wpa_cipher_key_len(WPA_CIPHER_BIP_CMAC));
}

/* 12.7.6.4/5: verify 3/4, answer with 4/4, install keys. */
static int rx_m3(struct hs_supp *s, const struct eapol_key *k)
{
	struct hs_event ev = { .msg = EAPOL_MSG_PTK_3 };
	struct eapol_key_params p = { 0 };
	unsigned int ver = supp_ver(s);
	uint8_t kd[EAPOL_KEY_DATA_MAX];
	size_t kd_len = 0, ie_len = 0;
	const uint8_t *ie;
	struct kde_gtk gtk;
	const char *why;
	bool resend;
	int ret = 0;

	if (s->state != HS_SUPP_4WAY_HANDSHAKE && s->state != HS_SUPP_GROUP_HANDSHAKE &&
	    s->state != HS_SUPP_COMPLETED) {
		supp_drop(s, EAPOL_MSG_PTK_3, "no msg 1/4 before it");
		return 0;
	}
	if (!s->tptk_valid) {
		supp_drop(s, EAPOL_MSG_PTK_3, "no PTK derived from a msg 1/4");
		return 0;
	}
	if (memcmp(k->nonce, s->anonce, NONCE_LEN) != 0) {
		supp_drop(s, EAPOL_MSG_PTK_3, "ANonce from message 1 of 4-Way "
			  "Handshake differs from 3 of 4-Way Handshake");
		return 0;
	}
	if (!(k->key_info & KEY_INFO_INSTALL)) {
		supp_drop(s, EAPOL_MSG_PTK_3, "Install bit not set");
		return 0;
	}
	if (k->key_len != wpa_cipher_key_len(s->cfg.pairwise_cipher)) {
		supp_drop(s, EAPOL_MSG_PTK_3, "key length does not match the "
			  "pairwise cipher");
		return 0;
	}
	if (!hs_mic_verify(s->cfg.akm, s->tptk, k)) {
		ev.type = HS_EV_MIC_FAILURE;
		hs_emit(&s->b, LOG_LVL_INFO, &ev,
			"WPA: invalid MIC in msg 3/4 of 4-Way Handshake from %s",
			s->b.peer_str);
		return 0;
	}
	s->rx_replay = k->replay_counter;
	s->rx_replay_set = true;
	if (s->cfg.proto == IE_PROTO_RSN) {
		if (!(k->key_info & KEY_INFO_ENCR_KEY_DATA)) {
			supp_drop(s, EAPOL_MSG_PTK_3, "key data not encrypted");
			return 0;
		}
		ret = eapol_key_data_decrypt(ver, s->tptk + KCK_LEN, k->iv, k->key_data,
					     k->key_data_len, kd, sizeof(kd), &kd_len);
		if (ret) {
			supp_drop(s, EAPOL_MSG_PTK_3, "could not decrypt key data");
			ret = 0;
			goto cleanup;
		}
	} else {
		memcpy(kd, k->key_data, k->key_data_len);
		kd_len = k->key_data_len;
	}
	ie = ie_find_wpa_any(kd, kd_len, s->cfg.proto, &ie_len);
	if (!ie) {
		supp_ie_mismatch(s, "no RSN/WPA element in msg 3/4");
		goto cleanup;
	}
	if (s->cfg.peer_ie_len &&
	    (ie_len != s->cfg.peer_ie_len || memcmp(ie, s->cfg.peer_ie, ie_len) != 0)) {
		supp_ie_mismatch(s, "bytes differ");
		goto cleanup;
	}
	if (s->cfg.proto == IE_PROTO_RSN) {
		ret = eapol_kde_gtk_find(kd, kd_len, &gtk, &why);
		if (ret) {
			supp_drop(s, EAPOL_MSG_PTK_3, why);
			ret = 0;
			goto cleanup;
		}
		if (gtk.gtk_len != wpa_cipher_key_len(s->cfg.group_cipher) ||
		    gtk.key_idx == 0) {
			supp_drop(s, EAPOL_MSG_PTK_3, "GTK length or key index invalid");
			goto cleanup;
		}
		if (s->cfg.pmf && !supp_igtk_kde_ok(kd, kd_len)) {
			supp_drop(s, EAPOL_MSG_PTK_3, "IGTK KDE invalid");
			goto cleanup;
		}
	}
	resend = s->m3_count > 0 && s->ptk_valid &&
		 memcmp(s->ptk, s->tptk, s->ptk_len) == 0;
	memcpy(s->ptk, s->tptk, s->ptk_len);
	s->ptk_valid = true;
	s->m3_count++;
	/* this handshake is done: the next msg 1/4 (a PTK rekey) gets a fresh
	 * SNonce (12.7.6.3); resends of this 3/4 do not touch it */
	s->renew_snonce = true;
	p.eapol_version = s->cfg.eapol_version;
	p.desc_type = supp_desc_type(s);
	p.key_info = (uint16_t)(ver | KEY_INFO_TYPE_PAIRWISE | KEY_INFO_MIC);
	if (s->cfg.proto == IE_PROTO_RSN)
		p.key_info |= KEY_INFO_SECURE;
	p.key_len = s->cfg.proto == IE_PROTO_RSN ? 0 : k->key_len;
	p.replay_counter = k->replay_counter;
	ret = supp_send(s, 4, false, ver, s->ptk, &p);
	if (ret)
		goto cleanup;
	ret = install_ptk(s);
	if (ret)
		goto cleanup;
	if (s->cfg.proto == IE_PROTO_RSN) {
		ret = install_gtk(s, gtk.key_idx, gtk.gtk, gtk.gtk_len, k->rsc);
		if (!ret)
			ret = install_igtk(s, EAPOL_MSG_PTK_3, kd, kd_len);
		if (ret)
			goto cleanup;
	}
	if (resend)
		goto cleanup;
	ev.type = HS_EV_PAIRWISE_DONE;
	hs_emit(&s->b, LOG_LVL_INFO, &ev,
		"WPA: pairwise key handshake completed with %s (%s)", s->b.peer_str,
		s->cfg.proto == IE_PROTO_RSN ? "RSN" : "WPA");
	if (s->cfg.proto == IE_PROTO_RSN) {
		if (s->state != HS_SUPP_COMPLETED)
			supp_completed(s);
	} else if (s->state == HS_SUPP_4WAY_HANDSHAKE) {
		supp_enter_state(s, HS_SUPP_GROUP_HANDSHAKE);
	}
cleanup:
	secure_zero(kd, sizeof(kd));
	return ret;
}

/* 12.7.7.2/3: group msg 1/2 -> install GTK, answer 2/2. */
static int rx_g1(struct hs_supp *s, const struct eapol_key *k)
{
	struct hs_event ev = { .msg = EAPOL_MSG_GROUP_1 };
	struct eapol_key_params p = { 0 };
	unsigned int ver = supp_ver(s);
	uint8_t kd[EAPOL_KEY_DATA_MAX];
	size_t kd_len = 0;
	struct kde_gtk gtk = { 0 };
	const char *why;
	int ret = 0;

	/* Only a PTK confirmed by msg 3/4 counts: a later msg 1/4 (no MIC)
	 * does not suspend group key updates. */
	if (!s->ptk_valid || s->state == HS_SUPP_DISCONNECTED ||
	    s->state == HS_SUPP_ASSOCIATED) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "the 4-way handshake is not complete");
		return 0;
	}
	if (!(k->key_info & KEY_INFO_SECURE)) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "Secure bit not set");
		return 0;
	}
	if (!hs_mic_verify(s->cfg.akm, s->ptk, k)) {
		ev.type = HS_EV_MIC_FAILURE;
		hs_emit(&s->b, LOG_LVL_INFO, &ev,
			"WPA: invalid MIC in msg 1/2 of Group Key Handshake from %s",
			s->b.peer_str);
		return 0;
	}
	s->rx_replay = k->replay_counter;
	s->rx_replay_set = true;
	if (s->cfg.proto == IE_PROTO_RSN && !(k->key_info & KEY_INFO_ENCR_KEY_DATA)) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "key data not encrypted");
		return 0;
	}
	ret = eapol_key_data_decrypt(ver, s->ptk + KCK_LEN, k->iv, k->key_data,
				     k->key_data_len, kd, sizeof(kd), &kd_len);
	if (ret) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "could not decrypt key data");
		ret = 0;
		goto cleanup;
	}
	if (s->cfg.proto == IE_PROTO_RSN) {
		if (eapol_kde_gtk_find(kd, kd_len, &gtk, &why)) {
			supp_drop(s, EAPOL_MSG_GROUP_1, why);
			goto cleanup;
		}
	} else {
		gtk.key_idx = (k->key_info & KEY_INFO_KEYIDX_MASK) >> KEY_INFO_KEYIDX_SHIFT;
		gtk.gtk_len = k->key_len;
		gtk.gtk = kd;
		if (gtk.gtk_len > kd_len) {
			supp_drop(s, EAPOL_MSG_GROUP_1, "key length exceeds key data");
			goto cleanup;
		}
	}
	if (gtk.gtk_len != wpa_cipher_key_len(s->cfg.group_cipher)) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "GTK length does not match the group "
			  "cipher");
		goto cleanup;
	}
	if (gtk.key_idx == 0) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "GTK key index 0");
		goto cleanup;
	}
	if (s->cfg.pmf && !supp_igtk_kde_ok(kd, kd_len)) {
		supp_drop(s, EAPOL_MSG_GROUP_1, "IGTK KDE invalid");
		goto cleanup;
	}
	ret = install_gtk(s, gtk.key_idx, gtk.gtk, gtk.gtk_len, k->rsc);
	if (!ret && s->cfg.proto == IE_PROTO_RSN)
		ret = install_igtk(s, EAPOL_MSG_GROUP_1, kd, kd_len);
	if (ret)
		goto cleanup;
	p.eapol_version = s->cfg.eapol_version;
	p.desc_type = supp_desc_type(s);
	p.key_info = (uint16_t)(ver | KEY_INFO_MIC | KEY_INFO_SECURE);
	if (s->cfg.proto == IE_PROTO_WPA) {
		p.key_info |= k->key_info & KEY_INFO_KEYIDX_MASK;
		/* WPA1: the Key Length of 1/2 echoed, as in 2/4 and 4/4 and
		 * as wpa_supplicant does (tests/unit/fixtures) */
		p.key_len = k->key_len;
	}
	p.replay_counter = k->replay_counter;
	ret = supp_send(s, 2, true, ver, s->ptk, &p);
	if (ret)
		goto cleanup;
	ev.type = HS_EV_GROUP_DONE;
	hs_emit(&s->b, LOG_LVL_INFO, &ev,
		"WPA: group key handshake completed with %s [GTK=%s keyidx=%u]",
		s->b.peer_str, wpa_cipher_name(s->cfg.group_cipher), gtk.key_idx);
	if (s->state == HS_SUPP_GROUP_HANDSHAKE)
		supp_completed(s);
cleanup:
	secure_zero(kd, sizeof(kd));
	return ret;
}

int hs_supp_rx(struct hs_supp *s, const uint8_t *frame, size_t len)
{
	struct hs_event ev = { .type = HS_EV_RX };
	struct eapol_key k;
	enum eapol_msg m;
	const char *why;
	unsigned int ver;
	uint8_t copy[EAPOL_KEY_FRAME_MAX];

	if (hs_rx_faults(&s->b, &frame, len, copy))
		return 0;
	if (eapol_key_parse(frame, len, &k, &why)) {
		supp_drop(s, EAPOL_MSG_UNKNOWN, why);
		return 0;
	}
	if (k.desc_type != supp_desc_type(s)) {
		supp_drop(s, EAPOL_MSG_UNKNOWN,
			  "key descriptor type does not match the protocol");
		return 0;
	}
	m = eapol_key_classify(&k);
	ev.msg = m;
	hs_emit(&s->b, LOG_LVL_DEBUG, &ev, "WPA: RX EAPOL-Key %s from %s",
		eapol_msg_name(m), s->b.peer_str);
	ver = eapol_key_desc_ver(&k);
	if (ver != supp_ver(s)) {
		supp_drop(s, m, "unexpected key descriptor version");
		return 0;
	}
	if (s->rx_replay_set && k.replay_counter <= s->rx_replay) {
		ev.type = HS_EV_REPLAY;
		hs_emit(&s->b, LOG_LVL_INFO, &ev,
			"WPA: EAPOL-Key Replay Counter did not increase - dropping "
			"packet (%s, %llu <= %llu)", eapol_msg_name(m),
			(unsigned long long)k.replay_counter,
			(unsigned long long)s->rx_replay);
		return 0;
	}
	switch (m) {
	case EAPOL_MSG_PTK_1:
		return rx_m1(s, &k);
	case EAPOL_MSG_PTK_3:
		return rx_m3(s, &k);
	case EAPOL_MSG_GROUP_1:
		return rx_g1(s, &k);
	case EAPOL_MSG_UNKNOWN:
	case EAPOL_MSG_PTK_2:
	case EAPOL_MSG_PTK_4:
	case EAPOL_MSG_GROUP_2:
	case EAPOL_MSG_REQUEST:
		supp_drop(s, m, "not a message an authenticator sends");
		return 0;
	}
	return 0;
}

static int supp_set_config(struct hs_supp *s, const struct hs_config *cfg)
{
	int ret;

	if (cfg->role != HS_ROLE_SUPPLICANT ||
	    (cfg->proto != IE_PROTO_RSN && cfg->proto != IE_PROTO_WPA) ||
	    (cfg->pairwise_cipher != WPA_CIPHER_CCMP &&
	     cfg->pairwise_cipher != WPA_CIPHER_TKIP) ||
	    (cfg->group_cipher != WPA_CIPHER_CCMP &&
	     cfg->group_cipher != WPA_CIPHER_TKIP) ||
	    cfg->own_ie_len > sizeof(cfg->own_ie) ||
	    cfg->peer_ie_len > sizeof(cfg->peer_ie) ||
	    (cfg->akm && wpa_akm_key_desc_ver(cfg->akm, cfg->pairwise_cipher) < 0) ||
	    (cfg->akm && cfg->akm != WPA_AKM_PSK && cfg->proto != IE_PROTO_RSN) ||
	    (cfg->pmf && cfg->proto != IE_PROTO_RSN))
		return -EINVAL;
	secure_zero(&s->cfg, sizeof(s->cfg));
	s->cfg = *cfg;
	if (!s->cfg.eapol_version)
		s->cfg.eapol_version = EAPOL_VERSION_2001;
	if (!s->cfg.own_ie_len) {
		ret = hs_config_build_own_ie(&s->cfg);
		if (ret)
			return ret;
	}
	s->b.own_faults = s->cfg.faults;
	memcpy(s->b.peer, cfg->aa, 6);
	mac_str(s->b.peer, s->b.peer_str);
	return 0;
}

struct hs_supp *hs_supp_new(struct loop *loop, const struct hs_config *cfg,
			    const struct hs_ops *ops, void *ctx)
{
	struct hs_supp *s;

	if (!loop || !cfg || !ops)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	hs_base_init(&s->b, loop, ops, ctx, HS_ROLE_SUPPLICANT, cfg->aa);
	if (supp_set_config(s, cfg)) {
		free(s);
		return NULL;
	}
	s->state = HS_SUPP_DISCONNECTED;
	s->renew_snonce = true;
	supp_enter_state(s, HS_SUPP_ASSOCIATED);
	return s;
}

void hs_supp_free(struct hs_supp *s)
{
	if (!s)
		return;
	hs_base_cleanup(&s->b);
	secure_zero(s, sizeof(*s));
	free(s);
}

int hs_supp_assoc(struct hs_supp *s, const struct hs_config *cfg)
{
	uint8_t old_aa[6];
	int ret;

	memcpy(old_aa, s->cfg.aa, 6);
	if (cfg) {
		ret = supp_set_config(s, cfg);
		if (ret)
			return ret;
	}
	memcpy(s->prev_aa, old_aa, 6);
	s->have_prev_aa = true;
	if (s->have_anonce) {
		memcpy(s->prev_anonce, s->anonce, NONCE_LEN);
		s->have_prev_anonce = true;
	}
	s->have_anonce = false;
	s->rx_replay_set = false;
	s->renew_snonce = true;
	s->m3_count = 0;
	s->req_counter = 0;
	forget_keys(s);
	supp_enter_state(s, HS_SUPP_ASSOCIATED);
	return 0;
}

void hs_supp_disconnect(struct hs_supp *s)
{
	forget_keys(s);
	s->rx_replay_set = false;
	if (s->state != HS_SUPP_DISCONNECTED)
		supp_enter_state(s, HS_SUPP_DISCONNECTED);
}

void hs_supp_use_faults(struct hs_supp *s, struct hs_faults *f)
{
	s->b.faults = f ? f : &s->b.own_faults;
}

enum hs_supp_state hs_supp_state(const struct hs_supp *s)
{
	return s->state;
}

bool hs_supp_ptk_installed(const struct hs_supp *s)
{
	return s->ptk_installed;
}

int hs_supp_report_michael_failure(struct hs_supp *s, bool pairwise)
{
	struct hs_event ev = { .type = HS_EV_TX, .msg = EAPOL_MSG_REQUEST, .attempt = 1 };
	struct eapol_key_params p = { 0 };
	unsigned int ver = supp_ver(s);
	uint8_t frame[EAPOL_KEY_FRAME_MAX];
	size_t len;
	int ret;

	if (!s->ptk_valid || s->state == HS_SUPP_DISCONNECTED ||
	    s->state == HS_SUPP_ASSOCIATED)
		return -ENOTCONN;
	/* 12.7.2: Request, Error, Secure, MIC; Key Type names the key whose
	 * Michael check failed; no key data, nonce, IV or RSC; the replay
	 * counter is the supplicant's own request counter. */
	p.eapol_version = s->cfg.eapol_version;
	p.desc_type = supp_desc_type(s);
	p.key_info = (uint16_t)(ver | KEY_INFO_REQUEST | KEY_INFO_ERROR |
				KEY_INFO_SECURE | KEY_INFO_MIC);
	if (pairwise)
		p.key_info |= KEY_INFO_TYPE_PAIRWISE;
	p.replay_counter = s->req_counter++;
	ret = hs_build_frame(&p, s->cfg.akm, ver, s->ptk, frame, sizeof(frame), &len);
	if (ret)
		goto cleanup;
	hs_emit(&s->b, LOG_LVL_INFO, &ev,
		"WPA: Sending EAPOL-Key Request (Michael MIC failure, %s key) to %s",
		pairwise ? "pairwise" : "group", s->b.peer_str);
	if (!s->b.ops.tx) {
		ret = -ENOTCONN;
		goto cleanup;
	}
	ret = s->b.ops.tx(s->b.ctx, s->b.peer, frame, len);
cleanup:
	secure_zero(frame, sizeof(frame));
	return ret;
}

const char *hs_supp_state_name(enum hs_supp_state s)
{
	switch (s) {
	case HS_SUPP_DISCONNECTED:
		return "DISCONNECTED";
	case HS_SUPP_ASSOCIATED:
		return "ASSOCIATED";
	case HS_SUPP_4WAY_HANDSHAKE:
		return "4WAY_HANDSHAKE";
	case HS_SUPP_GROUP_HANDSHAKE:
		return "GROUP_HANDSHAKE";
	case HS_SUPP_COMPLETED:
		return "COMPLETED";
	}
	return "?";
}
