/* An orbit's reverb and delay (dsp/ph_orbit_fx.h): decay time, echoes, idling, splits. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_orbit_fx.h"
#include "test_dsp_split.h"
#include "test_dsp_util.h"

#define RATE 48000

/* Level in dB of x over 50 ms windows; the time (s) where it has fallen 30 dB below the
 * level at `from`, doubled: the decay time (RT60) from a T30. */
static double rt60(const float *x, uint32_t n, uint32_t from)
{
    const uint32_t w = RATE / 20;
    double ref = td_db(td_rms(x + from, w));
    for (uint32_t i = from; i + w <= n; i += w / 4)
        if (td_db(td_rms(x + i, w)) < ref - 30) return 2.0 * (i - from) / RATE;
    return 1e9;
}

Test(dsp_orbit_fx, reverb_decays_in_size_seconds)
{
    const uint32_t n = 8 * RATE;
    float *in = td_buf(n, 0), *z = td_buf(n, 0), *L = td_buf(n, 0), *R = td_buf(n, 0);
    ph_rng g;
    ph_rng_seed(&g, 3);
    for (uint32_t i = 0; i < 2400; i++) in[i] = 0.5f * ph_rng_bipolar(&g); /* 50 ms burst */
    double prev = 0;
    const float sizes[] = {1, 2, 4};
    for (int k = 0; k < 3; k++) {
        ph_orbit_fx *o = ph_orbit_fx_create(RATE);
        ph_orbit_fx_set(o, sizes[k], NAN, NAN);
        ph_orbit_fx_process(o, L, R, in, z, z, n, 0);
        double t = rt60(L, n, RATE / 10);
        cr_log_info("size %g: decay %.2f s", sizes[k], t);
        cr_assert(t > 0.8 * sizes[k] && t < 1.2 * sizes[k], "size %g decays in %g s", sizes[k], t);
        cr_assert(t > 1.5 * prev);
        prev = t;
        cr_assert(td_finite(L, n) && td_finite(R, n));
        cr_assert(td_rms(R + RATE / 10, RATE / 10) > 0.5 * td_rms(L + RATE / 10, RATE / 10), "stereo");
        ph_orbit_fx_destroy(o);
    }
    free(in), free(z), free(L), free(R);
}

Test(dsp_orbit_fx, delay_echoes_at_time_with_feedback)
{
    const uint32_t n = RATE;
    float *in = td_buf(n, 0), *z = td_buf(n, 0), *L = td_buf(n, 0), *R = td_buf(n, 0);
    in[0] = 1;
    ph_orbit_fx *o = ph_orbit_fx_create(RATE);
    ph_orbit_fx_set(o, NAN, 0.1f, 0.5f);
    ph_orbit_fx_process(o, L, R, z, in, z, n, 0);
    for (int k = 1; k <= 4; k++) {
        double want = pow(0.5, k - 1), got = 0;
        for (int i = 4800 * k - 3; i <= 4800 * k + 3; i++) got += L[i];
        cr_assert(fabs(got - want) < 0.01, "echo %d: %g, want %g", k, got, want);
    }
    cr_assert(td_peak(L, 4790) == 0 && td_peak(R, n) == 0, "wet only, each side its own");
    ph_orbit_fx_destroy(o);
    free(in), free(z), free(L), free(R);
}

Test(dsp_orbit_fx, idles_when_silent_and_wakes_on_input)
{
    const uint32_t n = 2 * RATE;
    float *in = td_buf(n, 0), *z = td_buf(n, 0), *L = td_buf(n, 0), *R = td_buf(n, 0);
    ph_orbit_fx *o = ph_orbit_fx_create(RATE);
    cr_assert(ph_orbit_fx_idle(o));
    ph_orbit_fx_set(o, 0.5f, 0.05f, 0.3f);
    in[100] = 1;
    ph_orbit_fx_process(o, L, R, in, in, z, n, 0);
    cr_assert(ph_orbit_fx_idle(o), "idle again once the tails have died away");
    cr_assert(td_rms(L, RATE / 2) > 0.001);
    uint32_t last = 0;
    for (uint32_t i = 0; i < n; i++)
        if (L[i] != 0) last = i;
    cr_assert(last < RATE + RATE / 2 && last % PH_ORBIT_IDLE_BLOCK != 0);
    in[100] = 0;
    in[5] = 1;
    ph_orbit_fx_process(o, L, R, in, z, z, 64, n);
    cr_assert(!ph_orbit_fx_idle(o));
    ph_orbit_fx_destroy(o);
    free(in), free(z), free(L), free(R);
}

/* block splits: bursts with silences long enough to idle, parameter changes between */
static ph_orbit_fx *so;
static float s_in[3][40000], s_R[40000];
static void o_init(void)
{
    so = ph_orbit_fx_create(RATE);
    ph_rng g;
    ph_rng_seed(&g, 11);
    for (uint32_t i = 0; i < 40000; i++) {
        bool on = (i % 13000) < 700;
        for (int c = 0; c < 3; c++) s_in[c][i] = on ? 0.4f * ph_rng_bipolar(&g) : 0.0f;
    }
}
static void o_done(void) { ph_orbit_fx_destroy(so); }
static void o_run(float *out, uint32_t off, uint32_t n)
{
    /* parameters change at fixed samples: the caller splits there, as the orbit node does */
    uint32_t i = off;
    while (i < off + n) {
        uint32_t next = (i / 5000 + 1) * 5000, end = next < off + n ? next : off + n;
        if (i % 5000 == 0) ph_orbit_fx_set(so, 0.3f + (float)(i / 5000 % 3), 0.01f + 0.004f * (i / 5000 % 4), 0.7f);
        ph_orbit_fx_process(so, out + i, s_R + i, s_in[0] + i, s_in[1] + i, s_in[2] + i, end - i, 77 + i);
        i = end;
    }
    for (uint32_t k = off; k < off + n; k++) out[k] += 3 * s_R[k];
}

Test(dsp_orbit_fx, block_split_invariant)
{
    td_kernel k = {"orbit fx", o_init, o_run, o_done};
    td_check_split(&k, 40000);
}
