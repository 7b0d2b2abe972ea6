-- Dub: a bus that reads itself. The feedback reference (~echo inside ~echo) reads the
-- previous block; the delay and the filter inside the loop shape the repeats.
tempo: 0.55
~stab: square "~ 220 ~ ~" # lpf 1800 0.833 # ar 0.005 0.15
~echo: (~stab + ~echo * 0.3) # delay 0.375 0.4 0.5 # lpf 2200 0.625
~drums: s "bd ~ ~ bd, ~ sn"
out: ~drums * 0.5 + ~echo * 0.35
