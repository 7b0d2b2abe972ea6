/* The engine on a live audio thread: programs compiled elsewhere are handed to the audio
 * callback through a single-slot mailbox (the newest wins), and the programs the engine
 * has finished fading out come back through a ring to be freed off the audio thread —
 * the same hand-over the LV2 plugin does, without its host plumbing.
 *
 *     ph_player *pl = ph_player_new(&settings);           // settings.sample_rate = the device's
 *     ph_audio_out_start(out, ph_player_render, pl, err, sizeof err);
 *     ph_player_offer(pl, program);                       // any time, from one thread
 *     ph_player_collect(pl);                              // now and then, same thread
 *     ... close the audio output, then ph_player_free(pl);
 */
#ifndef PH_PLAYER_H
#define PH_PLAYER_H

#include <stdbool.h>
#include <stdint.h>

#include <phonon/phonon.h>

typedef struct ph_player ph_player;

/* NULL when the engine cannot be made. [non-RT] */
ph_player *ph_player_new(const ph_settings *s);
/* Frees everything; the audio callback must have stopped. [non-RT] */
void ph_player_free(ph_player *pl);

/* Hands p over (the player owns it from now on). When the text set a tempo, the clock
 * takes it at the swap (re-anchored: the cycle count runs on); otherwise the tempo stays.
 * A program offered earlier and not yet picked up is freed here. false (and p freed)
 * only when out of memory. [non-RT; one thread] */
bool ph_player_offer(ph_player *pl, ph_program *p);
/* Frees what the audio thread handed back. [non-RT; the thread that offers] */
void ph_player_collect(ph_player *pl);

/* [RT] A ph_audio_render_fn (user = the player): adopts the newest program, renders,
 * hands back. */
void ph_player_render(void *pl, float *const *out, uint32_t channels, uint32_t nframes);

/* The cycle position after the last rendered block, and how many programs have started
 * playing. [any thread] */
double ph_player_cycle(const ph_player *pl);
uint64_t ph_player_swaps(const ph_player *pl);

#endif
