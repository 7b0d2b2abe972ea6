/* The effect plugin's own kernel, the retrigger (slices, repeats, fades, the return to the
 * live input), also checked for identical output under any block split. Its envelope
 * follower is the rack's (dsp/ph_ctl.h), tested with the rack's kernels. */
#include <criterion/criterion.h>
#include <math.h>

#include "dsp/ph_retrig.h"
#include "test_dsp_split.h"

#define RATE 48000.0

/* ---- retrig ---- */

enum { L = 40000 };
static float sig[L], cnt[L], gate[L], trig[L];

static void make(void)
{
    uint32_t r = 7;
    for (int i = 0; i < L; i++) {
        r = r * 1664525u + 1013904223u;
        sig[i] = (float)((double)(r >> 8) / 16777216.0 - 0.5);
        /* events: [1000, 21000) n = 8 (slices of 1200 at 9600 samples a cycle), then
         * [25000, 37000) n = 0 (live), then a retrigger at 30000 with n = 4 */
        const bool e1 = i >= 1000 && i < 21000, e3 = i >= 30000 && i < 37000;
        cnt[i] = e1 ? 8.0f : e3 ? 4.0f : 0.0f;
        gate[i] = e1 || (i >= 25000 && i < 37000) ? 1.0f : 0.0f;
        trig[i] = i == 1000 || i == 25000 || i == 30000 ? 1.0f : 0.0f;
    }
}

static ph_retrig rt;
static void rt_init(void) { cr_assert_eq(ph_retrig_create(&rt, RATE, 1), 0); }
static void rt_done(void) { ph_retrig_destroy(&rt); }
static void rt_run(float *o, uint32_t off, uint32_t n)
{
    float *out[1] = {o + off};
    const float *in[1] = {sig + off};
    ph_retrig_process(&rt, out, in, cnt + off, gate + off, trig + off, 9600.0, n);
}

Test(dsp_retrig, repeats_slices_and_returns_to_the_input)
{
    make();
    static float out[L];
    td_render_split(&(td_kernel){"retrig", rt_init, rt_run, rt_done}, out, L, (const uint32_t[]){L}, 1);
    const int len = 1200, fade = 96;
    for (int i = 0; i < 1000; i++) cr_assert_eq(out[i], sig[i], "live before the event");
    for (int i = 1000; i < 1000 + len; i++) cr_assert_eq(out[i], sig[i], "the first pass is live (%d)", i);
    for (int k = 1; k < 16; k++)
        for (int i = fade; i < len; i++)
            cr_assert_eq(out[1000 + k * len + i], sig[1000 + i], "repeat %d at %d", k, i);
    /* inside the fade-in, a crossfade between the slice's start and what followed it */
    for (int i = 0; i < fade; i++) {
        const float lo = fminf(sig[1000 + i], sig[1000 + len + i]), hi = fmaxf(sig[1000 + i], sig[1000 + len + i]);
        cr_assert(out[1000 + len + i] >= lo - 1e-6f && out[1000 + len + i] <= hi + 1e-6f);
    }
    /* after the event: back to the live input (fully, a few fades later) */
    for (int i = 21000 + 20 * fade; i < 30000; i++) cr_assert_eq(out[i], sig[i], "live again at %d", i);
    /* a second event with n = 4 (2400 samples) from 30000 */
    for (int i = 2400 + fade; i < 4800; i++) cr_assert_eq(out[30000 + i], sig[30000 + i - 2400]);
    /* no clicks: the signal itself steps by up to 1; nothing larger appears */
    for (int i = 1; i < L; i++) cr_assert_lt(fabsf(out[i] - out[i - 1]), 1.0f + 1e-6f);
}

Test(dsp_retrig, block_split_invariant_and_finite)
{
    make();
    td_check_split(&(td_kernel){"retrig", rt_init, rt_run, rt_done}, L);
}

