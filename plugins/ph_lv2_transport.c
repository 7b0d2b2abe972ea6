/* Host transport: time:Position -> the engine's clock.
 *
 * Cycles are locked to bars: one bar of the host holds `cycles_per_bar` cycles, so
 * cps = bpm / 60 / beats_per_bar * cycles_per_bar (times the host's speed). The
 * engine keeps its own sample clock; a position message re-anchors it only when the
 * host's bar + barBeat disagree with it by more than two samples and more than two
 * 1920ths of a beat (a jump or a loop), so hosts that send a position every block
 * (Carla, and Ardour on a MIDI track) and hosts that send one only on discontinuities
 * play the same. The beat part is for hosts that count in ticks: Ardour's barBeat is
 * whole ticks of 1/1920 beat, up to 12.5 samples early at 120 BPM, and a 2-sample
 * tolerance took each of its positions for a jump, relocating the clock (and, in
 * Phonon MIDI, ending every sounding note) every few cycles (tests/ardour,
 * tests/host/test_midi_ardour.c). Numbers may come as any numeric atom type.
 * Until a position arrives the plugin free-runs at the free tempo control (or at the
 * text's own tempo, or 120 BPM). [audio] */
#include <math.h>

#include <lv2/atom/util.h>

#include "ph_lv2.h"

#define PH_LV2_FALLBACK_BPM 120.0
/* Positions closer than this to the clock are not jumps: two ticks of 1920 a beat. */
#define PH_LV2_BEAT_TOLERANCE (2.0 / 1920.0)

void ph_lv2_transport_reset(ph_lv2 *self)
{
    ph_lv2_transport *t = &self->transport;
    double text_cps = t->text_cps;
    *t = (ph_lv2_transport){.bpm = PH_LV2_FALLBACK_BPM, .beats_per_bar = 4.0, .speed = 1.0,
                            .applied_cps = -1.0, .applied_rolling = -1,
                            .cycles_per_bar = 1.0f, .free_tempo = 0.0f, .text_cps = text_cps};
}

static bool read_number(const ph_lv2_uris *u, const LV2_Atom *a, double *out)
{
    if (!a) return false;
    if (a->type == u->atom_Float && a->size >= sizeof(float))
        *out = ((const LV2_Atom_Float *)a)->body;
    else if (a->type == u->atom_Double && a->size >= sizeof(double))
        *out = ((const LV2_Atom_Double *)a)->body;
    else if (a->type == u->atom_Int && a->size >= sizeof(int32_t))
        *out = ((const LV2_Atom_Int *)a)->body;
    else if (a->type == u->atom_Long && a->size >= sizeof(int64_t))
        *out = (double)((const LV2_Atom_Long *)a)->body;
    else if (a->type == u->atom_Bool && a->size >= sizeof(int32_t))
        *out = ((const LV2_Atom_Bool *)a)->body ? 1.0 : 0.0;
    else
        return false;
    return isfinite(*out);
}

static float port_value(const float *p, float dflt, float lo, float hi)
{
    if (!p || !isfinite(*p)) return dflt;
    return *p < lo ? lo : *p > hi ? hi : *p;
}

/* Cycles per second the engine should run at now. */
static double wanted_cps(const ph_lv2 *self)
{
    const ph_lv2_transport *t = &self->transport;
    const double cpb = t->cycles_per_bar;
    if (t->host_seen) {
        double cps = t->bpm / 60.0 / t->beats_per_bar * cpb;
        if (t->speed > 0) cps *= t->speed;
        return cps;
    }
    if (t->free_tempo > 0) return t->free_tempo / 60.0 / 4.0 * cpb;
    if (t->text_cps > 0) return t->text_cps;
    return PH_LV2_FALLBACK_BPM / 60.0 / 4.0 * cpb;
}

void ph_lv2_transport_apply(ph_lv2 *self)
{
    ph_lv2_transport *t = &self->transport;
    double cps = wanted_cps(self);
    if (!(cps > 0) || !isfinite(cps)) cps = 0.5;
    if (cps != t->applied_cps) {
        ph_engine_set_cps(self->engine, cps);
        t->applied_cps = cps;
    }
    const int rolling = t->host_seen ? t->speed > 0 : 1;
    if (rolling != t->applied_rolling) {
        ph_engine_set_rolling(self->engine, rolling);
        t->applied_rolling = rolling;
    }
}

void ph_lv2_transport_controls(ph_lv2 *self)
{
    ph_lv2_transport *t = &self->transport;
    const float cpb = port_value(self->cpb_port, 1.0f, 0.25f, 16.0f);
    const float tempo = port_value(self->tempo_port, 0.0f, 0.0f, 300.0f);
    if (cpb != t->cycles_per_bar) {
        /* Keep the musical position: the same point in the bar, in the new unit. */
        const double cycle = ph_engine_cycle(self->engine);
        ph_engine_locate(self->engine, cycle / t->cycles_per_bar * cpb);
        t->cycles_per_bar = cpb;
    }
    t->free_tempo = tempo;
    ph_lv2_transport_apply(self);
}

void ph_lv2_transport_position(ph_lv2 *self, const LV2_Atom_Object *obj)
{
    const ph_lv2_uris *u = &self->uris;
    ph_lv2_transport *t = &self->transport;
    const LV2_Atom *bar = NULL, *bar_beat = NULL, *bpb = NULL, *bpm = NULL, *speed = NULL;
    lv2_atom_object_get(obj, u->time_bar, &bar, u->time_barBeat, &bar_beat,
                        u->time_beatsPerBar, &bpb, u->time_beatsPerMinute, &bpm,
                        u->time_speed, &speed, 0);
    double v;
    t->host_seen = true;
    if (read_number(u, bpm, &v) && v > 0 && v < 10000) t->bpm = v;
    if (read_number(u, bpb, &v) && v > 0 && v < 1000) t->beats_per_bar = v;
    if (read_number(u, speed, &v)) t->speed = v;
    ph_lv2_transport_apply(self);

    double b, bb;
    if (read_number(u, bar, &b) && read_number(u, bar_beat, &bb)) {
        const double target = (b + bb / t->beats_per_bar) * t->cycles_per_bar;
        const double tolerance = fmax(2.0 * t->applied_cps / self->rate,
                                      PH_LV2_BEAT_TOLERANCE / t->beats_per_bar * t->cycles_per_bar);
        if (fabs(target - ph_engine_cycle(self->engine)) > tolerance)
            ph_engine_locate(self->engine, target);
    }
}
