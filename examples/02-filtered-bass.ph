-- A saw bass whose low-pass cutoff is swept by a slow sine: pattern pitch, signal cutoff.
tempo: 0.5
~lfo: sine 0.25
~bass: saw "55 55 82.5 <110 73.4>" # lpf (~lfo * 1500 + 600) 1.67
~drums: s "bd*4, ~ cp"
out: ~drums * 0.7 + ~bass * 0.3
