/* The public program functions that need both sides: compiling (compile/) a patch and
 * making it a playing program (render/). The engine's only file that sees both. */
#include <stdio.h>

#include "compile/ph_compiler.h"
#include "phonon/phonon.h"
#include "render/ph_offline.h"
#include "render/ph_program_impl.h"

ph_program *ph_program_compile(const char *text, size_t len, const ph_settings *s, ph_diag *err)
{
    ph_diag dummy;
    if (!err) err = &dummy;
    const ph_compile_hooks hooks = {.render = ph_render_patch_offline};
    ph_patch *patch = ph_compile(text, len, s, &hooks, err);
    if (!patch) return NULL;
    char msg[sizeof err->message];
    ph_program *p = ph_program_make(patch, msg, sizeof msg);
    if (!p) {
        err->line = err->column = 0;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return p;
}
