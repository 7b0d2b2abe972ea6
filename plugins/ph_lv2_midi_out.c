/* Phonon MIDI: the instrument's program compiled for MIDI output (ph_settings.midi_out)
 * and played as MIDI on the `midi_out` atom port. The engine owns the generated notes'
 * note-offs (ph_engine_midi_out: at each note's end, before a retrigger, at once on
 * transport stop, relocation and when muted); this file adds what only a plugin knows:
 *
 * - MIDI thru: input messages are copied to the output at their frames while the `thru`
 *   control is on (and always while bypassed: a bypassed MIDI plugin is a wire). Notes
 *   passed through are counted, so turning thru off sends their note-offs.
 * - Bypass (lv2:enabled off): the engine is muted (its sounding notes end at once).
 * - Deactivation cannot send anything, so activate() ends every note in the first block
 *   after it: the engine's and the thru notes.
 * - A short output buffer: note-offs are written first in line; other messages are left
 *   out when the room left would not hold every note-off still to come in the block.
 * [audio] except init/free. */
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>

#include "ph_lv2.h"

#define EVENT_BYTES 24u /* a 3-byte MIDI event in a sequence: frame, atom header, padded body */

typedef struct ph_lv2_midi {
    LV2_Atom_Sequence *out;
    const float *thru_port;
    LV2_Atom_Forge forge;
    LV2_Atom_Forge_Frame frame;
    bool forge_ok;
    bool thru;          /* messages from the input are passed on now */
    int enabled;        /* last lv2:enabled seen, -1 none */
    bool end_thru;      /* send note-offs for the thru notes at the next block */
    uint8_t held[16][128]; /* thru note-ons without their note-off yet */
} ph_lv2_midi;

bool ph_lv2_midi_init(ph_lv2 *self)
{
    ph_lv2_midi *m = calloc(1, sizeof *m);
    if (!m) return false;
    m->enabled = -1;
    m->thru = true;
    lv2_atom_forge_init(&m->forge, self->map);
    self->midi = m;
    return true;
}

void ph_lv2_midi_free(ph_lv2 *self)
{
    free(self->midi);
    self->midi = NULL;
}

bool ph_lv2_midi_port(ph_lv2 *self, uint32_t *port, void *data)
{
    ph_lv2_midi *m = self->midi;
    const uint32_t p = *port;
    if (p == PH_PORT_MIDI_OUT) m->out = data;
    else if (p == PH_PORT_MIDI_THRU) m->thru_port = data;
    else if (p >= PH_PORT_MIDI_MACRO1 && p < PH_PORT_MIDI_CYCLES_PER_BAR) *port = PH_PORT_MACRO1 + p - PH_PORT_MIDI_MACRO1;
    else if (p == PH_PORT_MIDI_CYCLES_PER_BAR) *port = PH_PORT_CYCLES_PER_BAR;
    else if (p == PH_PORT_MIDI_TEMPO) *port = PH_PORT_TEMPO;
    else if (p == PH_PORT_MIDI_ENABLED) *port = PH_PORT_ENABLED;
    else if (p == PH_PORT_MIDI_NOTIFY) *port = PH_PORT_NOTIFY;
    else return p == PH_PORT_MIDI_CONTROL; /* the instrument's index too */
    return p != PH_PORT_MIDI_OUT && p != PH_PORT_MIDI_THRU;
}

void ph_lv2_midi_activate(ph_lv2 *self)
{
    ph_engine_midi_all_off(self->engine);
    self->midi->end_thru = true;
}

static void write_msg(ph_lv2_midi *m, uint32_t frame, const uint8_t *data, uint32_t size, LV2_URID type)
{
    if (!m->forge_ok) return;
    LV2_Atom_Forge *f = &m->forge;
    if (f->offset + EVENT_BYTES > f->size) return;
    lv2_atom_forge_frame_time(f, frame);
    lv2_atom_forge_atom(f, size, type);
    lv2_atom_forge_write(f, data, size);
}

static uint32_t room(const ph_lv2_midi *m)
{
    return m->forge.offset < m->forge.size ? m->forge.size - m->forge.offset : 0;
}

static void end_thru_notes(ph_lv2 *self, uint32_t frame)
{
    ph_lv2_midi *m = self->midi;
    for (int c = 0; c < 16; c++)
        for (int n = 0; n < 128; n++)
            if (m->held[c][n]) {
                const uint8_t off[3] = {(uint8_t)(LV2_MIDI_MSG_NOTE_OFF | c), (uint8_t)n, 0};
                write_msg(m, frame, off, 3, self->uris.midi_MidiEvent);
                m->held[c][n] = 0;
            }
}

void ph_lv2_midi_begin(ph_lv2 *self, uint32_t n_samples)
{
    (void)n_samples;
    ph_lv2_midi *m = self->midi;
    m->forge_ok = false;
    if (m->out) {
        lv2_atom_forge_set_buffer(&m->forge, (uint8_t *)m->out, m->out->atom.size);
        m->forge_ok = lv2_atom_forge_sequence_head(&m->forge, &m->frame, 0) != 0;
    }
    const int bypassed = self->enabled_port && *self->enabled_port <= 0.0f;
    /* the editor's hush silences the notes as bypass does (the audio plugins fade their
     * gain instead); only bypass passes MIDI in through */
    const int enabled = !bypassed && !self->hushed;
    if (enabled != m->enabled) ph_engine_midi_mute(self->engine, !enabled);
    m->enabled = enabled;
    const bool thru = bypassed || !m->thru_port || *m->thru_port > 0.5f;
    if (m->thru && !thru) m->end_thru = true;
    m->thru = thru;
    if (m->end_thru) {
        end_thru_notes(self, 0);
        m->end_thru = false;
    }
}

void ph_lv2_midi_render(ph_lv2 *self, uint32_t from, uint32_t n)
{
    ph_lv2_midi *m = self->midi;
    float *none[1] = {NULL};
    ph_engine_render(self->engine, none, 0, n);
    const ph_midi_event *ev;
    const uint32_t count = ph_engine_midi_out(self->engine, &ev);
    uint32_t offs = 0;
    for (uint32_t i = 0; i < count; i++) offs += (ev[i].data[0] & 0xF0) == 0x80;
    for (uint32_t i = 0; i < count; i++) {
        const bool off = (ev[i].data[0] & 0xF0) == 0x80;
        if (off) offs--;
        else if (room(m) < EVENT_BYTES * (offs + 1)) continue; /* keep room for the note-offs */
        write_msg(m, from + ev[i].frame, ev[i].data, ev[i].size, self->uris.midi_MidiEvent);
    }
}

void ph_lv2_midi_in(ph_lv2 *self, const uint8_t *msg, uint32_t size, uint32_t frame)
{
    ph_lv2_midi *m = self->midi;
    if (!m->thru || size < 1 || size > 3) return;
    const uint8_t status = msg[0] & 0xF0, c = msg[0] & 0x0F;
    if (size == 3 && status == LV2_MIDI_MSG_NOTE_ON && msg[2] > 0) {
        if (m->held[c][msg[1] & 127] < 255) m->held[c][msg[1] & 127]++;
    } else if (size == 3 && (status == LV2_MIDI_MSG_NOTE_OFF || status == LV2_MIDI_MSG_NOTE_ON)) {
        if (m->held[c][msg[1] & 127]) m->held[c][msg[1] & 127]--;
    } else if (size == 3 && status == LV2_MIDI_MSG_CONTROLLER &&
               (msg[1] == LV2_MIDI_CTL_ALL_NOTES_OFF || msg[1] == LV2_MIDI_CTL_ALL_SOUNDS_OFF)) {
        memset(m->held[c], 0, sizeof m->held[c]);
    }
    write_msg(m, frame, msg, size, self->uris.midi_MidiEvent);
}

void ph_lv2_midi_end(ph_lv2 *self, uint32_t n_samples)
{
    (void)n_samples;
    ph_lv2_midi *m = self->midi;
    if (m->forge_ok) lv2_atom_forge_pop(&m->forge, &m->frame);
}
