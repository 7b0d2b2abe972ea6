/* libFuzzer target for the .ph front end: any bytes either parse (then the tree is printed
 * and walked) or give an error with a position; never a crash, leak or hang. The same bytes
 * also go down `phonon query`'s path: expression parser, pattern evaluation (mini-notation,
 * registry) and a query over two cycles. Built and run by tests/fuzz/run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ph_lang.h"
#include "compile/ph_compile.h"

static size_t count_nodes(const ph_ast_node *n)
{
    if (!n) return 0;
    size_t c = 1 + count_nodes(n->lhs) + count_nodes(n->rhs);
    for (size_t i = 0; i < n->n_items; i++) c += count_nodes(n->items[i]);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char buf[1 << 16];
    ph_diag d;
    ph_ast_program *p = ph_lang_parse((const char *)data, size, &d);
    if (p) {
        ph_ast_format_program(p, buf, sizeof buf);
        size_t nodes = 0;
        for (size_t i = 0; i < p->n_stmts; i++) nodes += count_nodes(p->stmts[i].expr);
        if (nodes > size * 4 + 16) abort(); /* more nodes than the text can hold */
        ph_ast_free(p);
    } else if (d.message[0] == '\0' || (size && (d.line < 0 || d.column < 0))) {
        abort();
    }
    p = ph_lang_parse_expr((const char *)data, size, &d);
    if (p) {
        ph_ast_format_expr(p->expr, buf, sizeof buf);
        ph_heap *h = ph_heap_new();
        const ph_pat *pat = ph_eval_pattern_text(h, (const char *)data, size, &d);
        if (pat) {
            ph_arena *a = ph_arena_new_fixed(1 << 22); /* bounded: a full arena stops the query */
            ph_events ev;
            ph_events_init(&ev);
            ph_query_limited(pat, ph_span_make(ph_rat_int(0), ph_rat_int(2)), a, &ev, 200000);
            ph_arena_free(a);
        } else if (d.message[0] == '\0') {
            abort();
        }
        ph_heap_free(h);
        ph_ast_free(p);
    }
    return 0;
}
