/* libFuzzer target for the compiler and the renderer: any bytes either compile (then a few
 * blocks are rendered and must be finite) or give an error message; never a crash, leak,
 * hang or non-finite sample.
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Iengine \
 *         tests/fuzz/fuzz_compile.c $(find engine -name '*.c') -lsndfile -lm -lpthread \
 *         -o fuzz_compile && ./fuzz_compile -max_total_time=60 -max_len=512 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phonon/phonon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 300, .threads = 1, .sample_dir = NULL};
    ph_diag d;
    ph_program *p = ph_program_compile((const char *)data, size, &s, &d);
    if (!p) {
        if (d.message[0] == '\0' || d.line < 0 || d.column < 0) abort();
        return 0;
    }
    ph_engine *e = ph_engine_new(&s);
    if (!e) abort();
    ph_engine_set_program(e, p);
    static float buf[PH_MAX_CHANNELS][300];
    float *outs[PH_MAX_CHANNELS];
    for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = buf[c];
    for (int b = 0; b < 3; b++) {
        /* MIDI notes too, so that the voices of `osc midi` play: a chord, then a release
         * and a bent note under the sustain pedal */
        if (b == 0) ph_engine_note_on(e, 60, 100), ph_engine_note_on(e, 64, 90);
        if (b == 1) ph_engine_set_sustain(e, true), ph_engine_note_off(e, 60), ph_engine_set_pitch_bend(e, 1.5f);
        if (b == 2) ph_engine_set_sustain(e, false), ph_engine_note_on(e, 67, 127);
        ph_engine_render(e, outs, PH_MAX_CHANNELS, b == 1 ? 7 : 300);
        for (int c = 0; c < PH_MAX_CHANNELS; c++)
            for (int i = 0; i < (b == 1 ? 7 : 300); i++)
                if (!isfinite(buf[c][i])) abort();
    }
    ph_engine_free(e);
    return 0;
}
