/* Maps every URI the plugin compares against, once, in instantiate. run() only
 * compares integers. */
#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/midi/midi.h>
#include <lv2/patch/patch.h>
#include <lv2/state/state.h>
#include <lv2/time/time.h>

#include "ph_lv2.h"

void ph_lv2_map_uris(ph_lv2_uris *u, LV2_URID_Map *map)
{
    LV2_URID (*m)(LV2_URID_Map_Handle, const char *) = map->map;
    LV2_URID_Map_Handle h = map->handle;
    u->atom_Blank = m(h, LV2_ATOM__Blank);
    u->atom_Bool = m(h, LV2_ATOM__Bool);
    u->atom_Double = m(h, LV2_ATOM__Double);
    u->atom_Float = m(h, LV2_ATOM__Float);
    u->atom_Int = m(h, LV2_ATOM__Int);
    u->atom_Long = m(h, LV2_ATOM__Long);
    u->atom_Object = m(h, LV2_ATOM__Object);
    u->atom_Path = m(h, LV2_ATOM__Path);
    u->atom_Sequence = m(h, LV2_ATOM__Sequence);
    u->atom_String = m(h, LV2_ATOM__String);
    u->atom_URID = m(h, LV2_ATOM__URID);
    u->midi_MidiEvent = m(h, LV2_MIDI__MidiEvent);
    u->patch_Get = m(h, LV2_PATCH__Get);
    u->patch_Set = m(h, LV2_PATCH__Set);
    u->patch_property = m(h, LV2_PATCH__property);
    u->patch_value = m(h, LV2_PATCH__value);
    u->time_Position = m(h, LV2_TIME__Position);
    u->time_bar = m(h, LV2_TIME__bar);
    u->time_barBeat = m(h, LV2_TIME__barBeat);
    u->time_beatsPerBar = m(h, LV2_TIME__beatsPerBar);
    u->time_beatsPerMinute = m(h, LV2_TIME__beatsPerMinute);
    u->time_speed = m(h, LV2_TIME__speed);
    u->state_StateChanged = m(h, LV2_STATE__StateChanged);
    u->bufsz_maxBlockLength = m(h, LV2_BUF_SIZE__maxBlockLength);
    u->bufsz_nominalBlockLength = m(h, LV2_BUF_SIZE__nominalBlockLength);
    u->ph_text = m(h, PH_PROTO_TEXT);
    u->ph_file = m(h, PH_PROTO_FILE);
    u->ph_error = m(h, PH_PROTO_ERROR);
    u->ph_draft = m(h, PH_PROTO_DRAFT);
    u->ph_hush = m(h, PH_PROTO_HUSH);
    u->ph_Status = m(h, PH_PROTO_STATUS);
    u->ph_cycle = m(h, PH_PROTO_CYCLE);
    u->ph_cps = m(h, PH_PROTO_CPS);
    u->ph_rolling = m(h, PH_PROTO_ROLLING);
    u->ph_hushed = m(h, PH_PROTO_HUSHED);
    u->ph_peakL = m(h, PH_PROTO_PEAK_L);
    u->ph_peakR = m(h, PH_PROTO_PEAK_R);
}
