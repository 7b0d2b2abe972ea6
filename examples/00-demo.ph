-- The README's demo: drums from the built-in kit, a filtered saw bass swept by an LFO.
tempo: 0.5
~drums: s "[bd*4, hh*8, ~ sn ~ sn]"
~bass: saw "55 55 82.5 <110 73.4>" # lpf (sine 0.25 * 1500 + 600) 1.67
out: ~drums * 0.8 + ~bass * 0.3
