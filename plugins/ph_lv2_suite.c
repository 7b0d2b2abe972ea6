/* Phonon FX and Phonon MIDI on the instrument's instance: which plugin an instance is, and
 * the hooks of ph_lv2_suite.h sending each to its file (ph_lv2_fx.c, ph_lv2_midi_out.c).
 * The instrument passes through all of them unchanged. */
#include <string.h>

#include "ph_lv2.h"

#define PH_LV2_FX_DEFAULT_TEXT                                                                   \
    "-- Phonon FX: the track's audio is `in` (inL, inR). A gentle low-pass sweep over two bars;\n" \
    "-- try  out: in * \"1 0 1 1\"  or  out: in # retrig \"0 0 16 0\"\n"                            \
    "out: in # lpf (slow 2 $ range 700 7000 sine) 0.9\n"

#define PH_LV2_MIDI_DEFAULT_TEXT                                                                 \
    "-- Phonon MIDI: every event becomes a note (n 0 = middle C). A simple arpeggio;\n"          \
    "-- hold a chord and try  out: n (arp \"up\" $ fast 4 held)\n"                                 \
    "out: n \"0 4 7 12 7 4 7 12\" # velocity \"0.8 0.6\" # legato 0.9\n"

const char *ph_lv2_default_text(const ph_lv2 *self)
{
    switch (self->kind) {
    case PH_LV2_FX: return PH_LV2_FX_DEFAULT_TEXT;
    case PH_LV2_MIDI: return PH_LV2_MIDI_DEFAULT_TEXT;
    default: return PH_LV2_DEFAULT_TEXT;
    }
}

bool ph_lv2_suite_init(ph_lv2 *self, const char *uri)
{
    if (!strcmp(uri, PH_LV2_URI_FX)) {
        self->kind = PH_LV2_FX;
        self->n_channels = PH_MAIN_CHANNELS;
        return ph_lv2_fx_init(self);
    }
    if (!strcmp(uri, PH_LV2_URI_MIDI)) {
        self->kind = PH_LV2_MIDI;
        self->n_channels = 0;
        self->settings.midi_out = true;
        return ph_lv2_midi_init(self);
    }
    return true;
}

void ph_lv2_suite_free(ph_lv2 *self)
{
    ph_lv2_fx_free(self);
    ph_lv2_midi_free(self);
}

bool ph_lv2_suite_port(ph_lv2 *self, uint32_t *port, void *data)
{
    switch (self->kind) {
    case PH_LV2_FX: return ph_lv2_fx_port(self, *port, data);
    case PH_LV2_MIDI: return ph_lv2_midi_port(self, port, data);
    default: return true;
    }
}

void ph_lv2_suite_activate(ph_lv2 *self)
{
    if (self->kind == PH_LV2_MIDI) ph_lv2_midi_activate(self);
}

void ph_lv2_suite_run_begin(ph_lv2 *self, uint32_t n_samples)
{
    if (self->kind == PH_LV2_FX) ph_lv2_fx_begin(self, n_samples);
    else if (self->kind == PH_LV2_MIDI) ph_lv2_midi_begin(self, n_samples);
}

void ph_lv2_suite_run_end(ph_lv2 *self, uint32_t n_samples)
{
    if (self->kind == PH_LV2_FX) ph_lv2_fx_end(self, n_samples);
    else if (self->kind == PH_LV2_MIDI) ph_lv2_midi_end(self, n_samples);
}

void ph_lv2_suite_render(ph_lv2 *self, float *const *outs, uint32_t from, uint32_t n)
{
    switch (self->kind) {
    case PH_LV2_FX: ph_lv2_fx_render(self, outs, from, n); break;
    case PH_LV2_MIDI: ph_lv2_midi_render(self, from, n); break;
    default: ph_engine_render(self->engine, outs, self->n_channels, n); break;
    }
}

void ph_lv2_suite_midi_in(ph_lv2 *self, const uint8_t *msg, uint32_t size, uint32_t frame)
{
    if (self->kind == PH_LV2_MIDI) ph_lv2_midi_in(self, msg, size, frame);
}
