/* SPDX-License-Identifier: MIT */
#ifndef ROAMLAB_TEST_SAE_HARNESS_H
#define ROAMLAB_TEST_SAE_HARNESS_H
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "sae.h"
#include "util.h"
#endif
