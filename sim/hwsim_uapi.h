/* SPDX-License-Identifier: MIT */
/* hwsim_uapi.h: the mac80211_hwsim generic-netlink interface, values as in
 * the kernel's drivers/net/wireless/mac80211_hwsim.h (Linux 6.1). The kernel
 * does not export that header, so sim/ keeps its own copy of the numbers. */
#ifndef ROAMLAB_SIM_HWSIM_UAPI_H
#define ROAMLAB_SIM_HWSIM_UAPI_H

#include <stdint.h>

#define HWSIM_GENL_NAME "MAC80211_HWSIM"
#define HWSIM_MCGRP_CONFIG_NAME "config"

/* hwsim_tx_control_flags */
#define HWSIM_TX_CTL_REQ_TX_STATUS (1u << 0)
#define HWSIM_TX_CTL_NO_ACK (1u << 1)
#define HWSIM_TX_STAT_ACK (1u << 2)

enum hwsim_cmd {
	HWSIM_CMD_UNSPEC,
	HWSIM_CMD_REGISTER,
	HWSIM_CMD_FRAME,
	HWSIM_CMD_TX_INFO_FRAME,
	HWSIM_CMD_NEW_RADIO,
	HWSIM_CMD_DEL_RADIO,
	HWSIM_CMD_GET_RADIO,
	HWSIM_CMD_ADD_MAC_ADDR,
	HWSIM_CMD_DEL_MAC_ADDR,
};

enum hwsim_attr {
	HWSIM_ATTR_UNSPEC,
	HWSIM_ATTR_ADDR_RECEIVER,
	HWSIM_ATTR_ADDR_TRANSMITTER,
	HWSIM_ATTR_FRAME,
	HWSIM_ATTR_FLAGS,
	HWSIM_ATTR_RX_RATE,
	HWSIM_ATTR_SIGNAL,
	HWSIM_ATTR_TX_INFO,
	HWSIM_ATTR_COOKIE,
	HWSIM_ATTR_CHANNELS,
	HWSIM_ATTR_RADIO_ID,
	HWSIM_ATTR_REG_HINT_ALPHA2,
	HWSIM_ATTR_REG_CUSTOM_REG,
	HWSIM_ATTR_REG_STRICT_REG,
	HWSIM_ATTR_SUPPORT_P2P_DEVICE,
	HWSIM_ATTR_USE_CHANCTX,
	HWSIM_ATTR_DESTROY_RADIO_ON_CLOSE,
	HWSIM_ATTR_RADIO_NAME,
	HWSIM_ATTR_NO_VIF,
	HWSIM_ATTR_FREQ,
	HWSIM_ATTR_PAD,
	HWSIM_ATTR_TX_INFO_FLAGS,
	HWSIM_ATTR_PERM_ADDR,
	HWSIM_ATTR_IFTYPE_SUPPORT,
	HWSIM_ATTR_CIPHER_SUPPORT,
	HWSIM_ATTR_MLO_SUPPORT,
	HWSIM_ATTR_COUNT,
};
#define HWSIM_ATTR_MAX (HWSIM_ATTR_COUNT - 1)

/* IEEE80211_TX_MAX_RATES in include/net/mac80211.h */
#define HWSIM_TX_MAX_RATES 4

struct hwsim_tx_rate {
	int8_t idx;
	uint8_t count;
} __attribute__((packed));

struct hwsim_tx_rate_flag {
	int8_t idx;
	uint16_t flags;
} __attribute__((packed));

/* IEEE80211_MAX_DATA_LEN in include/linux/ieee80211.h */
#define HWSIM_MAX_FRAME_LEN 2304
/* mac80211_hwsim_rx requires at least a 3-address header for injected frames */
#define HWSIM_MIN_RX_FRAME_LEN 24

#endif
