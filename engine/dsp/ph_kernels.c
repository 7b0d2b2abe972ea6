/* The rack's kernels behind one face (see ph_kernels.h). Each entry adapts a kernel of
 * ph_mod.h, ph_ctl.h, ph_dyn.h, ph_echo.h, ph_plate.h or ph_vocoder.h: what it creates and
 * how its parameters line up. */
#include "dsp/ph_kernels.h"

#include "dsp/ph_ctl.h"
#include "dsp/ph_dyn.h"
#include "dsp/ph_echo.h"
#include "dsp/ph_mod.h"
#include "dsp/ph_plate.h"
#include "dsp/ph_vocoder.h"

#define PIECE 128 /* scratch buffers of the kernels that combine channels first */

/* ---- overdrive: the seed's distortion -------------------------------------------------- */

/* x (1 - mix) + tanh(drive x) mix, drive 1..100, mix 0..1 (0.5 when not a number), the
 * tanh anti-aliased by its antiderivative (ph_echo.h). */
static int overdrive_create(void *s, double rate, float fixed) { return (void)rate, (void)fixed, ph_adaa_tanh_init(s), 0; }
static void overdrive_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                          uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float x = ph_dsp_sane(in[0][i]), d = ph_dsp_par(p[0][i], 1.0f, 100.0f, 1.0f), m = ph_dsp_par(p[1][i], 0.0f, 1.0f, 0.5f);
        o[0][i] = ph_dsp_flush(x * (1.0f - m) + ph_adaa_tanh(s, x * d) * m);
    }
}
const ph_kernel ph_kernel_overdrive = {"overdrive", sizeof(ph_adaa), 2, PH_KERNEL_PER_CHANNEL, 0, -1, 0, overdrive_create,
                                       NULL, overdrive_run};

/* ---- modulation ------------------------------------------------------------------------ */

static int lfo_create(void *s, double rate, float fixed) { return (void)fixed, ph_lfo_init(s, rate), 0; }

static void tremolo_run(void *s, float *const *o, const float *const *in, const float *const *p,
                        uint32_t n, uint64_t t0)
{
    ph_tremolo_process(s, o[0], in[0], p[0], p[1], n, t0);
}
const ph_kernel ph_kernel_tremolo = {"tremolo", sizeof(ph_lfo), 2, PH_KERNEL_PER_CHANNEL, 0, -1, 0, lfo_create, NULL,
                                     tremolo_run};

static void ring_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_ring_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_ring = {"ring", sizeof(ph_lfo), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, lfo_create, NULL,
                                  ring_run};

/* ring_mod: the product, sample by sample (stateless) */
static void ring_mod_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                         uint64_t t0)
{
    (void)s, (void)t0;
    for (uint32_t i = 0; i < n; i++) o[0][i] = ph_dsp_sane(in[0][i] * p[0][i]);
}
const ph_kernel ph_kernel_ring_mod = {"ring_mod", 0, 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, NULL, NULL, ring_mod_run};

static int vibrato_create(void *s, double rate, float fixed) { return (void)fixed, ph_vibrato_create(s, rate); }
static void vibrato_free(void *s) { ph_vibrato_destroy(s); }
static void vibrato_run(void *s, float *const *o, const float *const *in, const float *const *p,
                        uint32_t n, uint64_t t0)
{
    ph_vibrato_process(s, o[0], in[0], p[0], p[1], n, t0);
}
const ph_kernel ph_kernel_vibrato = {"vibrato", sizeof(ph_vibrato), 2, PH_KERNEL_PER_CHANNEL, 0, -1, 0, vibrato_create,
                                     vibrato_free, vibrato_run};

static int flanger_create(void *s, double rate, float fixed) { return (void)fixed, ph_flanger_create(s, rate); }
static void flanger_free(void *s) { ph_flanger_destroy(s); }
static void flanger_run(void *s, float *const *o, const float *const *in, const float *const *p,
                        uint32_t n, uint64_t t0)
{
    ph_flanger_process(s, o[0], in[0], p[0], p[1], p[2], n, t0);
}
const ph_kernel ph_kernel_flanger = {"flanger", sizeof(ph_flanger), 3, PH_KERNEL_PER_CHANNEL, 0, -1, 0, flanger_create,
                                     flanger_free, flanger_run};

/* phaser: parameter 3, the number of stages, is fixed */
static int phaser_create(void *s, double rate, float stages)
{
    ph_phaser_init(s, rate, (int)stages);
    return 0;
}
static void phaser_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_phaser_process(s, o[0], in[0], p[0], p[1], p[2], n, t0);
}
const ph_kernel ph_kernel_phaser = {"phaser", sizeof(ph_phaser), 4, PH_KERNEL_PER_CHANNEL, 0, 3, 4, phaser_create, NULL,
                                    phaser_run};

static int width_create(void *s, double rate, float fixed) { return (void)fixed, ph_width_init(s, rate), 0; }
static void width_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_width_process(s, o[0], o[1], in[0], in[1], p[0], n, t0);
}
const ph_kernel ph_kernel_width = {"width", sizeof(ph_width), 1, PH_KERNEL_STEREO, 2, -1, 0, width_create, NULL,
                                   width_run};

static int coarse_create(void *s, double rate, float fixed) { return (void)rate, (void)fixed, ph_coarse_init(s), 0; }
static void coarse_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_coarse_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_coarse = {"coarse", sizeof(ph_coarse), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, coarse_create,
                                    NULL, coarse_run};

static int pitch_create(void *s, double rate, float fixed) { return (void)fixed, ph_pitch_create(s, rate, 0.05); }
static void pitch_free(void *s) { ph_pitch_destroy(s); }
static void pitch_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_pitch_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_pitch_shift = {"pitch_shift", sizeof(ph_pitch), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0,
                                         pitch_create, pitch_free, pitch_run};

/* ---- control ------------------------------------------------------------------------------ */

static int lag_create(void *s, double rate, float fixed) { return (void)fixed, ph_lag_init(s, rate), 0; }
static void lag_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_lag_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_lag = {"lag", sizeof(ph_lag), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, lag_create, NULL, lag_run};

static void onepole_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                        uint64_t t0)
{
    ph_onepole_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_onepole = {"onepole", sizeof(ph_lag), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0, lag_create,
                                     NULL, onepole_run};

static int hold_create(void *s, double rate, float fixed) { return (void)rate, (void)fixed, ph_hold_init(s), 0; }
static void hold_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_hold_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_sample_hold = {"sample_hold", sizeof(ph_hold), 1, PH_KERNEL_PER_CHANNEL, 0, -1, 0,
                                         hold_create, NULL, hold_run};

static void wrap_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    (void)s, (void)t0;
    ph_wrap(o[0], in[0], p[0], p[1], n);
}
const ph_kernel ph_kernel_wrap = {"wrap", 0, 2, PH_KERNEL_PER_CHANNEL, 0, -1, 0, NULL, NULL, wrap_run};

/* followers: the level of both channels, mono out. kind 0 follow (the larger magnitude,
 * peak), 1 rms, 2 amp_follower (rms over a window, then attack and release) */
typedef struct follower {
    ph_follow f;
    ph_rms r;
    int kind;
    float level[PIECE];
} follower;

static int follower_create(follower *s, double rate, int kind)
{
    s->kind = kind;
    ph_follow_init(&s->f, rate);
    return kind ? ph_rms_create(&s->r, rate) : 0;
}
static int follow_create(void *s, double rate, float fixed) { return (void)fixed, follower_create(s, rate, 0); }
static int rms_create(void *s, double rate, float fixed) { return (void)fixed, follower_create(s, rate, 1); }
static int amp_create(void *s, double rate, float fixed) { return (void)fixed, follower_create(s, rate, 2); }
static void follower_free(void *s) { ph_rms_destroy(&((follower *)s)->r); }

static void follower_run(void *st, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                         uint64_t t0)
{
    follower *s = st;
    const float *r = in[1] ? in[1] : in[0];
    for (uint32_t off = 0; off < n; off += PIECE) {
        uint32_t m = n - off < PIECE ? n - off : PIECE;
        const float *l = in[0] + off, *rr = r + off;
        float *y = o[0] + off;
        if (s->kind == 0) {
            for (uint32_t i = 0; i < m; i++) s->level[i] = ph_dsp_maxf(fabsf(l[i]), fabsf(rr[i]));
            ph_follow_process(&s->f, y, s->level, p[0] + off, p[1] + off, m, t0 + off);
            continue;
        }
        for (uint32_t i = 0; i < m; i++) s->level[i] = sqrtf(0.5f * (l[i] * l[i] + rr[i] * rr[i])); /* mean power */
        if (s->kind == 1) {
            ph_rms_process(&s->r, y, s->level, p[0] + off, m, t0 + off);
            continue;
        }
        ph_rms_process(&s->r, s->level, s->level, p[2] + off, m, t0 + off);
        ph_follow_process(&s->f, y, s->level, p[0] + off, p[1] + off, m, t0 + off);
    }
}
const ph_kernel ph_kernel_follow = {"follow", sizeof(follower), 2, PH_KERNEL_STEREO, 1, -1, 0, follow_create,
                                    follower_free, follower_run};
const ph_kernel ph_kernel_rms = {"rms", sizeof(follower), 1, PH_KERNEL_STEREO, 1, -1, 0, rms_create, follower_free,
                                 follower_run};
const ph_kernel ph_kernel_amp_follower = {"amp_follower", sizeof(follower), 3, PH_KERNEL_STEREO, 1, -1, 0, amp_create,
                                          follower_free, follower_run};

/* asr: the input is the gate; the output times p[2], the level (SuperCollider's Env.asr) */
static int asr_create(void *s, double rate, float fixed) { return (void)fixed, ph_asr_init(s, rate), 0; }
static void asr_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_asr_process(s, o[0], in[0], p[0], p[1], n, t0);
    for (uint32_t i = 0; i < n; i++) o[0][i] *= ph_dsp_sane(p[2][i]);
}
const ph_kernel ph_kernel_asr = {"asr", sizeof(ph_asr), 3, PH_KERNEL_STEREO, 1, -1, 0, asr_create, NULL, asr_run};

/* ---- dynamics ----------------------------------------------------------------------------- */

/* limiter: parameter 1, the look-ahead, is fixed; both channels get one gain */
static int limiter_create(void *s, double rate, float lookahead) { return ph_limiter_create(s, rate, lookahead); }
static void limiter_free(void *s) { ph_limiter_destroy(s); }
static void limiter_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                        uint64_t t0)
{
    ph_limiter_process(s, o[0], in[1] ? o[1] : NULL, in[0], in[1], p[0], p[2], n, t0);
}
const ph_kernel ph_kernel_limiter = {"limiter", sizeof(ph_limiter), 3, PH_KERNEL_STEREO, 0, 1, 0.005f, limiter_create,
                                     limiter_free, limiter_run};

static int expander_create(void *s, double rate, float fixed)
{
    return (void)fixed, ph_expander_init(s, rate, true), 0;
}
static int noisegate_create(void *s, double rate, float fixed)
{
    return (void)fixed, ph_expander_init(s, rate, false), 0;
}
static void expander_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                         uint64_t t0)
{
    ph_expander_process(s, o[0], in[0], NULL, p[0], p[1], p[2], p[3], n, t0);
}
const ph_kernel ph_kernel_expander = {"expander", sizeof(ph_expander), 4, PH_KERNEL_PER_CHANNEL, 0, -1, 0,
                                      expander_create, NULL, expander_run};
const ph_kernel ph_kernel_noisegate = {"noisegate", sizeof(ph_expander), 4, PH_KERNEL_PER_CHANNEL, 0, -1, 0,
                                       noisegate_create, NULL, expander_run};

/* ---- space -------------------------------------------------------------------------------- */

static int pingpong_create(void *s, double rate, float fixed) { return (void)fixed, ph_pingpong_create(s, rate); }
static void pingpong_free(void *s) { ph_pingpong_destroy(s); }
static void pingpong_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                         uint64_t t0)
{
    ph_pingpong_process(s, o[0], o[1], in[0], in[1], p[0], p[1], p[2], p[3], p[4], n, t0);
}
const ph_kernel ph_kernel_pingpong = {"pingpong", sizeof(ph_pingpong), 5, PH_KERNEL_STEREO, 2, -1, 0, pingpong_create,
                                      pingpong_free, pingpong_run};

static int tape_create(void *s, double rate, float fixed) { return (void)fixed, ph_tapedelay_create(s, rate); }
static void tape_free(void *s) { ph_tapedelay_destroy(s); }
static void tape_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    ph_tapedelay_process(s, o[0], in[0], p, n, t0);
}
const ph_kernel ph_kernel_tapedelay = {"tapedelay", sizeof(ph_tapedelay), 8, PH_KERNEL_PER_CHANNEL, 0, -1, 0,
                                       tape_create, tape_free, tape_run};

/* multitap: parameter 1, the number of taps, is fixed */
static int multitap_create(void *s, double rate, float taps) { return ph_multitap_create(s, rate, (int)taps); }
static void multitap_free(void *s) { ph_multitap_destroy(s); }
static void multitap_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                         uint64_t t0)
{
    ph_multitap_process(s, o[0], in[0], p[0], p[2], p[3], n, t0);
}
const ph_kernel ph_kernel_multitap = {"multitap", sizeof(ph_multitap), 4, PH_KERNEL_PER_CHANNEL, 0, 1, 4,
                                      multitap_create, multitap_free, multitap_run};

/* plate: mono in (a stereo input summed, its side kept in the dry part), stereo out */
typedef struct plate_state {
    ph_plate p;
    float mono[PIECE];
} plate_state;
static int plate_create(void *s, double rate, float fixed) { return (void)fixed, ph_plate_create(s, rate); }
static void plate_free(void *s) { ph_plate_destroy(s); }
static void plate_run(void *st, float *const *o, const float *const *in, const float *const *p, uint32_t n, uint64_t t0)
{
    plate_state *s = st;
    if (!in[1]) {
        ph_plate_process(&s->p, o[0], o[1], in[0], p, n, t0);
        return;
    }
    for (uint32_t off = 0; off < n; off += PIECE) {
        uint32_t m = n - off < PIECE ? n - off : PIECE;
        const float *l = in[0] + off, *r = in[1] + off, *mix = p[5] + off, *pp[6];
        for (int k = 0; k < 6; k++) pp[k] = p[k] + off;
        for (uint32_t i = 0; i < m; i++) s->mono[i] = 0.5f * (l[i] + r[i]);
        ph_plate_process(&s->p, o[0] + off, o[1] + off, s->mono, pp, m, t0 + off);
        for (uint32_t i = 0; i < m; i++) { /* out = wet + dry, not wet + the dry's mid */
            float side = 0.5f * ph_dsp_sane(l[i] - r[i]) * (1.0f - ph_dsp_par(mix[i], 0.0f, 1.0f, 0.5f));
            o[0][off + i] += side;
            o[1][off + i] -= side;
        }
    }
}
const ph_kernel ph_kernel_plate = {"plate", sizeof(plate_state), 6, PH_KERNEL_STEREO, 2, -1, 0, plate_create,
                                   plate_free, plate_run};

/* vocoder: the input is the modulator, parameter 0 the carrier; parameter 1, the number of
 * bands, is fixed */
static int vocoder_create(void *s, double rate, float bands)
{
    ph_vocoder_init(s, rate, (int)bands);
    return 0;
}
static void vocoder_run(void *s, float *const *o, const float *const *in, const float *const *p, uint32_t n,
                        uint64_t t0)
{
    ph_vocoder_process(s, o[0], in[0], p[0], n, t0);
}
const ph_kernel ph_kernel_vocoder = {"vocoder", sizeof(ph_vocoder), 2, PH_KERNEL_PER_CHANNEL, 0, 1, 16, vocoder_create,
                                     NULL, vocoder_run};

#define PH_KERNEL_ADDRESS(k) &ph_kernel_##k,
const ph_kernel *const ph_kernels[] = {PH_KERNEL_LIST(PH_KERNEL_ADDRESS)};
#undef PH_KERNEL_ADDRESS
const unsigned ph_kernel_count = sizeof ph_kernels / sizeof ph_kernels[0];
