/* ph_player: programs handed to a render thread through the mailbox. Checks that the
 * render side never allocates or locks (tests/host/rt_guard), that every program is freed
 * (ASan's leak check in the sanitizer build), that the newest program wins, and that the
 * text's tempo is taken at the swap while the cycle count runs on. */
#include <criterion/criterion.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "ph_player.h"
#include "rt_guard.h"

#define RATE 48000
#define BLOCK 128

static ph_settings settings(void) { return (ph_settings){.sample_rate = RATE, .max_block = BLOCK, .threads = 1}; }

static ph_program *compile(const char *text)
{
    ph_settings s = settings();
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert_not_null(p, "%s: %d:%d: %s", text, d.line, d.column, d.message);
    return p;
}

/* Renders n frames (in BLOCK pieces) of the left channel into out (may be NULL). */
static void render(ph_player *pl, float *out, uint32_t n)
{
    static float l[BLOCK], r[BLOCK];
    float *ch[2] = {l, r};
    for (uint32_t done = 0; done < n; done += BLOCK) {
        uint32_t k = n - done < BLOCK ? n - done : BLOCK;
        ph_player_render(pl, ch, 2, k);
        if (out) memcpy(out + done, l, k * sizeof(float));
    }
}

static double freq_of(const float *x, uint32_t n)
{
    double first = -1, last = -1;
    int crossings = 0;
    for (uint32_t i = 1; i < n; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            double t = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
            if (first < 0) first = t;
            last = t;
            crossings++;
        }
    return crossings >= 2 ? (crossings - 1) * RATE / (last - first) : 0;
}

typedef struct render_thread {
    ph_player *pl;
    atomic_bool stop;
    atomic_long blocks;
} render_thread;

static void *render_loop(void *arg)
{
    render_thread *t = arg;
    float l[BLOCK], r[BLOCK];
    float *ch[2] = {l, r};
    rt_guard_enter();
    while (!atomic_load(&t->stop)) {
        ph_player_render(t->pl, ch, 2, BLOCK);
        atomic_fetch_add(&t->blocks, 1);
    }
    rt_guard_leave();
    return NULL;
}

Test(player, swaps_under_a_render_thread_without_allocating_or_locking)
{
    ph_player *pl = ph_player_new(&(ph_settings){.sample_rate = RATE, .max_block = BLOCK, .threads = 1});
    cr_assert_not_null(pl);
    static const char *texts[] = {"out: sine 440 * 0.5", "cps: 1\nout: saw 110 # lpf 800 2",
                                  "out: s \"bd sn hh*2\"", "bpm: 90\nout: sine 660 * 0.5"};
    cr_assert(ph_player_offer(pl, compile(texts[0])));
    rt_guard_reset();
    render_thread t = {.pl = pl};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, render_loop, &t), 0);
    for (int i = 1; i <= 40; i++) {
        cr_assert(ph_player_offer(pl, compile(texts[i % 4])));
        ph_player_collect(pl);
        nanosleep(&(struct timespec){0, (i % 3) * 1000000L}, NULL); /* some offers land together */
    }
    long b = atomic_load(&t.blocks);
    while (atomic_load(&t.blocks) < b + 40) nanosleep(&(struct timespec){0, 1000000}, NULL);
    atomic_store(&t.stop, true);
    pthread_join(th, NULL);
    if (rt_guard_available())
        cr_expect_eq(rt_guard_violations(), 0, "%ld allocations or locks on the render thread, first: %s",
                     rt_guard_violations(), rt_guard_first());
    uint64_t swaps = ph_player_swaps(pl);
    cr_expect(swaps >= 2 && swaps <= 41, "%lu swaps", (unsigned long)swaps);
    /* The last text offered plays now (texts[0] = 440 Hz... the 40th is texts[0]). */
    float out[9600];
    render(pl, out, 9600);
    cr_expect(fabs(freq_of(out + 4800, 4800) - 440) < 2, "%.1f Hz", freq_of(out + 4800, 4800));
    ph_player_free(pl); /* what is left (mailbox, ring, engine) is freed: ASan checks */
}

Test(player, the_newest_program_wins)
{
    ph_player *pl = ph_player_new(&(ph_settings){.sample_rate = RATE, .max_block = BLOCK, .threads = 1});
    cr_assert(ph_player_offer(pl, compile("out: sine 440 * 0.5")));
    cr_assert(ph_player_offer(pl, compile("out: sine 550 * 0.5")));
    cr_assert(ph_player_offer(pl, compile("out: sine 660 * 0.5")));
    float out[4800];
    render(pl, out, 4800);
    cr_expect_eq(ph_player_swaps(pl), 1);
    cr_expect(fabs(freq_of(out, 4800) - 660) < 2, "%.1f Hz", freq_of(out, 4800));
    ph_player_free(pl);
}

Test(player, tempo_taken_at_the_swap_and_the_clock_runs_on)
{
    ph_player *pl = ph_player_new(&(ph_settings){.sample_rate = RATE, .max_block = BLOCK, .threads = 1});
    cr_assert(ph_player_offer(pl, compile("cps: 1\nout: sine 440")));
    render(pl, NULL, RATE);
    cr_expect(fabs(ph_player_cycle(pl) - 1.0) < 1e-3, "%f", ph_player_cycle(pl));
    cr_assert(ph_player_offer(pl, compile("out: sine 330"))); /* no tempo: it stays */
    render(pl, NULL, RATE);
    cr_expect(fabs(ph_player_cycle(pl) - 2.0) < 1e-3, "%f", ph_player_cycle(pl));
    cr_assert(ph_player_offer(pl, compile("cps: 0.5\nout: sine 330")));
    render(pl, NULL, RATE);
    cr_expect(fabs(ph_player_cycle(pl) - 2.5) < 1e-3, "%f", ph_player_cycle(pl));
    ph_player_collect(pl);
    ph_player_free(pl);
}
