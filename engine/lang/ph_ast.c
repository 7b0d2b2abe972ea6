/* The AST's arena, lookups and the prefix-form printer used by tests and error messages. */
#include "lang/ph_ast.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/ph_ast_arena.h"

/* ---- arena ---- */

typedef struct ph_arena_chunk {
    struct ph_arena_chunk *next;
    size_t used, size;
    max_align_t data[]; /* aligned storage */
} ph_arena_chunk;

struct ph_ast_arena {
    ph_arena_chunk *head;
};

#define PH_ARENA_CHUNK 16384u

ph_ast_arena *ph_ast_arena_new(void) { return calloc(1, sizeof(ph_ast_arena)); }

void ph_ast_arena_free(ph_ast_arena *a)
{
    if (!a) return;
    ph_arena_chunk *c = a->head;
    while (c) {
        ph_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void *ph_ast_arena_alloc(ph_ast_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0) size = align;
    ph_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > PH_ARENA_CHUNK ? size : PH_ARENA_CHUNK;
        if (cap > SIZE_MAX - sizeof(ph_arena_chunk)) return NULL;
        c = malloc(sizeof(ph_arena_chunk) + cap);
        if (!c) return NULL;
        c->used = 0;
        c->size = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *ph_ast_arena_strndup(ph_ast_arena *a, const char *s, size_t len)
{
    char *d = ph_ast_arena_alloc(a, len + 1);
    if (!d) return NULL;
    if (len) memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void ph_ast_free(ph_ast_program *p)
{
    if (!p) return;
    ph_ast_arena_free(p->arena); /* p itself lives in the arena */
}

/* ---- lookups ---- */

/* Bus names -> statement indices: open addressing, FNV-1a, at most half full. */
struct ph_ast_bus_index {
    size_t mask;
    int *slot; /* statement index or -1 */
};

static size_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

int ph_ast_bus_index_build(ph_ast_program *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_stmts; i++) n += p->stmts[i].kind == PH_STMT_BUS;
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    ph_ast_bus_index *ix = ph_ast_arena_alloc(p->arena, sizeof *ix);
    int *slot = ix ? ph_ast_arena_alloc(p->arena, cap * sizeof *slot) : NULL;
    if (!slot) return -2;
    for (size_t i = 0; i < cap; i++) slot[i] = -1;
    ix->mask = cap - 1;
    ix->slot = slot;
    /* A name defined again: the later statement takes the slot and the earlier one is
     * marked superseded (the last definition wins, as in the seed's section-by-section
     * programs). */
    for (size_t i = 0; i < p->n_stmts; i++) {
        if (p->stmts[i].kind != PH_STMT_BUS) continue;
        size_t k = hash_name(p->stmts[i].name) & ix->mask;
        while (slot[k] >= 0 && strcmp(p->stmts[slot[k]].name, p->stmts[i].name)) k = (k + 1) & ix->mask;
        if (slot[k] >= 0) p->stmts[slot[k]].superseded = true;
        slot[k] = (int)i;
    }
    p->buses = ix;
    return -1;
}

int ph_ast_find_bus(const ph_ast_program *p, const char *name)
{
    if (!p->buses) {
        for (size_t i = 0; i < p->n_stmts; i++)
            if (p->stmts[i].kind == PH_STMT_BUS && !strcmp(p->stmts[i].name, name)) return (int)i;
        return -1;
    }
    const ph_ast_bus_index *ix = p->buses;
    for (size_t k = hash_name(name) & ix->mask; ix->slot[k] >= 0; k = (k + 1) & ix->mask)
        if (!strcmp(p->stmts[ix->slot[k]].name, name)) return ix->slot[k];
    return -1;
}

void ph_ast_str_position(const ph_ast_node *str, size_t offset, int *line, int *column)
{
    int col = str->str_column;
    if (offset > str->len) offset = str->len;
    for (size_t i = 0; i < offset; i++)
        if (((unsigned char)str->text[i] & 0xC0) != 0x80) col++;
    *line = str->str_line;
    *column = col;
}

const char *ph_ast_op_name(ph_ast_op op)
{
    switch (op) {
    case PH_OP_ADD: return "+";
    case PH_OP_SUB: return "-";
    case PH_OP_MUL: return "*";
    case PH_OP_DIV: return "/";
    case PH_OP_HASH: return "#";
    case PH_OP_EARLY: return "<~";
    case PH_OP_LATE: return "~>";
    case PH_OP_DOLLAR: return "$";
    case PH_OP_COMPOSE: return ".";
    case PH_OP_MOD: return "%";
    case PH_OP_KEEP_LEFT: return "<";
    case PH_OP_KEEP_RIGHT: return ">";
    case PH_OP_NONE: break;
    }
    return "?";
}

const char *ph_ast_op_text(ph_ast_op op, ph_ast_structure s, char *buf)
{
    const char *o = ph_ast_op_name(op);
    switch (s) {
    case PH_AST_LEFT: snprintf(buf, 8, "|%s", o); break;
    case PH_AST_RIGHT: snprintf(buf, 8, "%s|", o); break;
    case PH_AST_BOTH: snprintf(buf, 8, "|%s|", o); break;
    case PH_AST_SIGNAL: snprintf(buf, 8, "~%s", o); break;
    default: snprintf(buf, 8, "%s", o); break;
    }
    return buf;
}

const char *ph_ast_kind_name(ph_ast_kind kind)
{
    switch (kind) {
    case PH_AST_NUM: return "number";
    case PH_AST_STR: return "string";
    case PH_AST_BUS: return "bus";
    case PH_AST_IDENT: return "name";
    case PH_AST_APPLY: return "application";
    case PH_AST_BINOP: return "operator";
    case PH_AST_NEG: return "negation";
    case PH_AST_SECTION: return "operator section";
    case PH_AST_CHAIN: return "$ chain";
    case PH_AST_LIST: return "list";
    case PH_AST_KWARG: return "keyword argument";
    }
    return "?";
}

/* ---- printer ---- */

typedef struct ph_out {
    char *buf;
    size_t size, len;
} ph_out;

static void out_add(ph_out *o, const char *s, size_t n)
{
    if (o->len < o->size) {
        size_t room = o->size - 1 - o->len;
        size_t k = n < room ? n : room;
        memcpy(o->buf + o->len, s, k);
        o->buf[o->len + k] = '\0';
    }
    o->len += n;
}

static void out_s(ph_out *o, const char *s) { out_add(o, s, strlen(s)); }

static void format_node(ph_out *o, const ph_ast_node *n)
{
    if (!n) {
        out_s(o, "_");
        return;
    }
    switch (n->kind) {
    case PH_AST_NUM:
    case PH_AST_IDENT:
        out_add(o, n->text, n->len);
        break;
    case PH_AST_STR:
        out_s(o, "\"");
        out_add(o, n->text, n->len);
        out_s(o, "\"");
        break;
    case PH_AST_BUS:
        out_s(o, "~");
        out_add(o, n->text, n->len);
        break;
    case PH_AST_APPLY:
        out_s(o, "(");
        format_node(o, n->lhs);
        for (size_t i = 0; i < n->n_items; i++) {
            out_s(o, " ");
            format_node(o, n->items[i]);
        }
        out_s(o, ")");
        break;
    case PH_AST_BINOP:
    case PH_AST_SECTION: {
        char op[8];
        out_s(o, "(");
        out_s(o, ph_ast_op_text(n->op, n->structure, op));
        out_s(o, " ");
        format_node(o, n->lhs);
        out_s(o, " ");
        format_node(o, n->rhs);
        out_s(o, ")");
        break;
    }
    case PH_AST_NEG:
        out_s(o, "(neg ");
        format_node(o, n->lhs);
        out_s(o, ")");
        break;
    case PH_AST_CHAIN:
    case PH_AST_LIST:
        out_s(o, n->kind == PH_AST_CHAIN ? "($" : "[");
        for (size_t i = 0; i < n->n_items; i++) {
            if (n->kind == PH_AST_CHAIN || i) out_s(o, n->kind == PH_AST_CHAIN ? " " : ", ");
            format_node(o, n->items[i]);
        }
        out_s(o, n->kind == PH_AST_CHAIN ? ")" : "]");
        break;
    case PH_AST_KWARG:
        out_s(o, ":");
        out_s(o, n->text);
        out_s(o, " ");
        format_node(o, n->lhs);
        break;
    }
}

size_t ph_ast_format_expr(const ph_ast_node *n, char *buf, size_t size)
{
    ph_out o = {buf, size, 0};
    if (size) buf[0] = '\0';
    format_node(&o, n);
    return o.len;
}

size_t ph_ast_format_program(const ph_ast_program *p, char *buf, size_t size)
{
    ph_out o = {buf, size, 0};
    if (size) buf[0] = '\0';
    for (size_t i = 0; i < p->n_stmts; i++) {
        const ph_ast_stmt *s = &p->stmts[i];
        if (i) out_s(&o, "\n");
        switch (s->kind) {
        case PH_STMT_TEMPO:
            out_s(&o, s->name);
            out_s(&o, " ");
            format_node(&o, s->expr);
            break;
        case PH_STMT_BUS:
            out_s(&o, "~");
            out_s(&o, s->name);
            out_s(&o, s->modifier ? " # " : " = ");
            format_node(&o, s->expr);
            break;
        case PH_STMT_OUT:
            out_s(&o, s->name);
            out_s(&o, " = ");
            format_node(&o, s->expr);
            break;
        case PH_STMT_HUSH:
        case PH_STMT_OUTMIX:
            out_s(&o, s->name);
            break;
        }
        if (s->superseded) out_s(&o, "  (superseded)");
    }
    return o.len;
}

int ph_ast_height(const ph_ast_node *n)
{
    int d = 0;
    if (n->lhs && n->lhs->depth > d) d = n->lhs->depth;
    if (n->rhs && n->rhs->depth > d) d = n->rhs->depth;
    for (size_t i = 0; i < n->n_items; i++)
        if (n->items[i]->depth > d) d = n->items[i]->depth;
    return d + 1;
}
