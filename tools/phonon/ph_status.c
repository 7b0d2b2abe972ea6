#include "ph_status.h"

#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void ph_status_init(ph_status *s, FILE *f)
{
    *s = (ph_status){.f = f, .tty = isatty(fileno(f)) == 1, .last_print = now_s(), .last_measure = now_s()};
}

void ph_status_tick(ph_status *s, const ph_audio_out *a, double cycle, const char *note)
{
    double now = now_s();
    ph_audio_stats st;
    ph_audio_out_stats(a, &st);
    /* The load over about a second: steadier than one tick's worth of blocks. */
    if (now - s->last_measure >= 1.0 && st.frames > s->frames) {
        double audio_ns = (double)(st.frames - s->frames) / ph_audio_out_rate(a) * 1e9;
        s->load = (double)(st.busy_ns - s->busy_ns) / audio_ns;
        s->frames = st.frames;
        s->busy_ns = st.busy_ns;
        s->last_measure = now;
    }
    if (!s->tty && now - s->last_print < 1.0) return;
    s->last_print = now;
    fprintf(s->f, "%scycle %.2f  cpu %.1f%%  xruns %u%s%s%s", s->tty ? "\r" : "", cycle, s->load * 100.0,
            st.xruns, note ? "  " : "", note ? note : "", s->tty ? "\033[K" : "\n");
    s->drawn = s->tty;
    fflush(s->f);
}

void ph_status_clear(ph_status *s)
{
    if (!s->drawn) return;
    fprintf(s->f, "\r\033[K");
    fflush(s->f);
    s->drawn = false;
}
