/* Events from the control port, each applied at its frame (run() renders up to the
 * event first): patch:Set / patch:Get for the properties, time:Position, MIDI; and
 * time:Position from Phonon FX's transport port. Text and
 * paths are copied into plugin-owned buffers and handed to the worker with a small
 * token; one compile is in flight at a time and the newest text wins. The editor's
 * draft takes the same road to the worker (which keeps it for save()), and its hush
 * fades the output until the next text. [audio] */
#include <string.h>

#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>

#include "ph_lv2.h"

bool ph_lv2_retire(ph_lv2 *self, ph_program *p, ph_lv2_result *r)
{
    const unsigned head = atomic_load_explicit(&self->retire_head, memory_order_relaxed);
    const unsigned tail = atomic_load_explicit(&self->retire_tail, memory_order_acquire);
    if (head - tail >= PH_LV2_RETIRE_CAP) return false;
    self->retire[head % PH_LV2_RETIRE_CAP] = (ph_lv2_retiree){.program = p, .result = r};
    atomic_store_explicit(&self->retire_head, head + 1, memory_order_release);
    self->free_unsent = true;
    return true;
}

static bool schedule(ph_lv2 *self, ph_lv2_token token)
{
    const uint32_t t = token;
    return self->schedule->schedule_work(self->schedule->handle, sizeof t, &t) ==
           LV2_WORKER_SUCCESS;
}

/* Hands the newest pending text / path to the worker when the stage is free, and
 * retries tokens the host's ring had no room for. */
void ph_lv2_flush_requests(ph_lv2 *self)
{
    if (self->pend_dirty && !atomic_load_explicit(&self->stage_full, memory_order_acquire)) {
        memcpy(self->stage, self->pend, self->pend_len);
        self->stage_len = self->pend_len;
        atomic_store_explicit(&self->stage_full, 1, memory_order_release);
        self->pend_dirty = false;
        self->stage_unsent = true;
    }
    if (self->stage_unsent && schedule(self, PH_TOKEN_COMPILE_STAGE)) self->stage_unsent = false;

    if (self->pend_path_dirty &&
        !atomic_load_explicit(&self->stage_path_full, memory_order_acquire)) {
        memcpy(self->stage_path, self->pend_path, sizeof self->stage_path);
        atomic_store_explicit(&self->stage_path_full, 1, memory_order_release);
        self->pend_path_dirty = false;
        self->path_unsent = true;
    }
    if (self->path_unsent && schedule(self, PH_TOKEN_SET_PATH)) self->path_unsent = false;

    if (self->draft_dirty && !atomic_load_explicit(&self->draft_stage_full, memory_order_acquire)) {
        memcpy(self->draft_stage, self->draft, self->draft_len);
        self->draft_stage_len = self->draft_len;
        atomic_store_explicit(&self->draft_stage_full, 1, memory_order_release);
        self->draft_dirty = false;
        self->draft_unsent = true;
    }
    if (self->draft_unsent && schedule(self, PH_TOKEN_DRAFT)) self->draft_unsent = false;

    if (self->free_unsent && schedule(self, PH_TOKEN_FREE)) self->free_unsent = false;
}

static void set_error(ph_lv2 *self, uint32_t frame, const char *msg)
{
    size_t n = strlen(msg);
    if (n >= sizeof self->cur_error) n = sizeof self->cur_error - 1;
    memcpy(self->cur_error, msg, n);
    self->cur_error[n] = '\0';
    ph_lv2_notify_string(self, frame, self->uris.ph_error, self->uris.atom_String,
                         self->cur_error, n);
}

static bool same_as_playing(const ph_lv2 *self, const char *s, size_t len)
{
    if (self->pend_valid) return len == self->pend_len && !memcmp(s, self->pend, len);
    const ph_lv2_result *c = self->current;
    return c && c->text_len == len && !memcmp(c->text, s, len);
}

static void set_text(ph_lv2 *self, uint32_t frame, const LV2_Atom *value)
{
    const char *s = LV2_ATOM_BODY_CONST(value);
    const size_t len = strnlen(s, value->size); /* the body may or may not end in NUL */
    if (len > PH_LV2_TEXT_MAX) {
        set_error(self, frame, "text too long: the limit is 131072 bytes; the old program plays on");
        return;
    }
    /* Evaluating ends a hush, even when the text is the one that plays. */
    self->hushed = false;
    /* Hosts echo what we notify (Ardour's entry does): identical text is not news. */
    if (same_as_playing(self, s, len)) return;
    memcpy(self->pend, s, len);
    self->pend_len = len;
    self->pend_dirty = self->pend_valid = true;
    ph_lv2_flush_requests(self);
}

static void set_draft(ph_lv2 *self, uint32_t frame, const LV2_Atom *value)
{
    const char *s = LV2_ATOM_BODY_CONST(value);
    const size_t len = strnlen(s, value->size);
    if (len > PH_LV2_TEXT_MAX) {
        set_error(self, frame, "draft too long: the limit is 131072 bytes");
        return;
    }
    if (len == self->draft_len && !memcmp(self->draft, s, len)) return;
    memcpy(self->draft, s, len);
    self->draft_len = len;
    self->draft_dirty = true;
    ph_lv2_flush_requests(self);
    ph_lv2_notify_state_changed(self, frame); /* the session has unsaved work */
}

static void set_path(ph_lv2 *self, uint32_t frame, const LV2_Atom *value)
{
    const char *s = LV2_ATOM_BODY_CONST(value);
    const size_t len = strnlen(s, value->size);
    if (len >= PH_LV2_PATH_MAX) {
        set_error(self, frame, "pattern file path too long");
        return;
    }
    memcpy(self->pend_path, s, len);
    self->pend_path[len] = '\0';
    self->pend_path_dirty = true;
    ph_lv2_flush_requests(self);
}

static void patch_set(ph_lv2 *self, uint32_t frame, const LV2_Atom_Object *obj)
{
    const ph_lv2_uris *u = &self->uris;
    const LV2_Atom *property = NULL, *value = NULL;
    lv2_atom_object_get(obj, u->patch_property, &property, u->patch_value, &value, 0);
    if (!property || property->type != u->atom_URID) return;
    const LV2_URID key = ((const LV2_Atom_URID *)property)->body;
    if (key == u->ph_hush) {
        self->hushed = true; /* any value: the message is the request */
        return;
    }
    if (key != u->ph_text && key != u->ph_file && key != u->ph_draft) return; /* unknown or read-only */
    if (!value) {
        /* Qtractor drops values longer than its 1024-byte buffer. */
        set_error(self, frame, "patch:Set without a value (text too long for the host?)");
        return;
    }
    if (key == u->ph_text && value->type == u->atom_String)
        set_text(self, frame, value);
    else if (key == u->ph_draft && value->type == u->atom_String)
        set_draft(self, frame, value);
    else if (key == u->ph_file && (value->type == u->atom_Path || value->type == u->atom_String))
        set_path(self, frame, value);
    else
        set_error(self, frame, "patch:Set value has the wrong type");
}

static void patch_get(ph_lv2 *self, uint32_t frame, const LV2_Atom_Object *obj)
{
    const ph_lv2_uris *u = &self->uris;
    const LV2_Atom *property = NULL;
    lv2_atom_object_get(obj, u->patch_property, &property, 0);
    LV2_URID only = 0;
    if (property && property->type == u->atom_URID) only = ((const LV2_Atom_URID *)property)->body;
    if (only && only != u->ph_text && only != u->ph_file && only != u->ph_error &&
        only != u->ph_draft)
        return;
    ph_lv2_notify_all(self, frame, only);
}

static void midi(ph_lv2 *self, const uint8_t *m, uint32_t size)
{
    if (size < 2 || size > 3) return; /* no SysEx */
    const uint8_t status = m[0] & 0xF0;
    const int d1 = m[1] & 0x7F, d2 = size > 2 ? m[2] & 0x7F : 0;
    switch (status) {
    case LV2_MIDI_MSG_NOTE_ON:
        if (d2 > 0) ph_engine_note_on(self->engine, d1, d2);
        else ph_engine_note_off(self->engine, d1);
        break;
    case LV2_MIDI_MSG_NOTE_OFF:
        ph_engine_note_off(self->engine, d1);
        break;
    case LV2_MIDI_MSG_CONTROLLER:
        if (d1 >= 1 && d1 <= PH_MACROS) {
            ph_engine_set_macro(self->engine, d1 - 1, (float)d2 / 127.0f);
        } else if (d1 == LV2_MIDI_CTL_SUSTAIN) {
            ph_engine_set_sustain(self->engine, d2 >= 64);
        } else if (d1 == LV2_MIDI_CTL_ALL_SOUNDS_OFF || d1 == LV2_MIDI_CTL_ALL_NOTES_OFF) {
            ph_engine_set_sustain(self->engine, false);
            for (int n = 0; n < 128; n++) ph_engine_note_off(self->engine, n);
        }
        break;
    case LV2_MIDI_MSG_BENDER: /* 14 bits, centre 8192: the wheel bends +-2 semitones */
        ph_engine_set_pitch_bend(self->engine, (float)((d2 << 7 | d1) - 8192) / 8192.0f * 2.0f);
        break;
    default:
        break;
    }
}

void ph_lv2_handle_event(ph_lv2 *self, const LV2_Atom_Event *ev, uint32_t frame)
{
    const ph_lv2_uris *u = &self->uris;
    if (ev->body.type == u->midi_MidiEvent) {
        ph_lv2_suite_midi_in(self, (const uint8_t *)(ev + 1), ev->body.size, frame); /* Phonon MIDI's thru */
        midi(self, (const uint8_t *)(ev + 1), ev->body.size);
        return;
    }
    if (ev->body.type != u->atom_Object && ev->body.type != u->atom_Blank) return;
    const LV2_Atom_Object *obj = (const LV2_Atom_Object *)&ev->body;
    if (obj->body.otype == u->patch_Set)
        patch_set(self, frame, obj);
    else if (obj->body.otype == u->patch_Get)
        patch_get(self, frame, obj);
    else if (obj->body.otype == u->time_Position)
        ph_lv2_transport_position(self, obj);
}

void ph_lv2_handle_position_event(ph_lv2 *self, const LV2_Atom_Event *ev)
{
    const ph_lv2_uris *u = &self->uris;
    if (ev->body.type != u->atom_Object && ev->body.type != u->atom_Blank) return;
    const LV2_Atom_Object *obj = (const LV2_Atom_Object *)&ev->body;
    /* The same position on both ports (a host that sends it to every input) is applied
     * twice at one frame: the second finds the clock where it says and changes nothing. */
    if (obj->body.otype == u->time_Position) ph_lv2_transport_position(self, obj);
}
