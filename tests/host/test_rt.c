/* Real-time safety: no allocation and no lock in run(), whatever happens in the event
 * stream (compiles, program swaps, transport, MIDI, notifications, a full worker ring). */
#include <criterion/criterion.h>
#include <string.h>

#include "host.h"
#include "rt_guard.h"
#include "texts.h"

Test(rt, run_never_allocates_or_locks)
{
    if (!rt_guard_available()) cr_skip_test("allocator interposition is off under sanitizers");
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN16_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    const char *texts[] = {TEXT_RICH, TEXT_OTHER, TEXT_BAD,  TEXT_TONE,
                           TEXT_BEAT, TEXT_KICK,  TEXT_RICH_ONELINE};
    for (int i = 0; i < 42; i++) {
        const int64_t f = i * 4000;
        stream_text_str(&s, f + 1, texts[i % 7]);
        ph_lv2host_stream_position(&s, f + 2, 100 + i, 4, i / 4, (i % 4) * 1.0, i % 7 ? 1 : 0,
                                   i % 3);
        ph_lv2host_stream_midi(&s, f + 3, 0x90, (uint8_t)(40 + i), 100);
        ph_lv2host_stream_midi(&s, f + 500, 0x80, (uint8_t)(40 + i), 0);
        ph_lv2host_stream_midi(&s, f + 600, 0xB0, (uint8_t)(1 + i % 8), (uint8_t)(i * 3));
        ph_lv2host_stream_get(&s, f + 700, NULL);
    }
    static const uint32_t sizes[] = {1, 7, 64, 333, 512, 8192, 100};
    /* No warm-up: the only thread-local the render path touches (the rational overflow
     * flag) is initial-exec, so glibc never allocates TLS on the audio thread. */
    rt_guard_reset();
    ph_lv2host_render(h, &s, 170000, sizes, 7, NULL);
    cr_expect_eq(rt_guard_violations(), 0, "%ld calls in run(), first: %s",
                 rt_guard_violations(), rt_guard_first());

    /* The guard itself works: an allocation in the guarded section is counted. */
    rt_guard_reset();
    rt_guard_enter();
    void *volatile p = malloc(16);
    rt_guard_leave();
    free(p);
    cr_expect_eq(rt_guard_violations(), 1);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(rt, full_worker_ring_delays_but_does_not_lose_text)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_worker_refuse(h, true);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_OTHER);
    stream_text_str(&s, 10, TEXT_TONE); /* newest wins */
    rt_guard_reset();
    ph_lv2host_render(h, &s, 2048, NULL, 0, NULL);
    const char *t = ph_lv2host_notifications(h)->text;
    cr_expect(t && strstr(t, "Phonon"), "only the default text while refused: '%s'", t ? t : "");
    ph_lv2host_worker_refuse(h, false);
    ph_lv2host_render(h, NULL, 2048, NULL, 0, NULL);
    t = ph_lv2host_notifications(h)->text;
    cr_expect_str_eq(t ? t : "", TEXT_TONE);
    cr_expect_eq(rt_guard_violations(), 0, "first: %s", rt_guard_first());
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}
