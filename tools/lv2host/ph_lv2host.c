/* Plugin instances: instantiation, one buffer per port, and running blocks of a stream
 * (see ph_lv2host.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/forge.h>
#include <lv2/midi/midi.h>
#include <lv2/patch/patch.h>
#include <lv2/time/time.h>

#include "ph_lv2host_impl.h"

static bool port_supports(ph_lv2host *h, const LilvPort *port, const char *uri)
{
    LilvNode *supports = lilv_new_uri(h->cfg.world, LV2_ATOM__supports);
    LilvNode *what = lilv_new_uri(h->cfg.world, uri);
    LilvNodes *v = lilv_port_get_value(h->cfg.plugin, port, supports);
    const bool yes = v && lilv_nodes_contains(v, what);
    lilv_nodes_free(v);
    lilv_node_free(what);
    lilv_node_free(supports);
    return yes;
}

/* An atom input's buffer: the position buffer for an input that supports time:Position
 * and neither MIDI nor patch messages, else the control buffer. */
static void *atom_input_buffer(ph_lv2host *h, const LilvPort *port)
{
    const bool midi = port_supports(h, port, LV2_MIDI__MidiEvent);
    if (!midi && !port_supports(h, port, LV2_PATCH__Message) &&
        port_supports(h, port, LV2_TIME__Position))
        return h->position_buf;
    h->control_midi |= midi;
    return h->control_buf;
}

/* Every audio port gets a max_block buffer, every control port its default (0 where the
 * plugin gives none), atom inputs the control buffer (or the position buffer) and atom
 * outputs the notify buffer (or the MIDI output buffer). */
static void connect_ports(ph_lv2host *h)
{
    const LilvPlugin *p = h->cfg.plugin;
    LilvWorld *w = h->cfg.world;
    float *defaults = calloc(h->n_ports, sizeof(float));
    lilv_plugin_get_port_ranges_float(p, NULL, NULL, defaults);
    LilvNode *audio = lilv_new_uri(w, LV2_CORE__AudioPort);
    LilvNode *control = lilv_new_uri(w, LV2_CORE__ControlPort);
    LilvNode *atom = lilv_new_uri(w, LV2_ATOM__AtomPort);
    LilvNode *input = lilv_new_uri(w, LV2_CORE__InputPort);
    for (uint32_t i = 0; i < h->n_ports; i++) {
        const LilvPort *port = lilv_plugin_get_port_by_index(p, i);
        void *buf = NULL;
        if (lilv_port_is_a(p, port, audio) && lilv_port_is_a(p, port, input)) {
            if (h->n_inputs < 2) buf = h->in_audio[h->n_inputs++] = calloc(h->cfg.max_block, sizeof(float));
        } else if (lilv_port_is_a(p, port, audio)) {
            if (h->n_channels < PH_LV2HOST_MAX_CHANNELS)
                buf = h->audio[h->n_channels++] = calloc(h->cfg.max_block, sizeof(float));
        } else if (lilv_port_is_a(p, port, control)) {
            h->controls[i] = isnan(defaults[i]) ? 0.0f : defaults[i];
            buf = &h->controls[i];
        } else if (lilv_port_is_a(p, port, atom)) {
            buf = lilv_port_is_a(p, port, input) ? atom_input_buffer(h, port)
                  : ph_lv2host_is_notify(h, port)  ? (void *)h->notify_buf
                                                   : (void *)h->midi_buf;
            if (!lilv_port_is_a(p, port, input) && !h->first_out_buf) h->first_out_buf = buf;
        }
        lilv_instance_connect_port(h->inst, i, buf);
    }
    lilv_node_free(audio);
    lilv_node_free(control);
    lilv_node_free(atom);
    lilv_node_free(input);
    free(defaults);
}

ph_lv2host *ph_lv2host_new(const ph_lv2host_config *config)
{
    if (!config->plugin || !config->world || config->max_block < 1) return NULL;
    ph_lv2host *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->cfg = *config;
    ph_lv2host_features_init(h);
    ph_lv2host_worker_init(h);
    h->inst = lilv_plugin_instantiate(h->cfg.plugin, h->cfg.rate, h->features);
    if (!h->inst) {
        ph_lv2host_free(h);
        return NULL;
    }
    ph_lv2host_worker_start(h);
    h->n_ports = lilv_plugin_get_num_ports(h->cfg.plugin);
    h->controls = calloc(h->n_ports, sizeof(float));
    h->control_buf = aligned_alloc(64, PH_LV2HOST_ATOM_CAPACITY);
    h->notify_buf = aligned_alloc(64, PH_LV2HOST_ATOM_CAPACITY);
    h->midi_buf = aligned_alloc(64, PH_LV2HOST_ATOM_CAPACITY);
    h->position_buf = aligned_alloc(64, PH_LV2HOST_ATOM_CAPACITY);
    connect_ports(h);
    return h;
}

void ph_lv2host_activate(ph_lv2host *h)
{
    lilv_instance_activate(h->inst);
    h->active = true;
}

void ph_lv2host_free(ph_lv2host *h)
{
    if (!h) return;
    ph_lv2host_worker_stop(h); /* first: the worker thread calls into the instance */
    if (h->inst && h->active) lilv_instance_deactivate(h->inst);
    if (h->inst) lilv_instance_free(h->inst);
    for (uint32_t c = 0; c < h->n_channels; c++) free(h->audio[c]);
    for (uint32_t c = 0; c < h->n_inputs; c++) free(h->in_audio[c]);
    free(h->midi_buf);
    free(h->midi);
    free(h->controls);
    free(h->control_buf);
    free(h->position_buf);
    free(h->notify_buf);
    ph_lv2host_clear_notifications(h);
    ph_lv2host_features_destroy(h);
    free(h);
}

LilvInstance *ph_lv2host_instance(ph_lv2host *h) { return h->inst; }
uint32_t ph_lv2host_channels(const ph_lv2host *h) { return h->n_channels; }
int64_t ph_lv2host_position(const ph_lv2host *h) { return h->pos; }
void ph_lv2host_late_events(ph_lv2host *h, bool late) { h->late = late; }

void ph_lv2host_set_control(ph_lv2host *h, uint32_t i, float v)
{
    if (i < h->n_ports) h->controls[i] = v;
}

float ph_lv2host_control(const ph_lv2host *h, uint32_t i)
{
    return i < h->n_ports ? h->controls[i] : NAN;
}

void ph_lv2host_set_port_value(const char *symbol, void *user_data, const void *value,
                               uint32_t size, uint32_t type)
{
    ph_lv2host *h = user_data;
    LilvNode *sym = lilv_new_string(h->cfg.world, symbol);
    const LilvPort *port = lilv_plugin_get_port_by_symbol(h->cfg.plugin, sym);
    lilv_node_free(sym);
    if (!port) return;
    float v;
    if (type == ph_lv2host_map(LV2_ATOM__Float) && size == sizeof(float))
        v = *(const float *)value;
    else if (type == ph_lv2host_map(LV2_ATOM__Double) && size == sizeof(double))
        v = (float)*(const double *)value;
    else if (type == ph_lv2host_map(LV2_ATOM__Int) && size == sizeof(int32_t))
        v = (float)*(const int32_t *)value;
    else
        return;
    ph_lv2host_set_control(h, lilv_port_get_index(h->cfg.plugin, port), v);
}

/* Which of the stream's events an atom input gets. */
typedef enum ev_filter { EV_ALL, EV_UI_ONLY, EV_POSITION_ONLY } ev_filter;

static bool wanted(const LV2_Atom *a, ev_filter f)
{
    if (f == EV_ALL) return true;
    const bool midi = a->type == ph_lv2host_map(LV2_MIDI__MidiEvent);
    const bool position = (a->type == ph_lv2host_map(LV2_ATOM__Object) ||
                           a->type == ph_lv2host_map(LV2_ATOM__Blank)) &&
                          ((const LV2_Atom_Object *)a)->body.otype == ph_lv2host_map(LV2_TIME__Position);
    return f == EV_POSITION_ONLY ? position : !midi && !position;
}

/* Writes one input's sequence from the stream's events [from, to). */
static void write_sequence(ph_lv2host *h, LV2_Atom_Sequence *buf, const ph_lv2host_stream *s,
                           size_t from, size_t to, ev_filter f)
{
    LV2_Atom_Forge forge;
    lv2_atom_forge_init(&forge, ph_lv2host_map_feature());
    lv2_atom_forge_set_buffer(&forge, (uint8_t *)buf, PH_LV2HOST_ATOM_CAPACITY);
    LV2_Atom_Forge_Frame seq;
    lv2_atom_forge_sequence_head(&forge, &seq, 0);
    for (size_t i = from; i < to; i++) {
        const ph_lv2host_event *e = &s->ev[i];
        if (!wanted(e->atom, f)) continue;
        int64_t t = e->frame - h->pos;
        if (t < 0) t = 0;
        lv2_atom_forge_frame_time(&forge, t);
        lv2_atom_forge_write(&forge, e->atom, sizeof(LV2_Atom) + e->atom->size);
    }
    lv2_atom_forge_pop(&forge, &seq);
}

/* Writes the atom inputs' sequences for the block [pos, pos + n): the stream's events in
 * that span, or in [pos, pos + n] in the "late" mode, where an event due at pos + n goes
 * out at frame n as jalv does. */
static void write_control(ph_lv2host *h, const ph_lv2host_stream *s, size_t *next_ev,
                          uint32_t n)
{
    const int64_t end = h->pos + n + (h->late ? 1 : 0);
    const size_t from = *next_ev;
    size_t to = from;
    while (s && to < s->n && s->ev[to].frame < end) to++;
    write_sequence(h, h->control_buf, s, from, to,
                   h->cfg.no_midi && h->control_midi ? EV_UI_ONLY : EV_ALL);
    write_sequence(h, h->position_buf, s, from, to, EV_POSITION_ONLY);
    *next_ev = to;
}

static void run_block(ph_lv2host *h, const ph_lv2host_stream *s, size_t *next_ev, uint32_t n)
{
    write_control(h, s, next_ev, n);
    ph_lv2host_fill_inputs(h, n);
    /* the notify port's capacity, which the plugin overwrites with what it wrote */
    h->notify_buf->atom.size = PH_LV2HOST_ATOM_CAPACITY - sizeof(LV2_Atom);
    h->notify_buf->atom.type = ph_lv2host_map(LV2_ATOM__Chunk);
    h->n_responses = 0;
    h->in_run = true;
    if (h->cfg.enter_run) h->cfg.enter_run();
    lilv_instance_run(h->inst, n);
    if (h->cfg.leave_run) h->cfg.leave_run();
    h->in_run = false;
    ph_lv2host_worker_end_run(h);
    ph_lv2host_read_notify(h);
    ph_lv2host_read_midi(h);
    h->pos += n;
}

void ph_lv2host_render(ph_lv2host *h, const ph_lv2host_stream *s, int64_t frames,
                       const uint32_t *sizes, size_t n_sizes, float **out)
{
    const uint32_t max_block = h->cfg.max_block;
    size_t next_ev = 0;
    while (s && next_ev < s->n && s->ev[next_ev].frame < h->pos) next_ev++;
    int64_t done = 0;
    size_t k = 0;
    while (done < frames) {
        uint32_t n = sizes && n_sizes ? sizes[k++ % n_sizes] : max_block;
        if (n > max_block) n = max_block;
        if (n < 1) n = 1;
        if ((int64_t)n > frames - done) n = (uint32_t)(frames - done);
        run_block(h, s, &next_ev, n);
        if (out)
            for (uint32_t c = 0; c < h->n_channels; c++)
                if (out[c]) memcpy(out[c] + done, h->audio[c], n * sizeof(float));
        done += n;
    }
}
