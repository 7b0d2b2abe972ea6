/* The voice pool: polyphonic playback of kit/sample tables and the supersaw/superpwm
 * synths, triggered sample-accurately inside a block, rendered into a stereo pair (and,
 * for events that send to them, the orbits' reverb and delay sends).
 * Conventions: dsp/ph_dsp.h.
 *
 * Use, per block:
 *     ph_voice_event ev; ph_voice_event_defaults(&ev);
 *     ph_voice_event_sound(&ev, kit, bank, "bd", 3);   // name:index -> table or synth
 *     ev.offset = 37; ev.gain = 0.8f; ...
 *     ph_voices_trigger(pool, &ev);                   // any number, any order, offsets < n
 *     ph_voices_render(pool, outL, outR, n, t0);      // OVERWRITES outL/outR (n samples)
 * Triggers queue until the next render (at most PH_VOICE_QUEUE per block; more are
 * dropped and counted). Within a render, voices start exactly at their offsets, in offset
 * order (ties in trigger order), so the output does not depend on block sizes as long as
 * each event is given to the block that contains its onset.
 *
 * Event fields (ph_voice_event_defaults sets the defaults in brackets):
 *   offset   onset, samples into the next rendered block (clamped to n - 1)
 *   kind     PH_VOICE_TABLE (plays `table`), PH_VOICE_SUPERSAW, PH_VOICE_SUPERPWM
 *   table    kit or sample-bank table (PH_VOICE_TABLE); NULL = nothing plays
 *   gain     linear amplitude [1]
 *   pan      0 left .. 0.5 centre .. 1 right [0.5]; equal power (sqrt law, as ph_pan)
 *            for mono sources,
 *            a balance (each side min(1, 2*(1-pan)) / min(1, 2*pan)) for stereo tables
 *   speed    playback rate factor [1]; negative plays backwards (from `end` to `begin`);
 *            0 plays nothing. For synths, |speed| multiplies the frequency.
 *   note     semitones [0]: tables are transposed by 2^(note/12) (with speed);
 *            synths play note 0 = C5 = 261.63 Hz (Tidal's convention)
 *   freq     synths: Hz, overrides note when > 0 [0]
 *   begin, end   the played part of a table, fractions 0..1 [0, 1]
 *   attack   seconds of linear fade-in [0; synths at least 3 ms]
 *   release  seconds of linear fade-out after `length` [0 -> 5 ms; synths at least 20 ms]
 *   length   samples the voice is held before its release (the event's duration times
 *            legato, worked out by the caller) [0 = tables play to their end; synths hold
 *            0.25 s]
 *   cut      cut group [0 = none]: a new voice stops (5 ms fade) every other sounding
 *            voice with the same non-zero cut group
 * Per-sound controls (SuperDirt's; a voice that sets none of them takes the plain path,
 * which they leave as it was):
 *   fx       the per-voice effect chain (dsp/ph_voice_fx.h): filters, vowel, coarse,
 *            crush, shape, squiz [none]
 *   accelerate  the rate glides linearly from speed to speed * (1 + accelerate) over the
 *            voice's length (`length`, else the time the played part takes at the mean
 *            rate, SuperDirt's sustain) and stays there [0]; synths glide their pitch
 *   loop     tables: the played part this many times over (fractions cut the last) [1]
 *   orbit    0 .. PH_VOICE_ORBITS-1, the effect bus the sends go to [0]
 *   room, delay  send levels to the orbit's reverb (mono: the mean of both sides) and
 *            delay (stereo), taken after the effects and the pan [0]
 *   dry      level of the voice in the stereo output (the sends are not affected) [1]
 * Such a voice renders its sound into a scratch buffer first, runs the chain and, after
 * the sound ends, a 20 ms faded tail of the ringing effects (filters, vowel, squiz). Mono
 * sources are panned after the effects. Its sound, chain, tail and sends are rendered in
 * runs that end at absolute multiples of PH_CONTROL_QUANTUM (a synth's glide steps there),
 * so the output does not depend on block sizes.
 * A table voice always fades in/out over 1 ms at the edges of its played part, so
 * begin/end cuts do not click.
 *
 * Polyphony: `max_voices` (>= 64) sound at once. A trigger beyond that steals the OLDEST
 * sounding voice (earliest onset; ties: earliest trigger): it fades out over 5 ms in one
 * of max_voices/4 spare slots while the new voice starts at once, so stealing is
 * click-free. Only if all spare slots are fading too is the quietest fading voice cut.
 *
 * Synth voices (live synthesis, per voice):
 *   supersaw  seven PolyBLEP saws detuned by up to +-5.5% (spread 0.5 of the JP-8000's),
 *             random (seeded) start phases
 *   superpwm  two PolyBLEP pulses detuned +-0.3% with the pulse width swept by a 0.7 Hz LFO
 *   with parameters (sp_given): supersaw's detune and voice count, superpwm's LFO rate
 *   and depth, as the seed's (ph_synthv.h)
 * The super drums (superkick, supersnare, superhat, superclap) are kit tables: ph_drums.h;
 * played with a pitch or parameters, superkick supersnare superhat -- and superchip and
 * superfm always -- are live voices of ph_synthv.h.
 */
#ifndef PH_VOICES_H
#define PH_VOICES_H

#include <stdbool.h>
#include <stdint.h>

#include "dsp/ph_drums.h"
#include "dsp/ph_samples.h"
#include "dsp/ph_synthv.h"
#include "dsp/ph_table.h"
#include "dsp/ph_voice_fx.h"

#define PH_VOICES_MIN 64
#define PH_VOICE_ORBITS 4
#define PH_VOICE_TAIL_SECONDS 0.02
#define PH_VOICE_QUEUE 512
#define PH_VOICE_FADE_SECONDS 0.005

typedef enum ph_voice_kind {
    PH_VOICE_TABLE,
    PH_VOICE_SUPERSAW,
    PH_VOICE_SUPERPWM,
    PH_VOICE_SYNTHV /* a synth of ph_synthv.h (superkick ... superfm with arguments) */
} ph_voice_kind;

typedef struct ph_voice_event {
    uint32_t offset;
    ph_voice_kind kind;
    const ph_table *table;
    float gain, pan, speed, note, freq;
    float begin, end;
    float attack, release;
    uint32_t length;
    int cut;
    /* synths: the ph_synthv.h definition and its parameters (bit j of sp_given: sp[j] given;
     * supersaw and superpwm with none given sound as they always did) */
    const ph_synthv_def *synth;
    float sp[PH_SYNTHV_PARAMS];
    uint32_t sp_given;
    ph_vfx_params fx;
    float accelerate, loop;
    int orbit;
    float room, delay, dry;
} ph_voice_event;

void ph_voice_event_defaults(ph_voice_event *ev);

/* Resolves `name:index`: a sample-bank folder first (when bank is given and the name is
 * loaded), then the built-in kit, then the synth names (supersaw, superpwm and the
 * ph_synthv.h synths). Sets ev->kind, ev->table and ev->synth; false when the name is
 * unknown. [RT] (no allocation). A kit name that is also a synth (superkick, supersnare,
 * superhat) resolves to the kit's table: the caller plays the synth instead when the
 * event gives a pitch or a synth parameter (ph_voice_event_play_synth). */
bool ph_voice_event_sound(ph_voice_event *ev, const ph_kit *kit, const ph_sample_bank *bank,
                          const char *name, int index);

/* The event plays the synth `d` (with its parameters): for superkick and the other kit
 * names that are synths too, when the event gives them a pitch or a parameter. */
void ph_voice_event_play_synth(ph_voice_event *ev, const ph_synthv_def *d);

typedef struct ph_voices ph_voices;

/* [non-RT] max_voices is raised to PH_VOICES_MIN if smaller. NULL on OOM/bad rate. */
ph_voices *ph_voices_create(double sample_rate, uint32_t max_voices);
void ph_voices_destroy(ph_voices *p);

/* [RT] Queue a voice for the next render. false (and counted) when the queue is full. */
bool ph_voices_trigger(ph_voices *p, const ph_voice_event *ev);
/* [RT] Renders n samples starting at absolute sample t0; overwrites outL and outR. */
void ph_voices_render(ph_voices *p, float *outL, float *outR, uint32_t n, uint64_t t0);

/* The orbits' send buffers a render fills: orbit k's mono reverb send and stereo delay
 * send. Events on an orbit >= `orbits` send to the last one. */
typedef struct ph_voice_sends {
    uint32_t orbits; /* 0 .. PH_VOICE_ORBITS; 0: sends are dropped */
    float *room[PH_VOICE_ORBITS];
    float *delay_l[PH_VOICE_ORBITS], *delay_r[PH_VOICE_ORBITS];
} ph_voice_sends;
/* [RT] ph_voices_render that also overwrites the send buffers (sends may be NULL). */
void ph_voices_render_sends(ph_voices *p, float *outL, float *outR, const ph_voice_sends *sends, uint32_t n,
                            uint64_t t0);
/* [RT] Fades every voice out (5 ms), e.g. on transport stop or `hush`. */
void ph_voices_release_all(ph_voices *p);

uint32_t ph_voices_sounding(const ph_voices *p); /* not counting voices fading after a steal */
uint32_t ph_voices_busy(const ph_voices *p);     /* all slots in use, fading ones included */
uint64_t ph_voices_dropped(const ph_voices *p);  /* triggers lost to a full queue */

/* For tests: turn the steady-state fast path for table voices off (its output must be
 * bit-identical to the general loop's). */
void ph_voices_set_fast_path(ph_voices *p, bool on);

#endif
