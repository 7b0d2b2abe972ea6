/* Events and their source locations, through the public API only.
 *
 * TEMPORARY PATH (until include/phonon/phonon.h has ph_program_events): the engine does
 * not yet report source spans, so this file approximates the simplest case on its own.
 * Every string literal of the text is queried alone with ph_query_pattern (so a
 * transform applied outside the string, `$ fast 2`, is not seen), and an event is
 * attributed to the atoms of its literal whose text equals the event's value (so two
 * equal words of one literal light up together). When the engine API lands, replace
 * the body of this file with:
 *
 *     p = ph_program_compile(text, len, &settings, &diag);      (in ph_ui_source_new)
 *     ph_program_events(p, from, to, trampoline, &ctx);          (in ph_ui_source_events)
 *
 * where the trampoline copies ev->e (ph_event_info), ev->locs / ev->n_locs and
 * ev->channel into a ph_ui_event, and set ph_ui_source_approximate() to false. The
 * interface in ph_ui_source.h stays as it is. */
#include "ph_ui_source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <phonon/phonon.h>

#include "ph_ed_syntax.h"

typedef struct literal {
    size_t begin, end;          /* the quotes included */
    size_t first_atom, n_atoms; /* into atoms[] */
} literal;

struct ph_ui_source {
    char *text;
    size_t len;
    literal *lits;
    size_t n_lits;
    ph_ui_loc *atoms;
    size_t n_atoms;
};

bool ph_ui_source_approximate(void) { return true; }

ph_ui_source *ph_ui_source_new(const char *text, size_t len)
{
    ph_ui_source *s = calloc(1, sizeof *s);
    ph_ed_tokens t = {0};
    if (!s || !(s->text = malloc(len + 1)) || !ph_ed_syntax_scan(text, len, &t)) goto fail;
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
    s->lits = calloc(t.n + 1, sizeof *s->lits);
    s->atoms = calloc(t.n + 1, sizeof *s->atoms);
    if (!s->lits || !s->atoms) goto fail;
    /* A literal is a run of STRING/ATOM tokens that starts with a quote. */
    for (size_t i = 0; i < t.n; i++) {
        const ph_ed_token *k = &t.v[i];
        if (k->cls == PH_SYN_STRING && text[k->begin] == '"') {
            literal *l = &s->lits[s->n_lits++];
            *l = (literal){k->begin, k->end, s->n_atoms, 0};
            size_t j = i + 1;
            /* The literal ends at the token that holds its closing quote. */
            if (!(k->end - k->begin >= 2 && text[k->end - 1] == '"')) {
                for (; j < t.n && (t.v[j].cls == PH_SYN_STRING || t.v[j].cls == PH_SYN_ATOM) &&
                       t.v[j].begin == t.v[j - 1].end;
                     j++) {
                    if (t.v[j].cls == PH_SYN_ATOM) {
                        s->atoms[s->n_atoms++] = (ph_ui_loc){(uint32_t)t.v[j].begin, (uint32_t)t.v[j].end};
                        l->n_atoms++;
                    }
                    l->end = t.v[j].end;
                    if (t.v[j].cls == PH_SYN_STRING && text[t.v[j].end - 1] == '"') {
                        j++;
                        break;
                    }
                }
            }
            i = j - 1;
        }
    }
    ph_ed_tokens_free(&t);
    return s;
fail:
    ph_ed_tokens_free(&t);
    ph_ui_source_free(s);
    return NULL;
}

void ph_ui_source_free(ph_ui_source *s)
{
    if (!s) return;
    free(s->text);
    free(s->lits);
    free(s->atoms);
    free(s);
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        const int64_t t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

/* A cycle position as an exact time, to 1/1024 of a cycle. */
static ph_time to_time(double c)
{
    const int64_t den = 1024;
    const int64_t num = (int64_t)floor(c * (double)den);
    const int64_t g = gcd64(num, den);
    return (ph_time){num / (g ? g : 1), den / (g ? g : 1)};
}

static double to_double(ph_time t) { return (double)t.num / (double)t.den; }

/* Does the atom's text name this value? "bd" matches "bd", "bd:3" matches "bd:3",
 * "55" matches "55.0" numerically. */
static bool atom_matches(const char *text, ph_ui_loc a, const char *value)
{
    const size_t n = a.end - a.begin;
    if (strlen(value) == n && !memcmp(text + a.begin, value, n)) return true;
    char buf[64];
    if (n >= sizeof buf) return false;
    memcpy(buf, text + a.begin, n);
    buf[n] = '\0';
    char *end1, *end2;
    const double x = strtod(buf, &end1), y = strtod(value, &end2);
    return end1 != buf && !*end1 && end2 != value && !*end2 && x == y;
}

bool ph_ui_source_events(ph_ui_source *s, double from, double to, ph_ui_event_fn fn, void *user)
{
    if (!s || !(to > from)) return false;
    const ph_time t0 = to_time(from), t1 = to_time(to);
    ph_ui_loc locs[64];
    for (size_t i = 0; i < s->n_lits; i++) {
        const literal *l = &s->lits[i];
        ph_diag err;
        ph_query_result *r = ph_query_pattern(s->text + l->begin, l->end - l->begin, t0, t1, &err);
        if (!r) continue;
        const uint32_t n = ph_query_count(r);
        for (uint32_t k = 0; k < n; k++) {
            const ph_event_info *e = ph_query_event(r, k);
            uint32_t nl = 0;
            for (size_t a = 0; a < l->n_atoms && nl < 64; a++)
                if (atom_matches(s->text, s->atoms[l->first_atom + a], e->value))
                    locs[nl++] = s->atoms[l->first_atom + a];
            const ph_ui_event ev = {
                .has_whole = e->has_whole,
                .begin = to_double(e->has_whole ? e->whole_begin : e->part_begin),
                .end = to_double(e->has_whole ? e->whole_end : e->part_end),
                .value = e->value, .locs = locs, .n_locs = nl, .channel = 0};
            fn(user, &ev);
        }
        ph_query_free(r);
    }
    return true;
}
