// Reads lines "MINI<TAB>FROM<TAB>TO" and prints the events of each (sorted, joined by |):
// the Phonon side of tests/oracle (see README.md).
#include "pattern/ph_mini.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
static int cmp(const void *a, const void *b) { return strcmp(*(char**)a, *(char**)b); }
int main(void) {
  char line[8192];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    char *tab1 = strchr(line, '\t'); *tab1 = 0; char *tab2 = strchr(tab1+1, '\t'); *tab2 = 0;
    ph_rat b, e; ph_rat_parse(tab1+1, &b); ph_rat_parse(tab2+1, &e);
    ph_heap *h = ph_heap_new(); ph_mini_error err;
    ph_pat *p = ph_mini_parse(h, line, strlen(line), &err);
    if (!p) { printf("ERROR %s\n", err.message); ph_heap_free(h); continue; }
    ph_arena *a = ph_arena_new_growable(1<<16); ph_events ev; ph_events_init(&ev);
    ph_qstatus st = ph_query(p, ph_span_make(b, e), a, &ev);
    if (st) { printf("QERROR %s\n", ph_qstatus_str(st)); goto next; }
    char **ls = malloc(sizeof(char*) * (ev.count+1));
    for (uint32_t i = 0; i < ev.count; i++) { ph_event *x = &ev.ev[i]; char w1[48],w2[48],p1[48],p2[48],v[128]; ls[i] = malloc(400);
      snprintf(ls[i], 400, "%s %s %s %s %s", x->has_whole?ph_rat_format(x->whole.begin,w1,48):"-", x->has_whole?ph_rat_format(x->whole.end,w2,48):"-", ph_rat_format(x->part.begin,p1,48), ph_rat_format(x->part.end,p2,48), ph_value_format(x->value,v,128)); }
    qsort(ls, ev.count, sizeof(char*), cmp);
    for (uint32_t i = 0; i < ev.count; i++) { printf("%s%s", i ? "|" : "", ls[i]); free(ls[i]); }
    printf("\n"); free(ls);
  next:
    ph_arena_free(a); ph_heap_free(h);
  }
}
