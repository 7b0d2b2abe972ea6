/* Voice nodes: `s "bd sn"` and the synth functions. A voice node queries its pattern of
 * control maps once per query window; each event onset starts a voice at its exact sample
 * with the event's controls (s, n, gain, pan, speed, note, begin, end, cut, attack,
 * release, legato, freq); voices render stereo into the node's buffers.
 *
 * Sounds: the built-in synthesised kit (dsp/ph_drums.h), sample folders in the
 * Dirt-Samples layout when the settings name one, and the synths supersaw/superpwm. */
#ifndef PH_VOICE_NODE_H
#define PH_VOICE_NODE_H

#include "compile/ph_compile.h"

#define PH_VOICES_PER_NODE 64 /* polyphony of one `s` pattern; the oldest voice is stolen */

/* Makes the voice node for a CV_SOUND value (its pattern and signal controls). */
int ph_cc_voice_node(ph_cc *c, cv *v);

#endif
