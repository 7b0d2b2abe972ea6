/* The names table (see ph_names.h): rows for the DSP names and the controls, merged with
 * the registry's transforms into one sorted table on first use. */
#include "compile/ph_names.h"

#include "compile/ph_build_rack.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define N0 {0}
/* Rows may leave out the trailing fields (flags 0, build NULL: the generic builders), so
 * that a row is one line; the warning about it is off for this table only. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* name, {shape, min, max, defaults, make, per_lane, params, words, usage[, flags, build]} */
static const struct {
    const char *name;
    ph_dsp_def def;
} dsp_rows[] = {
    {"adsr", {PH_DSP_ENV, 2, 4, {0.01f, 0.1f, 0.7f, 0.2f}, ph_make_adsr, true, "attack decay sustain release", 0,
              "x # adsr attack decay [sustain 0.7] [release 0.2]"}},
    {"ar", {PH_DSP_ENV, 2, 2, {0.01f, 0.2f}, ph_make_ar, true, "attack release", 0, "x # ar attack release (one shot per event)"}},
    {"bitcrush", {PH_DSP_PROC, 1, 2, {8, 1}, ph_make_bitcrush, false, "bits rate", 0, "x # bitcrush bits [rate-reduction]",
                PH_DSPF_INPUT_FIRST, NULL}}, /* also the seed's `bitcrush ~x ...` */
    {"bpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_bpf, true, "cutoff q", 0, "x # bpf centre [q 0.5..20, 1]"}},
    {"brown", {PH_DSP_NOISE, 0, 0, N0, ph_make_brown, false, "", 0, "brown: brown noise"}},
    {"chorus", {PH_DSP_PROC, 0, 4, {0.5f, 0.5f, 0.5f}, ph_make_chorus, false, "rate depth mix", 0,
                "x # chorus [rate depth mix] (a 4th argument, which the seed ignores, is ignored with a warning)",
                PH_DSPF_INPUT_FIRST, ph_build_seed_chorus}}, /* also the seed's `chorus ~x ...` */
    {"clip", {PH_DSP_CLIP, 1, 2, N0, ph_make_clip, false, "lo hi", 0, "x # clip lo hi, or x # clip a (to -a..a)"}},
    {"compress", {PH_DSP_PROC, 0, 6, {-12, 4, 0.01f, 0.1f, 0, 0}, ph_make_compress, false,
                  "threshold ratio attack release makeup key", 0,
                  "x # compress [threshold-dB -12] [ratio 4] [attack 0.01] [release 0.1] [makeup-dB 0] [key]: "
                  "a compressor; a key signal (~kick) is what the detector hears (side-chain)",
                  PH_DSPF_INPUT_FIRST, NULL}},
    {"delay", {PH_DSP_PROC, 1, 3, {0.25f, 0.5f, 0.5f}, ph_make_delay, false, "time feedback mix", 0, "x # delay time [feedback mix]",
             PH_DSPF_INPUT_FIRST, NULL}}, /* also the seed's `delay ~x ...` */
    {"delayl", {PH_DSP_PROC, 1, 3, {0.25f, 0.5f, 0.5f}, ph_make_delayl, false, "time feedback mix", 0,
              "x # delayl time [feedback mix]: delay's echoes read with linear interpolation (SuperCollider's "
              "DelayL: cheaper, a little duller at fractional times)", PH_DSPF_INPUT_FIRST, NULL}},
    {"distort", {PH_DSP_PROC, 1, 1, {0.5f}, ph_make_distort, false, "drive", 0, "x # distort drive",
               PH_DSPF_INPUT_FIRST, NULL}}, /* also the seed's `distort ~x ...` */
    {"gain", {PH_DSP_GAIN, 1, 1, N0, NULL, true, "gain", 0, "x # gain g"}},
    {"hpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_hpf, true, "cutoff q", 0, "x # hpf cutoff [q 0.5..20, 1]"}},
    {"in", {PH_DSP_NOISE, 0, 0, N0, ph_make_in, false, "", 0,
            "in: the track's audio input, stereo (Phonon FX; silence elsewhere)"}},
    {"inL", {PH_DSP_NOISE, 0, 0, N0, ph_make_inl, false, "", 0, "inL: the left side of the track's input (Phonon FX)"}},
    {"inR", {PH_DSP_NOISE, 0, 0, N0, ph_make_inr, false, "", 0, "inR: the right side of the track's input (Phonon FX)"}},
    {"ladder", {PH_DSP_PROC, 1, 2, {1000, 0.0f}, ph_make_ladder, true, "cutoff resonance", 0, "x # ladder cutoff [resonance 0..1]"}},
    {"lpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_lpf, true, "cutoff q", 0, "x # lpf cutoff [q 0.5..20, 1]"}},
    {"max", {PH_DSP_MINMAX, 1, 2, N0, ph_make_max, false, "b", 0, "max a b, or x # max b"}},
    {"midi", {PH_DSP_MIDI, 0, 0, N0, NULL, false, "", 0, "midi: the frequency of the MIDI notes played"}},
    {"min", {PH_DSP_MINMAX, 1, 2, N0, ph_make_min, false, "b", 0, "min a b, or x # min b"}},
    {"mtof", {PH_DSP_MAP, 1, 1, N0, ph_make_mtof, false, "midi", 0, "mtof midi: a MIDI note number to Hz"}},
    {"noise", {PH_DSP_NOISE, 0, 0, N0, ph_make_white, false, "", 0, "noise: white noise"}},
    {"notch", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_notch, true, "cutoff q", 0, "x # notch centre [q 0.5..20, 1]"}},
    {"pan", {PH_DSP_PROC, 1, 1, N0, ph_make_pan, false, "position", 0, "x # pan position (0 left .. 1 right)"}},
    {"pink", {PH_DSP_NOISE, 0, 0, N0, ph_make_pink, false, "", 0, "pink: pink noise"}},
    {"range", {PH_DSP_CLIP, 2, 2, N0, ph_make_range, false, "lo hi", 0, "x # range lo hi (a -1..1 signal to lo..hi)"}},
    {"retrig", {PH_DSP_TRIG, 1, 1, {0}, ph_make_retrig, false, "count", 0,
                "x # retrig \"0 [0 8] 16 0\": during each event of n > 0, the first 1/n cycle of x after its onset repeats (a roll)"}},
    {"reverb", {PH_DSP_PROC, 0, 3, {0.7f, 0.5f, 0.3f}, ph_make_reverb, false, "room damp mix", 0, "x # reverb [room damp mix]",
              PH_DSPF_INPUT_FIRST, NULL}}, /* also the seed's `reverb ~x ...` */
    {"saw", {PH_DSP_OSC, 1, 1, N0, ph_make_saw, false, "freq", 0, "saw freq"}},
    {"sine", {PH_DSP_OSC, 1, 1, N0, ph_make_sine, false, "freq", 0, "sine freq"}},
    {"square", {PH_DSP_OSC, 1, 2, {0, 0.5f}, ph_make_square, false, "freq width", 0, "square freq [pulse-width]"}},
    {"superclap", {PH_DSP_SYNTH, 0, 1, N0, NULL, false, "freq", 0, "superclap [pitches]"}},
    {"superhat", {PH_DSP_SYNTH, 0, 2, {0.7f, 0.05f}, NULL, false, "bright sustain", 0,
                  "superhat [bright 0.7] [sustain 0.05]: noise hats; the first argument's events are the hits"}},
    {"superkick", {PH_DSP_SYNTH, 0, 4, {0, 0.5f, 0.3f, 0.1f}, NULL, false, "freq pitchenv sustain noise", 0,
                   "superkick [freq] [pitchenv 0.5] [sustain 0.3] [noise 0.1]"}},
    {"superpwm", {PH_DSP_SYNTH, 1, 3, {0, 0.5f, 0.8f}, NULL, false, "freq pwmrate pwmdepth", 0,
                  "superpwm \"pitches\" [pwmrate 0.5] [pwmdepth 0.8]"}},
    {"supersaw", {PH_DSP_SYNTH, 1, 3, {0, 0.3f, 7}, NULL, false, "freq detune voices", 0,
                  "supersaw \"pitches\" [detune 0.3] [voices 7, 1..7]"}},
    {"supersnare", {PH_DSP_SYNTH, 0, 3, {0, 0.8f, 0.08f}, NULL, false, "freq snappy sustain", 0,
                    "supersnare [freq] [snappy 0.8] [sustain 0.08]"}},
    {"synth", {PH_DSP_NOTES, 1, 6, {0, 0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes wave attack decay sustain release",
                2, "synth \"c3 e3\" saw [attack decay sustain release]"}},
    {"saw_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release", 0,
                  "saw_trig \"c3 e3\" [attack decay sustain release]"}},
    {"sine_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release", 0,
                   "sine_trig \"c3 e3\" [attack decay sustain release]"}},
    {"square_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release",
                     0, "square_trig \"c3 e3\" [attack decay sustain release]"}},
    {"tri_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release", 0,
                  "tri_trig \"c3 e3\" [attack decay sustain release]"}},
    {"tri", {PH_DSP_OSC, 1, 1, N0, ph_make_tri, false, "freq", 0, "tri freq"}},
    /* the rack's sources (docs/RACK-SOURCES.md) */
    {"blip", {PH_DSP_OSC, 1, 1, N0, ph_make_blip, false, "freq", 0,
              "blip freq: the harmonics of freq up to Nyquist, equal and band-limited, peak 1"}},
    {"fm", {PH_DSP_OSC, 3, 3, N0, ph_make_fm, false, "carrier modulator index", 0,
            "fm carrier modulator index: sin(carrier phase + index * sin(modulator phase)), index in radians"}},
    {"impulse", {PH_DSP_OSC, 1, 1, N0, ph_make_impulse, false, "freq", 0,
                 "impulse freq: a band-limited train of clicks (area 1, peak ~1) at freq"}},
    {"superchip", {PH_DSP_SYNTH, 1, 3, {0, 5, 0.05f}, NULL, false, "freq vibrate vibdepth", 0,
                   "superchip \"pitches\" [vibrate 5] [vibdepth 0.05]: square with vibrato"}},
    {"superfm", {PH_DSP_SYNTH, 1, 3, {0, 2, 1}, NULL, false, "freq ratio index", 0,
                 "superfm \"pitches\" [ratio 2] [index 1]: two-operator FM"}},
    {"pm", {PH_DSP_OSC, 3, 3, N0, ph_make_pm, false, "carrier modulation index", 0,
            "pm carrier modulation index: sin(carrier phase + index * modulation), modulation a signal"}},
    {"additive", {PH_DSP_OSC, 2, 2, N0, ph_make_additive, false, "freq amplitudes", PH_DSP_LIST(1),
                  "additive freq \"1 0.5 0.25\": harmonics of freq at these amplitudes (up to 32)"}},
    {"granular", {PH_DSP_GRAIN, 1, 5, {0, 50, 0.5f, 1, 0}, ph_make_granular, false, "source size density pitch position", 0,
                  "granular source [size-ms 50] [density 0.5] [pitch 1] [position 0]: grains of a signal or \"sample:n\""}},
    {"pluck", {PH_DSP_OSC, 1, 2, {0, 0.5f}, ph_make_pluck, false, "freq damping", 0,
               "pluck freq [damping 0.5]: Karplus-Strong string, plucked by each note"}},
    {"wavetable", {PH_DSP_OSC, 1, 3, {0, 0, 0}, ph_make_wavetable, false, "freq table position", 2u,
                   "wavetable freq [table sine|saw|square|tri|basic|\"sample:n\"] [position 0..1]"}},
    {"pulse", {PH_DSP_OSC, 1, 2, {0, 0.5f}, ph_make_square, false, "freq width", 0,
               "pulse freq [width 0.5]: band-limited pulse, width 0.01..0.99 of the period high"}},
    /* the rack's filters (docs/RACK-SOURCES.md) */
    {"allpass", {PH_DSP_PROC, 1, 1, {0.5f}, ph_make_allpass, true, "coefficient", 0,
                 "x # allpass coefficient: first-order all-pass, -1..1"}},
    {"bq_bp", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_bq_bp, true, "freq q", 0,
               "x # bq_bp freq [q 0.1..20, 1]: cookbook band-pass, 0 dB at freq"}},
    {"bq_hp", {PH_DSP_PROC, 1, 2, {1000, 0.7071f}, ph_make_bq_hp, true, "freq q", 0,
               "x # bq_hp freq [q 0.1..20, 0.707]: cookbook high-pass"}},
    {"bq_lp", {PH_DSP_PROC, 1, 2, {1000, 0.7071f}, ph_make_bq_lp, true, "freq q", 0,
               "x # bq_lp freq [q 0.1..20, 0.707]: cookbook low-pass"}},
    {"bq_notch", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_bq_notch, true, "freq q", 0,
                  "x # bq_notch freq [q 0.1..20, 1]: cookbook notch"}},
    {"comb", {PH_DSP_PROC, 1, 2, {440, 0.9f}, ph_make_comb, true, "freq feedback", 0,
              "x # comb freq [feedback 0.9]: feedback comb ringing at freq and its multiples"}},
    {"djf", {PH_DSP_PROC, 1, 1, {0.5f}, ph_make_djf, true, "value", 0,
             "x # djf value: DJ filter, 0..0.5 low-pass closing, 0.5 open, 0.5..1 high-pass"}},
    {"eq", {PH_DSP_PROC, 1, 9, {100, 0, 1, 1000, 0, 1, 5000, 0, 1}, ph_make_eq, true,
            "lowfreq lowgain lowq midfreq midgain midq highfreq highgain highq", 0,
            "x # eq lowfreq lowgain [lowq midfreq midgain midq highfreq highgain highq]: three bells, gains in dB"}},
    {"formant", {PH_DSP_PROC, 3, 6, {730, 1090, 2440, 80, 90, 120}, ph_make_formant, true, "f1 f2 f3 bw1 bw2 bw3", 0,
                 "x # formant f1 f2 f3 [bw1 80 bw2 90 bw3 120]: three resonances (Hz), a vowel's formants"}},
    {"resonz", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_resonz, true, "freq q", 0,
                "x # resonz freq [q 0.5..100, 1]: resonant band-pass, 0 dB at freq"}},
    {"rhpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_rhpf, true, "cutoff q", 0,
              "x # rhpf cutoff [q 0.1..20, 1]: resonant high-pass"}},
    {"rlpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_rlpf, true, "cutoff q", 0,
              "x # rlpf cutoff [q 0.1..20, 1]: resonant low-pass"}},
    {"vowel", {PH_DSP_PROC, 1, 1, N0, ph_make_vowel, true, "vowel", 1u,
               "x # vowel \"a e i o u\": the vowel's formants (or 0..4, fractions morph)"}},
    {"svf_bp", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_svf_bp, true, "freq resonance", 0,
                "x # svf_bp freq [q 0.1..50, 1]: state-variable band-pass, 0 dB at freq"}},
    {"svf_hp", {PH_DSP_PROC, 1, 2, {1000, 0.7071f}, ph_make_svf_hp, true, "freq resonance", 0,
                "x # svf_hp freq [q 0.1..50, 0.707]: state-variable high-pass"}},
    {"svf_lp", {PH_DSP_PROC, 1, 2, {1000, 0.7071f}, ph_make_svf_lp, true, "freq resonance", 0,
                "x # svf_lp freq [q 0.1..50, 0.707]: state-variable low-pass"}},
    {"svf_notch", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_svf_notch, true, "freq resonance", 0,
                   "x # svf_notch freq [q 0.1..50, 1]: state-variable notch"}},
    /* ---- the rack (issue 14): envelopes and control -------------------------------------- */
#define IF PH_DSPF_INPUT_FIRST
    {"ad", {PH_DSP_ENV, 2, 2, {0.01f, 0.2f}, ph_make_ar, true, "attack decay", 0,
            "x # ad attack decay: a linear rise and fall to 0 on every event; alone (~e: ad 0.01 0.3), "
            "the envelope itself, every cycle"}},
    {"amp_follower", {PH_DSP_PROC, 0, 3, {0.01f, 0.1f, 0.01f}, ph_make_amp_follower, false, "attack release window", 0,
                      "x # amp_follower [attack 0.01] [release 0.1] [window 0.01]: the RMS over the window, "
                      "followed with attack and release (s)", IF, NULL}},
    {"asr", {PH_DSP_PROC, 2, 3, {0.01f, 0.2f, 1}, ph_make_asr, false, "attack release level", 0,
             "gate # asr attack release (or asr gate attack release): 0..1, rises while the gate (a signal > 0.5, or "
             "a pattern's true events) is held, falls after; with three, attack level release (SuperCollider's "
             "Env.asr)", IF, ph_build_rack_asr}},
    {"curve", {PH_DSP_GEN, 4, 4, N0, ph_make_curve, false, "start end dur curve", 0,
               "curve start end dur curve: start to end in dur s from the start, then held; curve 0 linear, > 0 "
               "slow then fast, < 0 fast then slow", 0, NULL}},
    {"env", {PH_DSP_ENV, 1, 4, {0.01f, 0.1f, 0.7f, 0.2f}, ph_make_adsr, true, "attack decay sustain release", 0,
             "x # env attack [decay 0.1] [sustain 0.7] [release 0.2]: an ADSR on the events driving x; with none, "
             "opened once at the start (the seed's env)", PH_DSPF_HELD, NULL}},
    {"follow", {PH_DSP_PROC, 0, 2, {0.01f, 0.1f}, ph_make_follow, false, "attack release", 0,
                "x # follow [attack 0.01] [release 0.1]: the level of x (peak follower, 63 % after attack or "
                "release s), mono 0..: side-chain with ~pad * (1 - (~kick # follow 0.01 0.2))", IF, NULL}},
    {"gate", {PH_DSP_GEN, 1, 1, N0, NULL, false, "pattern", 0,
              "gate \"t ~ t f\": 1 while a true event (t, x, true, non-zero) plays, else 0", 0,
              ph_build_rack_gate}},
    {"onepole", {PH_DSP_PROC, 1, 1, {1000}, ph_make_onepole, false, "cutoff", 0,
                 "x # onepole cutoff (or onepole x cutoff): a one-pole low-pass, -3 dB at cutoff Hz, 6 dB per "
                 "octave above (y = k x + (1 - k) y, k = 1 - e^(-2 pi cutoff / rate))", IF, NULL}},
    {"lag", {PH_DSP_PROC, 1, 1, {0.1f}, ph_make_lag, false, "time", 0,
             "x # lag time (or lag x time): one-pole smoothing, 63 % of a step after time s", IF, NULL}},
    {"line", {PH_DSP_GEN, 2, 3, N0, ph_make_line, false, "start end dur", 0,
              "line start end [dur]: a ramp over every cycle; with dur, start to end in dur s from the start, "
              "then held", 0, NULL}},
    {"mix", {PH_DSP_GEN, 2, 8, N0, ph_make_sum, false, "", 0, "mix a b ... (or a # mix b ...): the sum", 0, NULL}},
    {"rms", {PH_DSP_PROC, 0, 1, {0.05f}, ph_make_rms, false, "window", 0,
             "x # rms [window 0.05]: the root mean square over the last window s (<= 1), mono", IF, NULL}},
    {"sample_hold", {PH_DSP_PROC, 1, 1, N0, ph_make_sample_hold, false, "trigger", 0,
                     "x # sample_hold trigger (or sample_hold x trigger): x held where the trigger rises through 0 "
                     "(a pattern: at its true events)", IF, ph_build_rack_sample_hold}},
    {"segments", {PH_DSP_GEN, 2, 2, N0, NULL, false, "levels times", 0,
                  "segments \"0 1 0.5 0\" \"0.1 0.2 0.3\": linear from level to level in the times (s) from the "
                  "start, then the last held", 0, ph_build_rack_segments}},
    {"select", {PH_DSP_GEN, 2, 8, N0, ph_make_select, false, "", 0,
                "select index a b ... (or index # select a b ...): the input the index names (rounded, wrapping), "
                "a change cross-faded over 5 ms", 0, NULL}},
    {"wrap", {PH_DSP_PROC, 2, 2, {0, 1}, ph_make_wrap, false, "lo hi", 0,
              "x # wrap lo hi (or wrap x lo hi): x folded into [lo, hi) periodically", IF, NULL}},
    {"xfade", {PH_DSP_GEN, 3, 3, N0, ph_make_xfade, false, "a b position", 0,
               "xfade a b position (or a # xfade b position): (1 - position) a + position b, position 0..1", 0,
               NULL}},
    {"xline", {PH_DSP_GEN, 3, 3, N0, ph_make_xline, false, "start end dur", 0,
               "xline start end dur: exponential from start to end in dur s from the start, then held (linear "
               "across 0)", 0, NULL}},
    /* ---- the rack: effects ---------------------------------------------------------------- */
    {"coarse", {PH_DSP_PROC, 1, 1, {1}, ph_make_coarse, false, "factor", 0,
                "x # coarse factor: sample-rate reduction, a new sample every factor samples (1..256)", IF, NULL}},
    {"convolve", {PH_DSP_PROC, 0, 2, {0, 1}, NULL, false, "file mix", 0,
                  "x # convolve [\"ir.wav\"] [mix 1]: convolution with an impulse response file (read when the "
                  "program is compiled; from the current folder or the sample folder); without one, a small room",
                  IF | PH_DSPF_PATH, ph_build_rack_convolve}},
    {"expander", {PH_DSP_PROC, 0, 4, {-30, 2, 0.01f, 0.1f}, ph_make_expander, false, "threshold ratio attack release",
                  0, "x # expander [threshold-dB -30] [ratio 2] [attack 0.01] [release 0.1]: upward expansion (the "
                  "seed's): above the threshold, + (level - threshold) (ratio - 1) dB, at most 24", IF, NULL}},
    {"flanger", {PH_DSP_PROC, 0, 3, {0.5f, 0.5f, 0.5f}, ph_make_flanger, false, "depth rate feedback", 0,
                 "x # flanger [depth 0.5] [rate 0.5] [feedback 0.5]: a 3 +- 2 depth ms delay swept at rate Hz", IF,
                 NULL}},
    {"limiter", {PH_DSP_PROC, 0, 3, {1.0f, 0.005f, 0.05f}, ph_make_limiter, false, "ceiling lookahead release", 0,
                 "x # limiter [ceiling 1] [lookahead 0.005] [release 0.05]: look-ahead limiter, never above the "
                 "ceiling (linear); the look-ahead (s, <= 0.05, a number) delays the signal", IF, NULL}},
    {"multitap", {PH_DSP_PROC, 1, 4, {0.25f, 4, 0.5f, 0.6f}, ph_make_multitap, false, "time taps feedback mix", 0,
                  "x # multitap time [taps 4] [feedback 0.5] [mix 0.6]: echoes at time, 2 time ... (taps 2..8, a "
                  "number), each 1/k", IF, ph_build_rack_counted}},
    {"noisegate", {PH_DSP_PROC, 0, 4, {-40, 10, 0.001f, 0.1f}, ph_make_noisegate, false,
                   "threshold ratio attack release", 0,
                   "x # noisegate [threshold-dB -40] [ratio 10] [attack 0.001] [release 0.1]: downward expander, "
                   "below the threshold - (threshold - level) (ratio - 1) dB, at most 80: a gate", IF, NULL}},
    {"phaser", {PH_DSP_PROC, 0, 4, {0.5f, 0.7f, 0.5f, 4}, ph_make_phaser, false, "rate depth feedback stages", 0,
                "x # phaser [rate 0.5] [depth 0.7] [feedback 0.5] [stages 4]: all-passes swept 200 Hz .. 200 x "
                "10^depth (stages 2..12, a number)", IF, ph_build_rack_counted}},
    {"pingpong", {PH_DSP_PROC, 0, 5, {0.25f, 0.5f, 0.8f, 0, 0.7f}, ph_make_pingpong, false,
                  "time feedback width channel mix", 0,
                  "x # pingpong [time 0.25] [feedback 0.5] [width 0.8] [channel 0] [mix 0.7]: echoes alternating "
                  "left and right (channel 1: start right); stereo", IF, NULL}},
    {"pitch_shift", {PH_DSP_PROC, 1, 1, {0}, ph_make_pitch_shift, false, "semitones", 0,
                     "x # pitch_shift semitones (or pitch_shift x semitones): -48..48, two cross-faded taps on a "
                     "50 ms window", IF, NULL}},
    {"plate", {PH_DSP_PROC, 0, 6, {10, 2, 0.7f, 0.3f, 0.3f, 0.5f}, ph_make_plate, false,
               "pre_delay decay diffusion damping mod_depth mix", 0,
               "x # plate [pre_delay-ms 10] [decay-s 2] [diffusion 0.7] [damping 0.3] [mod_depth 0.3] [mix 0.5]: "
               "Dattorro's plate; decay is the RT60; stereo", IF, NULL}},
    {"ring", {PH_DSP_PROC, 1, 1, {440}, ph_make_ring, false, "freq", 0,
              "x # ring freq: x times a sine at freq Hz (ring modulation)", IF, NULL}},
    {"ring_mod", {PH_DSP_PROC, 1, 1, N0, ph_make_ring_mod, false, "other", 0,
                  "ring_mod a b (or a # ring_mod b): a times b, sample by sample", IF, NULL}},
    {"sidechain_compressor", {PH_DSP_PROC, 1, 5, {0, -20, 4, 0.01f, 0.1f}, ph_make_sidechain_compressor, false,
                              "key threshold ratio attack release", 0,
                              "x # sidechain_compressor key [threshold-dB -20] [ratio 4] [attack 0.01] "
                              "[release 0.1]: the seed's; compress with the detector on key", IF, NULL}},
    {"tapedelay", {PH_DSP_PROC, 0, 8, {0.25f, 0.5f, 0.5f, 0.02f, 6, 0.05f, 0.3f, 0.5f}, ph_make_tapedelay, false,
                   "time feedback wow_rate wow_depth flutter_rate flutter_depth saturation mix", 0,
                   "x # tapedelay [time 0.25] [feedback 0.5] [wow_rate 0.5] [wow_depth 0.02] [flutter_rate 6] "
                   "[flutter_depth 0.05] [saturation 0.3] [mix 0.5]: a wobbling, saturating tape echo", IF, NULL}},
    {"distortion", {PH_DSP_PROC, 1, 2, {1, 0.5f}, ph_make_overdrive, false, "drive mix", 0,
                    "x # distortion drive [mix 0.5]: the seed's: tanh(drive x) (drive 1..100, anti-aliased) mixed "
                    "with x; `distort` is Phonon's own 0..1 drive", IF, NULL}},
    {"tremolo", {PH_DSP_PROC, 0, 2, {5, 0.5f}, ph_make_tremolo, false, "rate depth", 0,
                 "x # tremolo [rate 5] [depth 0.5]: gain 1 - depth/2 + depth/2 sin (rate Hz)", IF, NULL}},
    {"vibrato", {PH_DSP_PROC, 0, 2, {5, 0.5f}, ph_make_vibrato, false, "rate depth", 0,
                 "x # vibrato [rate 5] [depth 0.5]: pitch swung +- depth semitones at rate Hz", IF, NULL}},
    {"vocoder", {PH_DSP_PROC, 1, 2, {0, 16}, ph_make_vocoder, false, "carrier bands", 0,
                 "modulator # vocoder carrier [bands 16] (or vocoder modulator carrier bands): the carrier through "
                 "band-pass filters whose levels follow the modulator's (bands 2..32, a number)", IF,
                 ph_build_rack_counted}},
    {"width", {PH_DSP_PROC, 0, 1, {1}, ph_make_width, false, "amount", 0,
               "x # width [amount 1]: the stereo side times amount (0 mono, 2 wider); a mono input gets a "
               "decorrelated side above 1; stereo", IF, NULL}},
    /* ---- the seed's control, routing and sources (dsp/ph_seedctl.h, dsp/ph_softsaw.h) ---- */
    {"diffuser", {PH_DSP_PROC, 0, 1, {0.5f}, ph_make_diffuser, false, "diffusion", 0,
                  "x # diffuser [diffusion 0.5]: 8 channels through 4 steps of all-passes, shuffles and Hadamard "
                  "mixes: a click becomes a dense cloud of echoes (the front of a reverb), same energy", IF, NULL}},
    {"env_trig", {PH_DSP_GEN, 1, 6, {0, 0.001f, 0.1f, 0.0f, 0.1f}, ph_make_env_trig, false,
                  "pattern attack decay sustain release", 0,
                  "env_trig \"x(3,8)\" [attack 0.001] [decay 0.1] [sustain 0] [release 0.1] (or x # env_trig ...): an "
                  "ADSR opened by the pattern's true events, held while each lasts (the seed's)", 0,
                  ph_build_rack_env_trig}},
    {"freeze", {PH_DSP_PROC, 1, 1, N0, ph_make_freeze, false, "trigger", 0,
                "x # freeze trigger (or freeze x trigger): spectral freeze: where the trigger rises through 0.5 (a "
                "pattern: at its onsets) the spectrum is held as a drone; before, x passes; 2048 samples late", IF,
                ph_build_rack_sample_hold}},
    {"if", {PH_DSP_GEN, 3, 3, N0, ph_make_cond, false, "condition then else", 0,
            "if condition then else: then where the condition is > 0.5, else elsewhere (the seed's); a change "
            "cross-faded over 5 ms", 0, NULL}},
    {"latch", {PH_DSP_PROC, 1, 1, N0, ph_make_latch, false, "gate", 0,
               "x # latch gate (or latch x gate): x held where the gate rises through 0.5 (a pattern: at its "
               "onsets); 0 before", IF, ph_build_rack_sample_hold}},
    {"pan2_l", {PH_DSP_GEN, 2, 2, N0, ph_make_pan2_l, false, "input position", 0,
                "pan2_l x position: the left side of an equal-power pan, x cos((position + 1) pi/4), position "
                "-1 (left) .. 1 (right)", 0, NULL}},
    {"pan2_r", {PH_DSP_GEN, 2, 2, N0, ph_make_pan2_r, false, "input position", 0,
                "pan2_r x position: the right side of an equal-power pan, x sin((position + 1) pi/4), position "
                "-1 (left) .. 1 (right)", 0, NULL}},
    {"phasor", {PH_DSP_GEN, 0, 1, N0, ph_make_phasor, false, "speed", 0,
                "phasor [speed 1]: a ramp 0..1, speed times a cycle, locked to the pattern clock", 0, NULL}},
    {"schmidt", {PH_DSP_PROC, 2, 2, {0.5f, -0.5f}, ph_make_schmidt, false, "high low", 0,
                 "x # schmidt high low (or schmidt x high low): 1 from where x goes above high until it goes "
                 "below low, else 0 (a trigger with hysteresis)", IF, NULL}},
    {"soft_saw_hz", {PH_DSP_OSC, 1, 1, N0, ph_make_soft_saw, false, "freq", 0,
                     "soft_saw_hz freq: every harmonic at 1/k^2 (a saw falling off like a triangle), peak 1, "
                     "band-limited"}},
    {"waveguide", {PH_DSP_OSC, 1, 3, {0, 0.5f, 0.5f}, ph_make_waveguide, false, "freq damping pickup", 0,
                   "waveguide freq [damping 0.5] [pickup 0.5]: a plucked digital-waveguide string (the seed's), "
                   "read at pickup 0..1 along it; plucked at the start, when freq moves, and by a pattern's notes"}},
    {"timer", {PH_DSP_PROC, 0, 0, N0, ph_make_timer, false, "", 0,
               "trigger # timer (or timer trigger): seconds since the trigger last rose through 0.5 (a pattern: "
               "its onsets)", IF, ph_build_rack_input_events}},
#undef IF
};
#pragma GCC diagnostic pop

/* SuperDirt's and Strudel's controls (docs/CONTROLS.md: units, defaults, ranges). `played`:
 * the voices (nodes/ph_node_voices.c, ph_voice_controls) or the orbits (ph_node_orbit.c,
 * ph_orbit_controls) play it; the others are accepted in patterns (phonon query) and
 * refused where they would be played. An alias keeps its main name's key (lpf sets
 * cutoff, as in Strudel), so the last one set wins. */
static const struct {
    const char *name;
    ph_control_def def;
} control_rows[] = {
    {"accelerate", {"accelerate", true, "accelerate x: the rate glides to speed * (1 + x) over the sound"}},
    {"amp", {"amp", true, "amp x: linear level, times gain"}},
    {"attack", {"attack", true, "attack seconds"}},
    {"bandf", {"bandf", true, "bandf hz: band-pass centre (per voice)"}},
    {"bandq", {"bandq", true, "bandq q: band-pass Q (1)"}},
    {"begin", {"begin", true, "begin 0..1: where in the sample to start"}},
    {"bpf", {"bandf", true, "bpf hz: band-pass centre (per voice)"}},
    {"bpq", {"bandq", true, "bpq q: band-pass Q (1)"}},
    {"cc", {"cc", false, "cc \"74:0.5\": a MIDI control change, controller:value (value 0..1, or 0..127 above 1; Phonon MIDI)"}},
    {"ccn", {"ccn", false, "ccn n: the MIDI controller number of a control change (with ccv; Phonon MIDI)"}},
    {"ccv", {"ccv", false, "ccv x: the control change's value, 0..1 (or 0..127 above 1; with ccn; Phonon MIDI)"}},
    {"channel", {"channel", false, "channel n: the MIDI channel 1..16 (Phonon MIDI; default 1, or N for outN)"}},
    {"coarse", {"coarse", true, "coarse n: keep every n-th sample (sample rate / n)"}},
    {"crush", {"crush", true, "crush bits: 1 (harsh) .. 16 (clean)"}},
    {"cut", {"cut", true, "cut group: a new event stops the group's sounding ones"}},
    {"cutoff", {"cutoff", true, "cutoff hz: low-pass (per voice)"}},
    {"decay", {"decay", false, "decay seconds"}},
    {"delay", {"delay", true, "delay 0..1: send to the orbit's delay"}},
    {"delayfb", {"delayfeedback", true, "delayfb 0..0.98: delayfeedback"}},
    {"delayfeedback", {"delayfeedback", true, "delayfeedback 0..0.98: the orbit's delay feedback (0.5)"}},
    {"delayt", {"delaytime", true, "delayt seconds: delaytime"}},
    {"delaytime", {"delaytime", true, "delaytime seconds: the orbit's delay time (3/16 cycle)"}},
    {"detune", {"detune", false, "detune x"}},
    {"distort", {"distort", false, "distort x"}},
    {"dry", {"dry", true, "dry 0..1: level of the dry sound (the sends stay)"}},
    {"end", {"end", true, "end 0..1: where in the sample to stop"}},
    {"freq", {"freq", true, "freq hz: a synth's pitch"}},
    {"gain", {"gain", true, "gain x"}},
    {"hcutoff", {"hcutoff", true, "hcutoff hz: high-pass (per voice)"}},
    {"hold", {"hold", false, "hold seconds"}},
    {"hpf", {"hcutoff", true, "hpf hz: high-pass (per voice)"}},
    {"hpq", {"hresonance", true, "hpq dB: hresonance"}},
    {"hresonance", {"hresonance", true, "hresonance dB: high-pass resonance 0..50 (1)"}},
    {"kcutoff", {"kcutoff", false, "kcutoff hz"}},
    {"krush", {"krush", false, "krush x"}},
    {"legato", {"legato", true, "legato x: hold for x times the event"}},
    {"loop", {"loop", true, "loop n: play the sample (begin..end) n times"}},
    {"lpf", {"cutoff", true, "lpf hz: low-pass (per voice)"}},
    {"lpq", {"resonance", true, "lpq dB: resonance"}},
    {"midinote", {"midinote", false, "midinote n: a MIDI note number, 0..127 (Phonon MIDI; n and note count from 60)"}},
    {"n", {"n", true, "n index: which sample of the folder (or note for synths)"}},
    {"note", {"note", true, "note semitones"}},
    {"octave", {"octave", false, "octave n"}},
    {"orbit", {"orbit", true, "orbit 0..3: the effect bus room and delay send to"}},
    {"progNum", {"progNum", false, "progNum n: a MIDI program change to n, 0..127, before the event's note (Phonon MIDI)"}},
    {"program", {"progNum", false, "program n: progNum"}},
    {"pan", {"pan", true, "pan 0..1"}},
    {"release", {"release", true, "release seconds"}},
    {"resonance", {"resonance", true, "resonance dB: low-pass resonance 0..50 (1)"}},
    {"room", {"room", true, "room 0..1: send to the orbit's reverb"}},
    {"roomsize", {"size", true, "roomsize seconds: size"}},
    {"s", {"s", true, "s \"bd sn\": sound names (bd:3 is the fourth sample)"}},
    {"shape", {"shape", true, "shape 0..1: waveshaping distortion"}},
    {"size", {"size", true, "size seconds: the orbit's reverb decay (2)"}},
    {"sound", {"s", true, "sound \"bd sn\": s"}},
    {"speed", {"speed", true, "speed x: playback rate"}},
    {"squiz", {"squiz", true, "squiz x: Squiz pitch squeezing, try 2 4 8"}},
    {"sustain", {"sustain", true, "sustain seconds: hold a sound (or a MIDI note) this long before its release (else legato x the event)"}},
    {"sz", {"size", true, "sz seconds: size"}},
    {"triode", {"triode", false, "triode x"}},
    {"unit", {"unit", true, "unit \"r\" | \"c\": speed as a rate, or in cycles (speed 1: the sample lasts a cycle)"}},
    {"velocity", {"velocity", false, "velocity x: a MIDI note's velocity 0..1, times gain (default 0.9; Phonon MIDI)"}},
    {"voice", {"voice", false, "voice x"}},
    {"vowel", {"vowel", true, "vowel \"a e i o u\": formant filter"}},
};

/* Other spellings the seed project's and Tidal's programs use: every meaning of the target
 * (`triangle` is `tri` as an oscillator and as Strudel's 0..1 signal pattern). */
static const struct {
    const char *name, *target;
} alias_rows[] = {
    {"brown_noise", "brown"},  {"comp", "compress"},     {"compressor", "compress"}, {"cut_group", "cut"},
    {"dist", "distortion"},    {"moog", "ladder"},         {"moog_ladder", "ladder"},
    {"pink_noise", "pink"},    {"triangle", "tri"},        {"white_noise", "noise"},
    {"parametric_eq", "eq"},
    /* Tidal's primed names */
    {"every'", "everyOffset"}, {"chunk'", "chunkBack"},    {"iter'", "iterBack"},
    /* the rack's (issue 14), the seed's spellings */
    {"convolution", "convolve"}, {"envelope", "env"},      {"expand", "expander"},     {"noise_gate", "noisegate"},
    {"peak_follower", "follow"}, {"ph", "phaser"},        {"sc_comp", "sidechain_compressor"},
    {"sidechain_comp", "sidechain_compressor"}, {"tape", "tapedelay"}, {"trem", "tremolo"}, {"vib", "vibrato"},
    {"widener", "width"},
    {"soft_saw", "soft_saw_hz"}, {"saw_hz", "saw"}, {"square_hz", "square"}, {"triangle_hz", "tri"},
};

#define N_DSP (sizeof dsp_rows / sizeof dsp_rows[0])
#define N_ALIAS (sizeof alias_rows / sizeof alias_rows[0])
#define N_CTL (sizeof control_rows / sizeof control_rows[0])

static ph_name *table;
static const char **names;
static size_t count;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const ph_name *)a)->name, ((const ph_name *)b)->name);
}

static ph_name *find(const char *name)
{
    ph_name key = {.name = name};
    return table ? bsearch(&key, table, count, sizeof *table, cmp_name) : NULL;
}

static void build(void)
{
    const char *const *tf = ph_transform_names();
    size_t n_tf = 0;
    while (tf[n_tf]) n_tf++;
    size_t cap = n_tf + N_DSP + N_CTL + N_ALIAS;
    table = calloc(cap, sizeof *table);
    names = calloc(cap + 1, sizeof *names);
    if (!table || !names) {
        free(table);
        free(names);
        table = NULL;
        names = NULL;
        return;
    }
    /* The registry's names are sorted; add the rows here, then sort once and merge the
     * duplicates (a name with several meanings). */
    for (size_t i = 0; i < n_tf; i++) table[count++] = (ph_name){.name = tf[i], .pattern = ph_transform_info(tf[i])};
    for (size_t i = 0; i < N_DSP; i++) table[count++] = (ph_name){.name = dsp_rows[i].name, .dsp = &dsp_rows[i].def};
    for (size_t i = 0; i < N_CTL; i++)
        table[count++] = (ph_name){.name = control_rows[i].name, .control = &control_rows[i].def};
    qsort(table, count, sizeof *table, cmp_name);
    size_t w = 0;
    for (size_t i = 0; i < count; i++) {
        if (w && !strcmp(table[w - 1].name, table[i].name)) {
            ph_name *e = &table[w - 1];
            if (table[i].pattern) e->pattern = table[i].pattern;
            if (table[i].dsp) e->dsp = table[i].dsp;
            if (table[i].control) e->control = table[i].control;
        } else {
            table[w++] = table[i];
        }
    }
    count = w;
    for (size_t i = 0; i < N_ALIAS; i++) {
        ph_name *target = find(alias_rows[i].target);
        if (!target || find(alias_rows[i].name)) continue; /* a test checks every alias resolves */
        table[count] = *target;
        table[count++].name = alias_rows[i].name;
        qsort(table, count, sizeof *table, cmp_name);
    }
    for (size_t i = 0; i < count; i++) names[i] = table[i].name;
    names[count] = NULL;
}

const ph_name *ph_names_lookup(const char *name)
{
    pthread_once(&once, build);
    return name ? find(name) : NULL;
}

const char *const *ph_names_all(void)
{
    pthread_once(&once, build);
    static const char *const none[] = {NULL};
    return names ? names : none;
}

size_t ph_names_count(void)
{
    pthread_once(&once, build);
    return count;
}

const ph_name *ph_names_at(size_t index)
{
    pthread_once(&once, build);
    return index < count ? &table[index] : NULL;
}

/* The table lives until the process (or the plugin library) goes. */
__attribute__((destructor)) static void free_table(void)
{
    free(table);
    free(names);
}
