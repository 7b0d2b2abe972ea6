/* Programs compiled for MIDI output (ph_settings.midi_out, Phonon MIDI): the patterns and
 * sounds the outputs play become MIDI out nodes (nodes/ph_node_midiout.c), and the MIDI
 * controls are accepted on sounds. A sound lowered anywhere else (a bus, a mix) becomes a
 * MIDI node too (ph_lower.c); a pattern used as a parameter stays a parameter. And the
 * MIDI input as a pattern: `held`, the chord the engine copies into the patch. */
#include <string.h>

#include "compile/ph_compile.h"

bool ph_midi_key(const char *key)
{
    for (const char *const *k = ph_midi_controls(); *k; k++)
        if (!strcmp(*k, key)) return true;
    return false;
}

bool ph_midi_control(const ph_compiler *c, const char *key)
{
    return c->set && c->set->midi_out && ph_midi_key(key);
}

void ph_midi_output(ph_compiler *c, ph_term *v, int channel)
{
    if (!c->set || !c->set->midi_out || !c->g) return;
    if (v->type != PH_T_PAT && v->type != PH_T_SOUND) return; /* a signal or a number: audio, silent here */
    const double rate = ph_compiler_rate(c);
    const int node = ph_node_midi_out(c->g, v->pat, rate, channel >= 1 ? channel : 1);
    *v = ph_term_node(c, node, 1, v->at, "midi out");
}

ph_term ph_held_term(ph_compiler *c, const ph_ast_node *at)
{
    if (!c->patch->held) c->patch->held = ph_heap_alloc(c->heap, sizeof *c->patch->held);
    const ph_pat *p = c->patch->held ? ph_held_pattern(c->heap, c->patch->held) : NULL;
    if (!p) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    return ph_term_pat(p, at);
}
