-- The rack's filters (docs/RACK-SOURCES.md): resonant low- and high-pass, band-pass
-- resonators, the seed's SVF and biquad names, a three-band EQ, the DJ filter, comb and
-- all-pass, formants and vowels.
tempo: 0.5
~drums: s "[bd*4, ~ sn ~ sn, hh*8]"
-- a resonant low-pass with a patterned cutoff and Q
~acid: saw "c2 c3 eb2 [g2 bb2]" # rlpf "<400 900 1600 700>" "8 4" # rhpf 60
-- pitched noise: two resonators
~wind: noise # resonz "<440 660>" 40 # svf_hp 200
~pad: supersaw "<c4 ab3>" 0.3 # bq_lp (sine 0.1 * 1200 + 1600) 0.9 # bq_notch 1000 2
-- a singing saw: vowels stepping, and formants moved by a signal
~sung: saw "<c3 eb3>" # vowel "a e i o"
~voice: ~sung * 0.3 + (pulse 110 0.3 # formant (sine 0.2 * 200 + 500) 1400 2500) * 0.3
-- the whole mix through a slow DJ filter sweep and a three-band EQ
~mix: (~drums * 0.6 + ~acid * 0.08 + ~wind * 1.5 + ~pad * 0.4 + ~voice * 0.5) # djf (sine 0.0625 * 0.35 + 0.5)
-- a comb on the snare only, and an all-pass for a touch of phasing
~metal: s "~ sn ~ sn" # comb 220 0.85 * 0.2
~phase: ~acid + (~acid # allpass (sine 0.2 * 0.8))
out: (~mix + ~metal + ~phase * 0.03) # eq 80 3 0.7 400 (0 - 3) 1 6000 2 0.7 * 0.6
