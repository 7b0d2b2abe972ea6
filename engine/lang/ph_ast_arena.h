/* Private to engine/lang: the bump allocator that owns a parsed program. Freed at once,
 * so an error anywhere during parsing frees everything with one call. */
#ifndef PH_AST_ARENA_H
#define PH_AST_ARENA_H

#include <stddef.h>

#include "lang/ph_ast.h"

ph_ast_arena *ph_ast_arena_new(void);
void ph_ast_arena_free(ph_ast_arena *a);
/* Zeroed memory, aligned for any type; NULL when out of memory. */
void *ph_ast_arena_alloc(ph_ast_arena *a, size_t size);
/* A NUL-terminated copy of s[0 .. len). */
char *ph_ast_arena_strndup(ph_ast_arena *a, const char *s, size_t len);

/* Builds program->buses from its statements: each name maps to its last definition, and
 * earlier definitions are marked superseded. Returns -1, or -2 when out of memory. */
int ph_ast_bus_index_build(ph_ast_program *p);

#endif
