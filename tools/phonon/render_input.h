/* `phonon render --input FILE`: an audio file read block by block as the engine's input
 * (what `in`, `inL`, `inR` play). Mono files feed both sides; files with more than two
 * channels give their first two. After the file ends the input is silence. */
#ifndef PH_RENDER_INPUT_H
#define PH_RENDER_INPUT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ph_render_input ph_render_input;

/* NULL (with a message on stderr) when the file cannot be read. */
ph_render_input *ph_render_input_open(const char *path, uint32_t max_block);
void ph_render_input_close(ph_render_input *r);
double ph_render_input_rate(const ph_render_input *r);
int64_t ph_render_input_frames(const ph_render_input *r);
/* The next n (<= max_block) frames as two channel buffers, valid until the next call. */
const float *const *ph_render_input_next(ph_render_input *r, uint32_t n);

#endif
