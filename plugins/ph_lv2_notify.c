/* The notify port: patch:Set messages for the readable properties (text, file, error,
 * and the editor's draft), state:StateChanged, and the editor's status objects. Written with a forge set up at the start of every run(); a
 * message that does not fit is dropped, never the audio. [audio] */
#include <string.h>

#include <lv2/atom/util.h>

#include "ph_lv2.h"

void ph_lv2_notify_begin(ph_lv2 *self)
{
    self->forge_ok = false;
    if (!self->notify) return;
    const uint32_t capacity = self->notify->atom.size;
    lv2_atom_forge_set_buffer(&self->forge, (uint8_t *)self->notify, capacity);
    self->forge_ok = lv2_atom_forge_sequence_head(&self->forge, &self->notify_frame, 0) != 0;
}

void ph_lv2_notify_end(ph_lv2 *self)
{
    if (self->forge_ok) lv2_atom_forge_pop(&self->forge, &self->notify_frame);
}

/* Room left in the notify buffer, in bytes. */
static uint32_t room(const ph_lv2 *self)
{
    const LV2_Atom_Forge *f = &self->forge;
    return f->offset < f->size ? f->size - f->offset : 0;
}

void ph_lv2_notify_string(ph_lv2 *self, uint32_t frame, LV2_URID property, LV2_URID type,
                          const char *s, size_t len)
{
    /* An event header, an object with two keys and the string: 128 bytes cover the rest. */
    if (!self->forge_ok || len + 128 > room(self)) return;
    const ph_lv2_uris *u = &self->uris;
    LV2_Atom_Forge *f = &self->forge;
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_frame_time(f, frame);
    lv2_atom_forge_object(f, &obj, 0, u->patch_Set);
    lv2_atom_forge_key(f, u->patch_property);
    lv2_atom_forge_urid(f, property);
    lv2_atom_forge_key(f, u->patch_value);
    lv2_atom_forge_typed_string(f, type, s, (uint32_t)len);
    lv2_atom_forge_pop(f, &obj);
}

void ph_lv2_notify_state_changed(ph_lv2 *self, uint32_t frame)
{
    if (!self->forge_ok || room(self) < 64) return;
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_frame_time(&self->forge, frame);
    lv2_atom_forge_object(&self->forge, &obj, 0, self->uris.state_StateChanged);
    lv2_atom_forge_pop(&self->forge, &obj);
}

void ph_lv2_notify_all(ph_lv2 *self, uint32_t frame, LV2_URID only)
{
    const ph_lv2_uris *u = &self->uris;
    if (!only || only == u->ph_text) {
        const ph_lv2_result *c = self->current;
        ph_lv2_notify_string(self, frame, u->ph_text, u->atom_String, c ? c->text : "",
                             c ? c->text_len : 0);
    }
    if (!only || only == u->ph_file)
        ph_lv2_notify_string(self, frame, u->ph_file, u->atom_Path, self->cur_path,
                             strlen(self->cur_path));
    if (!only || only == u->ph_error)
        ph_lv2_notify_string(self, frame, u->ph_error, u->atom_String, self->cur_error,
                             strlen(self->cur_error));
    if (!only || only == u->ph_draft)
        ph_lv2_notify_string(self, frame, u->ph_draft, u->atom_String, self->draft,
                             self->draft_len);
}

void ph_lv2_notify_status(ph_lv2 *self, uint32_t frame)
{
    if (!self->forge_ok || room(self) < 256) return;
    const ph_lv2_uris *u = &self->uris;
    const ph_lv2_transport *t = &self->transport;
    LV2_Atom_Forge *f = &self->forge;
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_frame_time(f, frame);
    lv2_atom_forge_object(f, &obj, 0, u->ph_Status);
    lv2_atom_forge_key(f, u->ph_cycle);
    lv2_atom_forge_double(f, ph_engine_cycle(self->engine));
    lv2_atom_forge_key(f, u->ph_cps);
    lv2_atom_forge_double(f, t->applied_cps > 0 ? t->applied_cps : 0.0);
    lv2_atom_forge_key(f, u->ph_rolling);
    lv2_atom_forge_bool(f, t->applied_rolling != 0);
    lv2_atom_forge_key(f, u->ph_hushed);
    lv2_atom_forge_bool(f, self->hushed);
    lv2_atom_forge_key(f, u->ph_peakL);
    lv2_atom_forge_float(f, self->peak[0]);
    lv2_atom_forge_key(f, u->ph_peakR);
    lv2_atom_forge_float(f, self->peak[1]);
    lv2_atom_forge_pop(f, &obj);
}
