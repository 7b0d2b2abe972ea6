/* The bundle's other plugins on the instrument's instance (ph_lv2.h): Phonon FX, an
 * effect whose program hears the track as `in`, and Phonon MIDI, which plays its
 * program's events as MIDI. They share the instrument's state, worker, transport, notify
 * and run() (ph_lv2_plugin.c); the hooks below are where they differ, and each is a no-op
 * for the instrument. [audio] marks what run() calls. */
#ifndef PH_LV2_SUITE_H
#define PH_LV2_SUITE_H

#include <stdbool.h>
#include <stdint.h>

#include <lv2/core/lv2.h>

typedef enum ph_lv2_kind { PH_LV2_INSTRUMENT = 0, PH_LV2_FX, PH_LV2_MIDI } ph_lv2_kind;

struct ph_lv2;
struct ph_engine;

/* Port indices of Phonon FX: the instrument's 0 .. PH_PORT_ENABLED, then these. The
 * transport port takes time:Position alone (ph_lv2.position_in; see phonon-fx.ttl). */
enum {
    PH_PORT_FX_IN_L = PH_PORT_COUNT_STEREO,
    PH_PORT_FX_IN_R,
    PH_PORT_FX_LATENCY,
    PH_PORT_FX_TRANSPORT,
    PH_PORT_FX_COUNT
};
/* Port indices of Phonon MIDI (no audio, no gain, no crossfade). The MIDI output comes
 * before notify: Ardour takes a track's MIDI from the first output atom ports in index
 * order (phonon-midi.ttl). */
enum {
    PH_PORT_MIDI_CONTROL = 0,
    PH_PORT_MIDI_OUT,
    PH_PORT_MIDI_NOTIFY,
    PH_PORT_MIDI_MACRO1,
    PH_PORT_MIDI_CYCLES_PER_BAR = PH_PORT_MIDI_MACRO1 + PH_MACROS,
    PH_PORT_MIDI_TEMPO,
    PH_PORT_MIDI_ENABLED,
    PH_PORT_MIDI_THRU,
    PH_PORT_MIDI_COUNT
};

/* The program a fresh instance plays (and a state without text restores). */
const char *ph_lv2_default_text(const struct ph_lv2 *self);
/* instantiate: kind, channels, and each plugin's own buffers. false: out of memory. */
bool ph_lv2_suite_init(struct ph_lv2 *self, const char *uri);
void ph_lv2_suite_free(struct ph_lv2 *self);
/* connect_port: false when the port was this plugin's own (connected here); else *port is
 * the instrument's index for the same port. */
bool ph_lv2_suite_port(struct ph_lv2 *self, uint32_t *port, void *data);
void ph_lv2_suite_activate(struct ph_lv2 *self);
/* run(): before anything else, and after the gain. */
void ph_lv2_suite_run_begin(struct ph_lv2 *self, uint32_t n_samples);
void ph_lv2_suite_run_end(struct ph_lv2 *self, uint32_t n_samples);
/* Renders frames [from, from + n) of the block into outs (the instrument's slice). */
void ph_lv2_suite_render(struct ph_lv2 *self, float *const *outs, uint32_t from, uint32_t n);
/* A MIDI message from the control port at `frame` (before the engine sees it). */
void ph_lv2_suite_midi_in(struct ph_lv2 *self, const uint8_t *msg, uint32_t size, uint32_t frame);

/* ph_lv2_fx.c */
bool ph_lv2_fx_init(struct ph_lv2 *self);
void ph_lv2_fx_free(struct ph_lv2 *self);
bool ph_lv2_fx_port(struct ph_lv2 *self, uint32_t port, void *data);
void ph_lv2_fx_begin(struct ph_lv2 *self, uint32_t n_samples);
void ph_lv2_fx_render(struct ph_lv2 *self, float *const *outs, uint32_t from, uint32_t n);
void ph_lv2_fx_end(struct ph_lv2 *self, uint32_t n_samples);

/* ph_lv2_midi_out.c */
bool ph_lv2_midi_init(struct ph_lv2 *self);
void ph_lv2_midi_free(struct ph_lv2 *self);
bool ph_lv2_midi_port(struct ph_lv2 *self, uint32_t *port, void *data);
void ph_lv2_midi_activate(struct ph_lv2 *self);
void ph_lv2_midi_begin(struct ph_lv2 *self, uint32_t n_samples);
void ph_lv2_midi_render(struct ph_lv2 *self, uint32_t from, uint32_t n);
void ph_lv2_midi_end(struct ph_lv2 *self, uint32_t n_samples);
void ph_lv2_midi_in(struct ph_lv2 *self, const uint8_t *msg, uint32_t size, uint32_t frame);

#endif
