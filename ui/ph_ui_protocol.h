/* The messages between the Phonon plugins and their editor UI. Everything travels as
 * atoms on the plugin's control (UI -> plugin) and notify (plugin -> UI) ports, so the
 * UI also works out of process (Carla's bridges) and never needs instance-access.
 *
 *   UI -> plugin   patch:Set ph:text  "..."     evaluate this program
 *                  patch:Set ph:draft "..."     unevaluated text, kept in the state
 *                  patch:Set ph:hush  true      fade out until the next evaluation
 *                  patch:Get                    ask for text, file, error and draft
 *   plugin -> UI   patch:Set ph:text / ph:file / ph:error / ph:draft
 *                  ph:Status [ ph:cycle, ph:cps, ph:rolling, ph:hushed, ph:peakL, ph:peakR ]
 *                  about 30 times a second of audio time.
 *
 * The plugin (plugins/ph_lv2.h) and the UI both map these names; they share no code. */
#ifndef PH_UI_PROTOCOL_H
#define PH_UI_PROTOCOL_H

#define PH_UI_URI "urn:phonon:ui"
#define PH_PROTO_TEXT "urn:phonon:text"
#define PH_PROTO_FILE "urn:phonon:file"
#define PH_PROTO_ERROR "urn:phonon:error"
#define PH_PROTO_DRAFT "urn:phonon:draft"
#define PH_PROTO_HUSH "urn:phonon:hush"
#define PH_PROTO_STATUS "urn:phonon:Status"
#define PH_PROTO_CYCLE "urn:phonon:cycle"
#define PH_PROTO_CPS "urn:phonon:cps"
#define PH_PROTO_ROLLING "urn:phonon:rolling"
#define PH_PROTO_HUSHED "urn:phonon:hushed"
#define PH_PROTO_PEAK_L "urn:phonon:peakL"
#define PH_PROTO_PEAK_R "urn:phonon:peakR"

#define PH_PROTO_PORT_CONTROL 0
#define PH_PROTO_PORT_NOTIFY 1
/* Phonon MIDI's notify port comes after its MIDI output (see ttl/phonon-midi.ttl). */
#define PH_PROTO_PORT_NOTIFY_MIDI 2
#define PH_PROTO_MIDI_URI "urn:phonon:midi"

#endif
