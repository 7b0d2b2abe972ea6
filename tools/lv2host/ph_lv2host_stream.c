/* Event streams: the atoms a host sends on the control port (patch:Set, patch:Get,
 * time:Position, MIDI), each written once into its own buffer and kept with its absolute
 * sample time until ph_lv2host_render() copies it into a block's sequence. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/forge.h>
#include <lv2/midi/midi.h>
#include <lv2/patch/patch.h>
#include <lv2/time/time.h>

#include "ph_lv2host.h"

static void stream_push(ph_lv2host_stream *s, int64_t frame, const LV2_Atom *a)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->ev = realloc(s->ev, s->cap * sizeof *s->ev);
    }
    const size_t size = sizeof(LV2_Atom) + a->size;
    LV2_Atom *copy = malloc(size);
    memcpy(copy, a, size);
    /* keep the stream sorted by frame, stable for equal frames */
    size_t i = s->n;
    while (i > 0 && s->ev[i - 1].frame > frame) {
        s->ev[i] = s->ev[i - 1];
        i--;
    }
    s->ev[i] = (ph_lv2host_event){frame, copy};
    s->n++;
}

void ph_lv2host_stream_free(ph_lv2host_stream *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->ev[i].atom);
    free(s->ev);
    *s = (ph_lv2host_stream){0};
}

/* A forge writing one atom into a scratch buffer, which goes into the stream at the end. */
typedef struct scratch_forge {
    LV2_Atom_Forge forge;
    uint8_t *buf;
} scratch_forge;

static void scratch_begin(scratch_forge *f, size_t size)
{
    f->buf = calloc(1, size);
    lv2_atom_forge_init(&f->forge, ph_lv2host_map_feature());
    lv2_atom_forge_set_buffer(&f->forge, f->buf, size);
}

static void scratch_end(scratch_forge *f, ph_lv2host_stream *s, int64_t frame)
{
    stream_push(s, frame, (const LV2_Atom *)f->buf);
    free(f->buf);
}

static void set_message(ph_lv2host_stream *s, int64_t frame, const char *property,
                        LV2_URID type, const char *value, size_t len, bool with_value)
{
    scratch_forge f;
    scratch_begin(&f, len + 1024);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, ph_lv2host_map(LV2_PATCH__Set));
    lv2_atom_forge_key(&f.forge, ph_lv2host_map(LV2_PATCH__property));
    lv2_atom_forge_urid(&f.forge, ph_lv2host_map(property));
    if (with_value) {
        lv2_atom_forge_key(&f.forge, ph_lv2host_map(LV2_PATCH__value));
        lv2_atom_forge_typed_string(&f.forge, type, value, (uint32_t)len);
    }
    lv2_atom_forge_pop(&f.forge, &obj);
    scratch_end(&f, s, frame);
}

void ph_lv2host_stream_text(ph_lv2host_stream *s, int64_t frame, const char *text, size_t len)
{
    set_message(s, frame, PH_LV2HOST_TEXT_URI, ph_lv2host_map(LV2_ATOM__String), text, len,
                true);
}

void ph_lv2host_stream_path(ph_lv2host_stream *s, int64_t frame, const char *path)
{
    set_message(s, frame, PH_LV2HOST_FILE_URI, ph_lv2host_map(LV2_ATOM__Path), path,
                strlen(path), true);
}

void ph_lv2host_stream_set_novalue(ph_lv2host_stream *s, int64_t frame)
{
    set_message(s, frame, PH_LV2HOST_TEXT_URI, 0, NULL, 0, false);
}

void ph_lv2host_stream_string(ph_lv2host_stream *s, int64_t frame, const char *property, const char *text)
{
    set_message(s, frame, property, ph_lv2host_map(LV2_ATOM__String), text, strlen(text), true);
}

void ph_lv2host_stream_hush(ph_lv2host_stream *s, int64_t frame)
{
    scratch_forge f;
    scratch_begin(&f, 256);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, ph_lv2host_map(LV2_PATCH__Set));
    lv2_atom_forge_key(&f.forge, ph_lv2host_map(LV2_PATCH__property));
    lv2_atom_forge_urid(&f.forge, ph_lv2host_map(PH_LV2HOST_HUSH_URI));
    lv2_atom_forge_key(&f.forge, ph_lv2host_map(LV2_PATCH__value));
    lv2_atom_forge_bool(&f.forge, true);
    lv2_atom_forge_pop(&f.forge, &obj);
    scratch_end(&f, s, frame);
}

void ph_lv2host_stream_get(ph_lv2host_stream *s, int64_t frame, const char *property)
{
    scratch_forge f;
    scratch_begin(&f, 256);
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_object(&f.forge, &obj, 0, ph_lv2host_map(LV2_PATCH__Get));
    if (property) {
        lv2_atom_forge_key(&f.forge, ph_lv2host_map(LV2_PATCH__property));
        lv2_atom_forge_urid(&f.forge, ph_lv2host_map(property));
    }
    lv2_atom_forge_pop(&f.forge, &obj);
    scratch_end(&f, s, frame);
}

void ph_lv2host_stream_midi(ph_lv2host_stream *s, int64_t frame, uint8_t b0, uint8_t b1,
                            uint8_t b2)
{
    struct {
        LV2_Atom atom;
        uint8_t msg[4];
    } m = {{3, ph_lv2host_map(LV2_MIDI__MidiEvent)}, {b0, b1, b2, 0}};
    stream_push(s, frame, &m.atom);
}

static void forge_number(LV2_Atom_Forge *f, double v, char kind)
{
    switch (kind) {
    case 'f': lv2_atom_forge_float(f, (float)v); break;
    case 'd': lv2_atom_forge_double(f, v); break;
    case 'i': lv2_atom_forge_int(f, (int32_t)v); break;
    default: lv2_atom_forge_long(f, (int64_t)v); break;
    }
}

void ph_lv2host_stream_position(ph_lv2host_stream *s, int64_t frame, double bpm,
                                double beats_per_bar, int64_t bar, double bar_beat,
                                double speed, int types)
{
    /* 'f' Float, 'd' Double, 'i' Int, 'l' Long, for: bar, barBeat, bpm, beatsPerBar, speed */
    static const char kinds[3][5] = {
        {'l', 'f', 'f', 'f', 'f'},
        {'d', 'd', 'd', 'd', 'd'},
        {'i', 'd', 'l', 'i', 'i'},
    };
    const char *k = kinds[types % 3];
    scratch_forge f;
    scratch_begin(&f, 512);
    LV2_Atom_Forge_Frame obj;
    LV2_Atom_Forge *fo = &f.forge;
    lv2_atom_forge_object(fo, &obj, 0, ph_lv2host_map(LV2_TIME__Position));
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__frame));
    lv2_atom_forge_long(fo, frame);
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__bar));
    forge_number(fo, (double)bar, k[0]);
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__barBeat));
    forge_number(fo, bar_beat, k[1]);
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__beatsPerMinute));
    forge_number(fo, bpm, k[2]);
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__beatsPerBar));
    forge_number(fo, beats_per_bar, k[3]);
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__beatUnit));
    lv2_atom_forge_int(fo, 4);
    lv2_atom_forge_key(fo, ph_lv2host_map(LV2_TIME__speed));
    forge_number(fo, speed, k[4]);
    lv2_atom_forge_pop(fo, &obj);
    scratch_end(&f, s, frame);
}

void ph_lv2host_stream_ardour_positions(ph_lv2host_stream *s, int64_t frame, int64_t frames,
                                        uint32_t cycle, double rate, double bpm,
                                        double beats_per_bar)
{
    const double samples_per_beat = rate * 60.0 / bpm;
    for (int64_t t = frame; t < frame + frames; t += cycle) {
        const int64_t ticks = (int64_t)floor((double)t / samples_per_beat * 1920.0);
        const double beat = (double)ticks / 1920.0;
        const int64_t bar = (int64_t)(beat / beats_per_bar);
        ph_lv2host_stream_position(s, t, bpm, beats_per_bar, bar, beat - (double)bar * beats_per_bar, 1.0, 0);
    }
}
