// SPDX-License-Identifier: MIT
/* report.c: junit.xml and timeline.svg of a run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

void sim_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void xml_str(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n')
				fputc(*s, f);
		}
	}
}

void sim_mark_add(struct sim_rnode *n, uint64_t t_us, const char *kind, const char *label)
{
	if (n->n_marks == n->cap_marks) {
		size_t cap = n->cap_marks ? n->cap_marks * 2 : 64;
		struct sim_mark *v = realloc(n->marks, cap * sizeof(*v));

		if (!v)
			return;
		n->marks = v;
		n->cap_marks = cap;
	}
	struct sim_mark *mk = &n->marks[n->n_marks++];

	mk->t_ms = (uint32_t)(t_us / 1000);
	snprintf(mk->kind, sizeof(mk->kind), "%s", kind);
	snprintf(mk->label, sizeof(mk->label), "%s", label);
}

int sim_report_junit(const struct sim_run *r, const char *path)
{
	FILE *f = fopen(path, "w");
	unsigned int fails = 0;

	if (!f)
		return -errno;
	for (size_t i = 0; i < r->n_verdicts; i++)
		fails += !r->verdicts[i].ok;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	fprintf(f, "  <testsuite name=\"");
	xml_str(f, r->t->file);
	fprintf(f, "\" tests=\"%zu\" failures=\"%u\" time=\"%.3f\">\n", r->n_verdicts, fails,
		r->prev_end > r->t0 ? (r->prev_end - r->t0) / 1e6 : 0.0);
	for (size_t i = 0; i < r->n_verdicts; i++) {
		const struct sim_verdict *v = &r->verdicts[i];

		fprintf(f, "    <testcase classname=\"");
		xml_str(f, r->t->file);
		fprintf(f, "\" name=\"line %d: ", v->line);
		xml_str(f, v->what);
		fprintf(f, "\">");
		if (!v->ok) {
			fprintf(f, "<failure message=\"");
			xml_str(f, v->detail);
			fprintf(f, "\"/>");
		}
		fprintf(f, "<system-out>");
		xml_str(f, v->detail);
		fprintf(f, "</system-out></testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	return fclose(f) ? -errno : 0;
}

static const char *const colors[] = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
				      "#9467bd", "#8c564b", "#e377c2", "#7f7f7f" };

int sim_report_svg(const struct sim_run *r, const char *path)
{
	const struct sim_topo *t = r->t;
	size_t n_sta = 0, n_ap = 0, k;
	uint32_t tmax = 1000;
	const int W = 1000, H = 220, L = 60, R = 160, TOP = 30;
	FILE *f;

	for (size_t i = 0; i < t->n_nodes; i++) {
		if (t->nodes[i].role == SIM_ROLE_STA)
			n_sta++;
		else
			n_ap++;
	}
	/* many STAs: draw at most 12 panels */
	if (n_sta > 12)
		n_sta = 12;
	for (size_t i = 0; i < t->n_nodes; i++) {
		const struct sim_rnode *n = &r->nodes[i];

		if (n->n_samples && n->samples[n->n_samples - 1].t_ms > tmax)
			tmax = n->samples[n->n_samples - 1].t_ms;
	}
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
		"font-family=\"sans-serif\" font-size=\"11\">\n", W, n_sta * H + TOP);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%d\" y=\"18\" font-size=\"14\">", L);
	xml_str(f, t->file);
	fprintf(f, " (seed %llu): signal at each STA from each AP; marks: roam (green), "
		"connect (blue), disconnect/failure (red), EAPOL (grey ticks)</text>\n",
		(unsigned long long)r->seed);
	k = 0;
	for (size_t i = 0; i < t->n_nodes && k < n_sta; i++) {
		const struct sim_rnode *n = &r->nodes[i];
		int y0 = TOP + (int)k * H, pw = W - L - R, ph = H - 50;
		size_t ap = 0;

		if (t->nodes[i].role != SIM_ROLE_STA)
			continue;
		k++;
		fprintf(f, "<g><text x=\"4\" y=\"%d\" font-weight=\"bold\">%s</text>\n", y0 + 14,
			t->nodes[i].name);
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
			L, y0 + 10, pw, ph);
		for (int db = -100; db <= -20; db += 20) {
			int y = y0 + 10 + (int)((-20 - db) * ph / 80.0);

			fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>"
				"<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>\n",
				L - 4, y + 4, db, L, L + pw, y, y);
		}
		for (uint32_t s = 0; s <= tmax / 1000; s += (tmax / 1000 > 20 ? 10 : 1)) {
			int x = L + (int)((double)s * 1000 * pw / tmax);

			fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%us</text>\n", x,
				y0 + 10 + ph + 14, s);
		}
		for (size_t a = 0; a < t->n_nodes; a++) {
			if (t->nodes[a].role != SIM_ROLE_AP)
				continue;
			const char *col = colors[ap % (sizeof(colors) / sizeof(colors[0]))];
			bool open = false;

			for (size_t s = 0; s < n->n_samples; s++) {
				const struct sim_sample *sm = &n->samples[s];

				if (s % n_ap != ap)
					continue;
				if (sm->dbm == -128) {
					if (open)
						fprintf(f, "\"/>\n");
					open = false;
					continue;
				}
				int x = L + (int)((double)sm->t_ms * pw / tmax);
				double v = sm->dbm < -100 ? -100 : sm->dbm > -20 ? -20 : sm->dbm;
				int y = y0 + 10 + (int)((-20 - v) * ph / 80.0);

				if (!open)
					fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
						col);
				open = true;
				fprintf(f, "%d,%d ", x, y);
			}
			if (open)
				fprintf(f, "\"/>\n");
			fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", L + pw + 8,
				y0 + 24 + (int)ap * 14, col, t->nodes[a].name);
			ap++;
		}
		for (size_t mi = 0; mi < n->n_marks; mi++) {
			const struct sim_mark *mk = &n->marks[mi];
			int x = L + (int)((double)mk->t_ms * pw / tmax);
			const char *col = "#888";
			int y1 = y0 + 10, y2 = y0 + 10 + ph;

			if (!strcmp(mk->kind, "roam"))
				col = "#2ca02c";
			else if (!strcmp(mk->kind, "conn"))
				col = "#1f77b4";
			else if (!strcmp(mk->kind, "disc") || !strcmp(mk->kind, "fail"))
				col = "#d62728";
			else if (!strcmp(mk->kind, "eapol"))
				y1 = y2 - 8;
			fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\"%s><title>",
				x, x, y1, y2, col,
				!strcmp(mk->kind, "eapol") ? "" : " stroke-dasharray=\"4,2\"");
			xml_str(f, mk->label);
			fprintf(f, " at %.3fs</title></line>\n", mk->t_ms / 1000.0);
			if (strcmp(mk->kind, "eapol")) {
				fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"9\">", x + 2,
					y0 + 20 + (int)(mi % 4) * 10, col);
				xml_str(f, mk->label);
				fprintf(f, "</text>\n");
			}
		}
		fprintf(f, "</g>\n");
	}
	fprintf(f, "</svg>\n");
	return fclose(f) ? -errno : 0;
}
