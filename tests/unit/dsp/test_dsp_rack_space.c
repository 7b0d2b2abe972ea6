/* Echoes, the plate, convolution and the vocoder, measured: where the echoes land and how
 * loud, the plate's decay time against its RT60 parameter, convolution against a direct
 * sum (a unit impulse response is the identity), and the vocoder's spectral envelope. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_convolve.h"
#include "dsp/ph_echo.h"
#include "dsp/ph_plate.h"
#include "dsp/ph_vocoder.h"
#include "test_dsp_util.h"

#define N 192000

static float in[N], out[N], out2[N], key[N], prm[8][N];

static int argmax(const float *x, int from, int to)
{
    int best = from;
    for (int i = from; i < to; i++) best = fabsf(x[i]) > fabsf(x[best]) ? i : best;
    return best;
}

Test(dsp_space, pingpong_alternates_sides)
{
    ph_pingpong p;
    cr_assert(ph_pingpong_create(&p, TD_RATE) == 0);
    ph_dsp_zero(in, 48000);
    in[0] = 1.0f;
    const float v[5] = {0.125f, 0.5f, 1.0f, 0.0f, 1.0f}; /* time feedback width channel(left) mix(wet only) */
    for (int k = 0; k < 5; k++) ph_dsp_fill(prm[k], v[k], 48000);
    ph_pingpong_process(&p, out, out2, in, NULL, prm[0], prm[1], prm[2], prm[3], prm[4], 48000, 0);
    /* echo 1 at 6000 on the left (the input's side), echo 2 at 12000 on the right at 0.5, echo 3 left at 0.25 */
    cr_expect(fabsf(out[6000] - 1.0f) < 1e-6f && fabsf(out2[6000]) < 1e-6f, "%g %g", out[6000], out2[6000]);
    cr_expect(fabsf(out2[12000] - 0.5f) < 1e-6f && fabsf(out[12000]) < 1e-6f, "%g %g", out[12000], out2[12000]);
    cr_expect(fabsf(out[18000] - 0.25f) < 1e-6f && fabsf(out2[18000]) < 1e-6f);
    cr_expect(fabsf(out[100]) < 1e-9f && fabsf(out2[100]) < 1e-9f, "mix 1: no dry sound");
    /* width 0: every echo in the middle */
    ph_pingpong_destroy(&p);
    cr_assert(ph_pingpong_create(&p, TD_RATE) == 0);
    ph_dsp_fill(prm[2], 0.0f, 48000);
    ph_pingpong_process(&p, out, out2, in, NULL, prm[0], prm[1], prm[2], prm[3], prm[4], 48000, 0);
    cr_expect(fabsf(out[12000] - 0.25f) < 1e-6f && fabsf(out2[12000] - 0.25f) < 1e-6f);
    ph_pingpong_destroy(&p);
}

Test(dsp_space, tapedelay_echoes_at_its_time_and_stays_bounded)
{
    ph_tapedelay t;
    cr_assert(ph_tapedelay_create(&t, TD_RATE) == 0);
    ph_dsp_zero(in, 96000);
    in[0] = 1.0f;
    const float v[8] = {0.2f, 0.5f, 0.5f, 0.0f, 6.0f, 0.0f, 0.0f, 1.0f}; /* no wow, flutter or saturation */
    const float *p[8];
    for (int k = 0; k < 8; k++) ph_dsp_fill(prm[k], v[k], 96000), p[k] = prm[k];
    ph_tapedelay_process(&t, out, in, p, 96000, 0);
    int e1 = argmax(out, 100, 14000), e2 = argmax(out, 14000, 24000);
    cr_expect(abs(e1 - 9600) <= 8, "first echo at %d", e1); /* the tape head's low-pass smears it a little */
    cr_expect(abs(e2 - 19200) <= 16, "second echo at %d", e2);
    double s1 = 0, s2 = 0;
    for (int i = 9000; i < 12000; i++) s1 += out[i];
    for (int i = 18600; i < 21600; i++) s2 += out[i];
    cr_expect(fabs(s1 - 1.0) < 0.02 && fabs(s2 / s1 - 0.5) < 0.02, "echo areas %g %g (feedback 0.5)", s1, s2);
    /* full saturation and feedback on a loud input: the shaper keeps the loop bounded */
    ph_tapedelay_destroy(&t);
    cr_assert(ph_tapedelay_create(&t, TD_RATE) == 0);
    td_sine(in, 96000, 220, TD_RATE, 4.0);
    const float w[8] = {0.05f, 0.95f, 2.0f, 1.0f, 10.0f, 1.0f, 1.0f, 1.0f};
    for (int k = 0; k < 8; k++) ph_dsp_fill(prm[k], w[k], 96000);
    ph_tapedelay_process(&t, out, in, p, 96000, 0);
    cr_expect(td_finite(out, 96000) && td_peak(out, 96000) < 1.5, "peak %g", td_peak(out, 96000));
    ph_tapedelay_destroy(&t);
}

Test(dsp_space, multitap_taps_at_multiples_of_the_time)
{
    ph_multitap m;
    cr_assert(ph_multitap_create(&m, TD_RATE, 4) == 0);
    ph_dsp_zero(in, 48000);
    in[0] = 1.0f;
    ph_dsp_fill(prm[0], 0.01f, 48000);
    ph_dsp_fill(prm[1], 0.0f, 48000);
    ph_dsp_fill(prm[2], 1.0f, 48000);
    ph_multitap_process(&m, out, in, prm[0], prm[1], prm[2], 48000, 0);
    for (int k = 1; k <= 4; k++)
        cr_expect(fabsf(out[480 * k] - 1.0f / (float)k / 4.0f) < 1e-6f, "tap %d: %g", k, out[480 * k]);
    cr_expect(fabsf(out[480 * 5]) < 1e-9f && fabsf(out[100]) < 1e-9f);
    ph_multitap_destroy(&m);
}

/* RT60 from the energy decay curve (Schroeder's backward integral) between -5 and -35 dB. */
static double rt60(const float *l, const float *r, int n)
{
    static double edc[N];
    double acc = 0;
    for (int i = n - 1; i >= 0; i--) edc[i] = acc += (double)l[i] * l[i] + (double)r[i] * r[i];
    int a = -1, b = -1;
    for (int i = 0; i < n; i++) {
        double db = 10 * log10(edc[i] / edc[0] + 1e-30);
        if (a < 0 && db <= -5) a = i;
        if (b < 0 && db <= -35) b = i;
    }
    return a < 0 || b < 0 ? -1 : 2.0 * (b - a) / TD_RATE;
}

Test(dsp_space, plate_decays_in_its_rt60, .timeout = 30)
{
    const float decays[] = {1.0f, 2.5f};
    for (int k = 0; k < 2; k++) {
        ph_plate p;
        cr_assert(ph_plate_create(&p, TD_RATE) == 0);
        ph_dsp_zero(in, N);
        in[0] = 1.0f;
        const float v[6] = {0, decays[k], 0.7f, 0.0f, 0.3f, 1.0f}; /* no damping, all wet */
        const float *pp[6];
        for (int j = 0; j < 6; j++) ph_dsp_fill(prm[j], v[j], N), pp[j] = prm[j];
        ph_plate_process(&p, out, out2, in, pp, N, 0);
        double t = rt60(out, out2, N);
        cr_log_info("plate decay %g s: measured RT60 %.2f s", decays[k], t);
        cr_expect(fabs(t - decays[k]) < 0.2 * decays[k], "decay %g: RT60 %g", decays[k], t);
        /* a stereo image: the sides differ */
        double corr = 0, el = 0, er = 0;
        for (int i = 0; i < 48000; i++) corr += out[i] * out2[i], el += out[i] * out[i], er += out2[i] * out2[i];
        cr_expect(fabs(corr / sqrt(el * er)) < 0.5, "left/right correlation %g", corr / sqrt(el * er));
        /* damping shortens it */
        ph_plate_destroy(&p);
        if (k == 1) {
            cr_assert(ph_plate_create(&p, TD_RATE) == 0);
            ph_dsp_fill(prm[3], 0.9f, N);
            ph_plate_process(&p, out, out2, in, pp, N, 0);
            double td = rt60(out, out2, N);
            cr_expect(td < t, "damping 0.9: %g s, not under %g", td, t);
            ph_plate_destroy(&p);
        }
    }
}

Test(dsp_space, fft_round_trip_and_a_known_transform)
{
    float re[256], im[256], tw[256];
    ph_fft_twiddles(tw, 256);
    for (int i = 0; i < 256; i++) re[i] = cosf(2 * (float)M_PI * 5 * i / 256), im[i] = 0;
    ph_fft(re, im, 256, tw, 0);
    cr_expect(fabsf(re[5] - 128) < 1e-3f && fabsf(re[251] - 128) < 1e-3f && fabsf(re[6]) < 1e-3f);
    ph_fft(re, im, 256, tw, 1);
    for (int i = 0; i < 256; i++) cr_assert(fabsf(re[i] - cosf(2 * (float)M_PI * 5 * i / 256)) < 1e-5f);
}

Test(dsp_space, convolve_with_a_unit_impulse_is_the_identity)
{
    float one = 1.0f;
    ph_ir ir;
    cr_assert(ph_ir_from(&ir, &one, 1, TD_RATE) == 0);
    ph_conv *c = ph_conv_create(&ir, 0);
    cr_assert(c);
    ph_rng g;
    ph_rng_seed(&g, 3);
    for (int i = 0; i < 10000; i++) in[i] = ph_rng_bipolar(&g);
    ph_conv_process(c, out, in, NULL, 10000, 0);
    cr_assert(memcmp(out, in, 10000 * sizeof(float)) == 0, "bit for bit, no latency");
    ph_conv_destroy(c);
    ph_ir_free(&ir);
}

Test(dsp_space, convolve_matches_the_direct_sum, .timeout = 60)
{
    /* a response long enough for both partition sizes (head, 128-tap and 2048-tap partitions) */
    const int H = 9000, X = 20000;
    static float h[9000];
    ph_rng g;
    ph_rng_seed(&g, 11);
    for (int i = 0; i < H; i++) h[i] = ph_rng_bipolar(&g) * expf(-i / 3000.0f);
    for (int i = 0; i < X; i++) in[i] = ph_rng_bipolar(&g) * (i < 15000 ? 1.0f : 0.0f);
    ph_ir ir;
    cr_assert(ph_ir_from(&ir, h, (uint32_t)H, TD_RATE) == 0);
    ph_conv *c = ph_conv_create(&ir, 0);
    cr_assert(c);
    for (int off = 0; off < X; off += 1000) ph_conv_process(c, out + off, in + off, NULL, 1000, (uint64_t)off);
    double worst = 0, scale = 0;
    for (int n = 0; n < X; n += 7) {
        double y = 0;
        for (int k = 0; k < H && k <= n; k++) y += (double)h[k] * in[n - k];
        worst = fmax(worst, fabs(y - out[n]));
        scale = fmax(scale, fabs(y));
    }
    cr_log_info("convolution: worst error %.3g of a peak %.3g", worst, scale);
    cr_expect(worst < 2e-5 * scale, "worst error %g (peak %g)", worst, scale);
    /* mix 0 is the dry signal */
    ph_dsp_fill(key, 0.0f, 1000);
    ph_conv_process(c, out, in, key, 1000, (uint64_t)X);
    cr_expect(memcmp(out, in, 1000 * sizeof(float)) == 0);
    ph_conv_destroy(c);
    ph_ir_free(&ir);
}

Test(dsp_space, builtin_response_is_a_decaying_stereo_room)
{
    ph_ir ir;
    cr_assert(ph_ir_builtin(&ir, TD_RATE) == 0);
    cr_assert(ir.data[1] && ir.frames == 24000);
    double e0 = 0, e1 = 0, head = 0, tail = 0;
    for (uint32_t i = 0; i < ir.frames; i++) {
        e0 += ir.data[0][i] * ir.data[0][i], e1 += ir.data[1][i] * ir.data[1][i];
        if (i < 2400) head += ir.data[0][i] * ir.data[0][i];
        if (i >= 19200) tail += ir.data[0][i] * ir.data[0][i];
    }
    cr_expect(fabs(e0 - 1) < 1e-3 && fabs(e1 - 1) < 1e-3, "unit energy %g %g", e0, e1);
    cr_expect(td_db(sqrt(tail / head)) < -40, "decays: %g dB", td_db(sqrt(tail / head)));
    ph_ir_free(&ir);
}

Test(dsp_space, convolve_loads_a_file_and_a_missing_one_is_an_error)
{
    char err[256] = "";
    ph_ir ir;
    cr_expect(ph_ir_load(&ir, "/nonexistent/ir.wav", TD_RATE, err, sizeof err) != 0);
    cr_expect(strstr(err, "/nonexistent/ir.wav"), "%s", err);
}

static double band_energy(const float *x, int n, double f)
{
    return td_amp(x, (uint32_t)n, f, TD_RATE);
}

Test(dsp_space, vocoder_imposes_the_modulators_spectrum)
{
    ph_vocoder v;
    ph_vocoder_init(&v, TD_RATE, 16);
    /* carrier: a 100 Hz saw-like pulse train (all harmonics); modulator: a 1 kHz sine */
    for (int i = 0; i < 48000; i++) key[i] = (i % 480) == 0 ? 1.0f : 0.0f;
    td_sine(in, 48000, 1000, TD_RATE, 0.5);
    ph_vocoder_process(&v, out, in, key, 48000, 0);
    double near = band_energy(out + 24000, 24000, 1000), low = band_energy(out + 24000, 24000, 200),
           high = band_energy(out + 24000, 24000, 5000);
    cr_log_info("vocoder harmonics: 200 Hz %.4f, 1 kHz %.4f, 5 kHz %.4f", low, near, high);
    cr_expect(near > 20 * low && near > 20 * high, "1 kHz %g, 200 Hz %g, 5 kHz %g", near, low, high);
    /* a silent modulator: silence */
    ph_dsp_zero(in, 48000);
    ph_vocoder_process(&v, out, in, key, 48000, 48000);
    cr_expect(td_peak(out + 24000, 24000) < 1e-6, "%g", td_peak(out + 24000, 24000));
}
