/* SPDX-License-Identifier: MIT */
/* mobility.h: where a node is at a given time. A node stands still or
 * walks along a polyline at constant speed; its position is a pure function
 * of the clock, so the medium asks for it per frame (continuous, not just
 * every 100 ms) and tests use a fake clock. */
#ifndef ROAMLAB_SIM_MOBILITY_H
#define ROAMLAB_SIM_MOBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_PATH_MAX 16

struct sim_point {
	double x, y;
};

struct sim_motion {
	struct sim_point start;	/* position at t0 */
	uint64_t t0_us;
	double speed;		/* m/s; 0 = standing */
	size_t n;		/* waypoints after start */
	struct sim_point wp[SIM_PATH_MAX];
};

void sim_motion_init(struct sim_motion *m, double x, double y);
struct sim_point sim_motion_pos(const struct sim_motion *m, uint64_t now_us);
/* Teleport: stop and stand at (x, y). */
void sim_motion_move(struct sim_motion *m, uint64_t now_us, double x, double y);
/* Walk from the current position through n points at speed m/s. Returns 0,
 * or -EINVAL if speed <= 0 or n is 0 or above SIM_PATH_MAX. */
int sim_motion_walk(struct sim_motion *m, uint64_t now_us,
		    const struct sim_point *pts, size_t n, double speed);
bool sim_motion_moving(const struct sim_motion *m, uint64_t now_us);
/* Time at which the current walk ends (t0 if standing). */
uint64_t sim_motion_end_us(const struct sim_motion *m);
double sim_distance(struct sim_point a, struct sim_point b);

#endif
