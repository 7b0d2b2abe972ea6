/* ph_player's hand-over under ThreadSanitizer (tests/live/run-tsan): a render thread
 * renders while the main thread offers programs and frees what comes back, as
 * `phonon live` does. Any data race fails the run (halt_on_error); so does a swap that
 * never happens. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ph_player.h"

#define BLOCK 128

static atomic_bool stop;
static atomic_long blocks;

static void *render_loop(void *arg)
{
    float l[BLOCK], r[BLOCK];
    float *ch[2] = {l, r};
    while (!atomic_load(&stop)) {
        ph_player_render(arg, ch, 2, BLOCK);
        atomic_fetch_add(&blocks, 1);
    }
    return NULL;
}

int main(void)
{
    ph_settings s = {.sample_rate = 48000, .max_block = BLOCK, .threads = 1};
    static const char *texts[] = {"out: sine 440 * 0.5", "cps: 1\nout: saw 110 # lpf 800 2",
                                  "out: s \"bd sn hh*2\"", "bpm: 90\nout: sine 660 * 0.5"};
    ph_player *pl = ph_player_new(&s);
    if (!pl) return 1;
    pthread_t th;
    if (pthread_create(&th, NULL, render_loop, pl)) return 1;
    for (int i = 0; i < 200; i++) {
        ph_diag d;
        ph_program *p = ph_program_compile(texts[i % 4], strlen(texts[i % 4]), &s, &d);
        if (!p || !ph_player_offer(pl, p)) return 1;
        ph_player_collect(pl);
        (void)ph_player_cycle(pl);
        nanosleep(&(struct timespec){0, (i % 3) * 500000L}, NULL);
    }
    long b = atomic_load(&blocks);
    while (atomic_load(&blocks) < b + 20) nanosleep(&(struct timespec){0, 1000000}, NULL);
    atomic_store(&stop, true);
    pthread_join(th, NULL);
    unsigned long swaps = (unsigned long)ph_player_swaps(pl);
    ph_player_free(pl);
    printf("tsan_player: %lu swaps under a render thread\n", swaps);
    return swaps >= 2 ? 0 : 1;
}
