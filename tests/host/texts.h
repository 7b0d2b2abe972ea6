/* .ph texts and small helpers shared by the host tests. */
#ifndef PH_TEST_TEXTS_H
#define PH_TEST_TEXTS_H

#include <string.h>

#include "host.h"

#define RATE 48000.0
/* Texts the render, state, file and RT tests use need no pattern strings: a feedback
 * delay, a modulated filter and a MIDI-played voice are as sensitive to block sizes,
 * restores and timing as a beat is. */
#define TEXT_RICH "~lfo: sine 0.25\n" \
                  "~bass: saw 55 # lpf (~lfo * 1500 + 600) 1.67\n" \
                  "~keys: saw midi # lpf 3000 0.714 # adsr 0.01 0.1 0.6 0.2\n" \
                  "~fb: (~keys * 0.3 + ~fb * 0.5) # delay 0.125 0.4\n" \
                  "out: ~bass * 0.3 + ~keys * 0.3 + ~fb * 0.3 + sine 330 * ~m1 * 0.2\n"
/* The same program on one line with ';' (how a host's one-line entry sends it). */
#define TEXT_RICH_ONELINE "~lfo: sine 0.25; ~bass: saw 55 # lpf (~lfo * 1500 + 600) 1.67; " \
                          "~keys: saw midi # lpf 3000 0.714 # adsr 0.01 0.1 0.6 0.2; " \
                          "~fb: (~keys * 0.3 + ~fb * 0.5) # delay 0.125 0.4; " \
                          "out: ~bass * 0.3 + ~keys * 0.3 + ~fb * 0.3 + sine 330 * ~m1 * 0.2"
#define TEXT_TONE "out: sine 440 * 0.5\n"
#define TEXT_OTHER "out: saw 110 # lpf 1200 1\n"
#define TEXT_MACRO "out: sine 440 * ~m1\n"
#define TEXT_BAD "out: sine 440 # lfp 800 0.7\n" /* lfp: did you mean lpf? */
/* Pattern texts (the time tests): one kick per cycle shows where the bar lines are. */
#define TEXT_KICK "out: s \"bd\"\n"
#define TEXT_BEAT "~drums: s \"[bd*4, hh*8, ~ sn ~ sn]\"\n" \
                  "~bass: saw \"55 55 82.5 <110 73.4>\" # lpf 800 1.67\n" \
                  "out: ~drums * 0.8 + ~bass * 0.3\n"

static inline void stream_text_str(ph_lv2host_stream *s, int64_t frame, const char *text)
{
    ph_lv2host_stream_text(s, frame, text, strlen(text));
}

#endif
