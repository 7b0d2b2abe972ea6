/* Graph nodes around the dsp/ kernels: each holds a kernel's state (one per channel where
 * the kernel is mono) and renders a chunk from its input buffers. Constructors return the
 * node index or -1 on no memory. */
#ifndef PH_DSP_NODES_H
#define PH_DSP_NODES_H

#include "graph/ph_graph.h"

typedef enum ph_osc_shape { PH_SHAPE_SINE, PH_SHAPE_SAW, PH_SHAPE_SQUARE, PH_SHAPE_TRI } ph_osc_shape;

/* Inputs: 0 freq, 1 pulse width (square), 2 gate (from the driving pattern, used while
 * ph_dn_osc_set_gated is on: rests are silent, with ~2 ms ramps). */
int ph_dn_osc(ph_graph *g, ph_osc_shape shape, ph_ref freq, ph_ref pw, ph_ref gate, double rate);
void ph_dn_osc_set_gated(ph_graph *g, int node, bool gated);
int ph_dn_noise(ph_graph *g, int color, uint32_t seed);

typedef enum ph_filter_kind { PH_FILT_LP, PH_FILT_HP, PH_FILT_BP, PH_FILT_NOTCH, PH_FILT_LADDER } ph_filter_kind;
int ph_dn_filter(ph_graph *g, ph_filter_kind kind, ph_ref in, uint32_t channels, ph_ref cutoff,
                 ph_ref res, double rate);

/* Equal-power pan of a mono or stereo input to stereo; pos 0 left, 0.5 centre, 1 right. */
int ph_dn_pan(ph_graph *g, ph_ref in, ph_ref pos);

/* Element-wise min / max of two signals; clip to [lo, hi]; range: a bipolar signal mapped
 * to lo..hi (dsp/ph_fx.h). lo/hi/b are read as mono. */
int ph_dn_min(ph_graph *g, ph_ref a, ph_ref b, uint32_t channels);
int ph_dn_max(ph_graph *g, ph_ref a, ph_ref b, uint32_t channels);
int ph_dn_clip(ph_graph *g, ph_ref x, ph_ref lo, ph_ref hi, uint32_t channels);
int ph_dn_range(ph_graph *g, ph_ref x, ph_ref lo, ph_ref hi, uint32_t channels);

#endif
