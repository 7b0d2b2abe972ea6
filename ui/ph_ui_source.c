/* Events and their source locations, through the public API only: the text is compiled
 * once with ph_program_compile (the same engine and text as the plugin, so the same
 * events) and ph_program_events reports, for each event of the patterns the program
 * plays, the byte spans of the atoms and arguments that made it -- transforms written
 * outside the strings (`$ fast 2`, `every 3 (rev)`) included, each atom on its own. */
#include "ph_ui_source.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <phonon/phonon.h>

struct ph_ui_source {
    ph_program *program; /* NULL when the text does not compile: no events */
};

ph_ui_source *ph_ui_source_new(const char *text, size_t len)
{
    ph_ui_source *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    /* Rate and block only size the program's buffers; its patterns do not depend on them. */
    const ph_settings settings = {.sample_rate = 48000, .max_block = 256, .threads = 1,
                                  .sample_dir = getenv("PHONON_SAMPLES")};
    ph_diag err;
    s->program = ph_program_compile(text, len, &settings, &err);
    if (!s->program) { /* Phonon MIDI's programs (velocity, ccs ...) compile as it does */
        ph_settings midi = settings;
        midi.midi_out = true;
        s->program = ph_program_compile(text, len, &midi, &err);
    }
    return s;
}

void ph_ui_source_free(ph_ui_source *s)
{
    if (!s) return;
    ph_program_free(s->program);
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

/* A cycle position as an exact time, to 1/1024 of a cycle (the view's resolution). */
static ph_time to_time(double c)
{
    const int64_t den = 1024;
    const int64_t num = (int64_t)floor(c * (double)den);
    const int64_t g = gcd64(num, den);
    return (ph_time){num / (g ? g : 1), den / (g ? g : 1)};
}

static double to_double(ph_time t) { return (double)t.num / (double)t.den; }

typedef struct trampoline {
    ph_ui_event_fn fn;
    void *user;
} trampoline;

/* ph_src_span and ph_ui_loc are both {uint32_t begin, end}; copied rather than cast so the
 * UI's type stays its own. */
static void on_event(void *user, const ph_program_event *pe)
{
    const trampoline *t = user;
    ph_ui_loc locs[64];
    const uint32_t n = pe->n_locs < 64 ? pe->n_locs : 64;
    for (uint32_t i = 0; i < n; i++) locs[i] = (ph_ui_loc){pe->locs[i].begin, pe->locs[i].end};
    const ph_event_info *e = &pe->e;
    const ph_ui_event ev = {
        .has_whole = e->has_whole,
        .begin = to_double(e->has_whole ? e->whole_begin : e->part_begin),
        .end = to_double(e->has_whole ? e->whole_end : e->part_end),
        .value = e->value, .locs = locs, .n_locs = n, .channel = pe->channel};
    t->fn(t->user, &ev);
}

bool ph_ui_source_events(ph_ui_source *s, double from, double to, ph_ui_event_fn fn, void *user)
{
    if (!s || !(to > from)) return false;
    if (!s->program) return true; /* a text with errors has no events */
    trampoline t = {fn, user};
    return ph_program_events(s->program, to_time(from), to_time(to), on_event, &t);
}
