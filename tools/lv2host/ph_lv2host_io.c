/* An effect's audio inputs and a MIDI generator's output (see ph_lv2host.h): the input
 * ports are filled from the caller's arrays before each run(), and MIDI events on an atom
 * output other than the notify port are collected with absolute frames after it. */
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>

#include "ph_lv2host_impl.h"

bool ph_lv2host_is_notify(ph_lv2host *h, const LilvPort *port)
{
    /* the notify port carries lv2:designation lv2:control, as the control input does */
    LilvNode *designation = lilv_new_uri(h->cfg.world, LV2_CORE__designation);
    LilvNodes *d = lilv_port_get_value(h->cfg.plugin, port, designation);
    bool control = false;
    LILV_FOREACH (nodes, i, d)
        control |= !strcmp(lilv_node_as_uri(lilv_nodes_get(d, i)), LV2_CORE__control);
    lilv_nodes_free(d);
    lilv_node_free(designation);
    return control;
}

uint32_t ph_lv2host_inputs(const ph_lv2host *h) { return h->n_inputs; }

void ph_lv2host_set_input(ph_lv2host *h, float *const *src, uint32_t n, int64_t frames)
{
    h->src = src;
    h->n_src = src ? n : 0;
    h->src_frames = frames;
}

void ph_lv2host_fill_inputs(ph_lv2host *h, uint32_t n)
{
    for (uint32_t c = 0; c < h->n_inputs; c++) {
        float *d = h->in_audio[c];
        int64_t have = c < h->n_src && h->src[c] ? h->src_frames - h->pos : 0;
        if (have < 0) have = 0;
        if (have > (int64_t)n) have = n;
        if (have) memcpy(d, h->src[c] + h->pos, (size_t)have * sizeof(float));
        memset(d + have, 0, (size_t)(n - (uint32_t)have) * sizeof(float));
    }
    if (h->midi_buf) { /* the output's capacity, which the plugin overwrites */
        h->midi_buf->atom.size = PH_LV2HOST_ATOM_CAPACITY - sizeof(LV2_Atom);
        h->midi_buf->atom.type = ph_lv2host_map(LV2_ATOM__Chunk);
    }
}

void ph_lv2host_read_midi(ph_lv2host *h)
{
    const LV2_Atom_Sequence *from = h->cfg.ardour_midi_out ? h->first_out_buf : h->midi_buf;
    if (!from || from->atom.type != ph_lv2host_map(LV2_ATOM__Sequence)) return;
    const LV2_URID midi = ph_lv2host_map(LV2_MIDI__MidiEvent);
    LV2_ATOM_SEQUENCE_FOREACH (from, ev) {
        if (ev->body.type != midi || ev->body.size < 1) continue;
        if (h->n_midi == h->cap_midi) {
            size_t cap = h->cap_midi ? 2 * h->cap_midi : 1024;
            ph_lv2host_midi *m = realloc(h->midi, cap * sizeof *m);
            if (!m) return;
            h->midi = m;
            h->cap_midi = cap;
        }
        ph_lv2host_midi *m = &h->midi[h->n_midi++];
        m->frame = h->pos + ev->time.frames;
        m->size = ev->body.size < 3 ? ev->body.size : 3;
        memset(m->data, 0, sizeof m->data);
        memcpy(m->data, ev + 1, m->size);
    }
}

const ph_lv2host_midi *ph_lv2host_midi_out(const ph_lv2host *h, size_t *n)
{
    *n = h->n_midi;
    return h->midi;
}

void ph_lv2host_clear_midi_out(ph_lv2host *h) { h->n_midi = 0; }
