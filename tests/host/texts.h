/* .ph texts and small helpers shared by the host tests. */
#ifndef PH_TEST_TEXTS_H
#define PH_TEST_TEXTS_H

#include <string.h>

#include "host.h"

#define RATE 48000.0
/* A beat with pitched material: busy enough that any timing change shows. */
#define TEXT_BEAT "~drums: s \"[bd*4, hh*8, ~ sn ~ sn]\"\n" \
                  "~bass: saw \"55 55 82.5 <110 73.4>\" # lpf 800 0.7\n" \
                  "out: ~drums * 0.8 + ~bass * 0.3\n"
/* The same program on one line with ';' (how a host's one-line entry sends it). */
#define TEXT_BEAT_ONELINE "~drums: s \"[bd*4, hh*8, ~ sn ~ sn]\"; " \
                          "~bass: saw \"55 55 82.5 <110 73.4>\" # lpf 800 0.7; " \
                          "out: ~drums * 0.8 + ~bass * 0.3"
#define TEXT_TONE "out: sine 440 * 0.5\n"
#define TEXT_OTHER "out: saw \"110 220\" # lpf 1200 0.5\n"
#define TEXT_KICK "out: s \"bd\"\n" /* one kick per cycle: onsets show the clock */
#define TEXT_MACRO "out: sine 440 * ~m1\n"
#define TEXT_BAD "out: sine 440 # lfp 800 0.7\n" /* lfp: did you mean lpf? */

static inline void stream_text_str(host_stream *s, int64_t frame, const char *text)
{
    stream_text(s, frame, text, strlen(text));
}

#endif
