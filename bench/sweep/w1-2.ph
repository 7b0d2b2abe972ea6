-- W1: oscillator bank, N = 2 band-limited saws into their own resonant
-- low-pass (2000 Hz, Q = 2), summed with amplitude 1/N (see WORKLOADS.md).
~v0: saw 55 # lpf 2000 0.75
~v1: saw 56.040065642 # lpf 2000 0.75
out: (~v0 + ~v1) * 0.5
