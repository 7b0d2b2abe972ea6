/* The public view of the names table (phonon.h, ph_language_name). */
#include "compile/ph_names.h"
#include "phonon/phonon.h"

uint32_t ph_language_name_count(void) { return (uint32_t)ph_names_count(); }

bool ph_language_name(uint32_t index, ph_name_info *out)
{
    const ph_name *n = ph_names_at(index);
    if (!n || !out) return false;
    out->name = n->name;
    out->pattern_usage = n->pattern ? n->pattern->usage : NULL;
    out->signal_usage = n->dsp ? n->dsp->usage : NULL;
    out->control_usage = n->control ? n->control->usage : NULL;
    out->control_played = n->control && n->control->played;
    return true;
}
