// SPDX-License-Identifier: MIT
/* mobility.c: piecewise-linear motion at constant speed. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "mobility.h"

double sim_distance(struct sim_point a, struct sim_point b)
{
	return hypot(a.x - b.x, a.y - b.y);
}

void sim_motion_init(struct sim_motion *m, double x, double y)
{
	memset(m, 0, sizeof(*m));
	m->start.x = x;
	m->start.y = y;
}

static double path_len(const struct sim_motion *m)
{
	struct sim_point p = m->start;
	double len = 0;

	for (size_t i = 0; i < m->n; i++) {
		len += sim_distance(p, m->wp[i]);
		p = m->wp[i];
	}
	return len;
}

struct sim_point sim_motion_pos(const struct sim_motion *m, uint64_t now_us)
{
	struct sim_point p = m->start;
	double left;

	if (m->speed <= 0 || m->n == 0 || now_us <= m->t0_us)
		return m->start;
	left = m->speed * (double)(now_us - m->t0_us) / 1e6;
	for (size_t i = 0; i < m->n; i++) {
		double seg = sim_distance(p, m->wp[i]);

		if (left < seg && seg > 0) {
			double f = left / seg;
			struct sim_point q = {
				p.x + (m->wp[i].x - p.x) * f,
				p.y + (m->wp[i].y - p.y) * f,
			};
			return q;
		}
		left -= seg;
		p = m->wp[i];
	}
	return p;
}

void sim_motion_move(struct sim_motion *m, uint64_t now_us, double x, double y)
{
	sim_motion_init(m, x, y);
	m->t0_us = now_us;
}

int sim_motion_walk(struct sim_motion *m, uint64_t now_us,
		    const struct sim_point *pts, size_t n, double speed)
{
	struct sim_point cur;

	if (speed <= 0 || n == 0 || n > SIM_PATH_MAX)
		return -EINVAL;
	cur = sim_motion_pos(m, now_us);
	m->start = cur;
	m->t0_us = now_us;
	m->speed = speed;
	m->n = n;
	memcpy(m->wp, pts, n * sizeof(*pts));
	return 0;
}

uint64_t sim_motion_end_us(const struct sim_motion *m)
{
	if (m->speed <= 0 || m->n == 0)
		return m->t0_us;
	return m->t0_us + (uint64_t)llround(path_len(m) / m->speed * 1e6);
}

bool sim_motion_moving(const struct sim_motion *m, uint64_t now_us)
{
	return m->speed > 0 && m->n > 0 && now_us < sim_motion_end_us(m);
}
