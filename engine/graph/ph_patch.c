/* Patches (ph_patch.h). */
#include "graph/ph_patch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ph_patch *ph_patch_new(void)
{
    ph_patch *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    ph_graph_init(&p->g);
    p->main_node = -1;
    for (int i = 0; i < PH_AUX_CHANNELS; i++) p->aux_node[i] = -1;
    return p;
}

void ph_patch_free(ph_patch *p)
{
    if (!p) return;
    ph_graph_destroy(&p->g);
    if (p->free_owned) p->free_owned(p->owned);
    free(p);
}

void ph_patch_warn(ph_patch *p, int line, int column, const char *message)
{
    for (uint32_t i = 0; i < p->n_warnings; i++)
        if (!strcmp(p->warnings[i].message, message)) return;
    if (p->n_warnings == PH_PATCH_MAX_WARNINGS) return;
    ph_diag *d = &p->warnings[p->n_warnings++];
    d->line = line;
    d->column = column;
    snprintf(d->message, sizeof d->message, "%s", message);
}

uint32_t ph_patch_roots(const ph_patch *p, int *roots)
{
    uint32_t n = 0;
    if (p->main_node >= 0) roots[n++] = p->main_node;
    for (int i = 0; i < PH_AUX_CHANNELS; i++)
        if (p->aux_node[i] >= 0) roots[n++] = p->aux_node[i];
    return n;
}
