/* The kinds array generated from the list in ph_node_kinds.h. */
#include "nodes/ph_node_kinds.h"

#define PH_KIND_ADDRESS(name) &ph_kind_##name,
const ph_node_ops *const ph_node_kinds[] = {PH_NODE_KINDS(PH_KIND_ADDRESS)};
#undef PH_KIND_ADDRESS
const unsigned ph_node_kind_count = sizeof ph_node_kinds / sizeof ph_node_kinds[0];
