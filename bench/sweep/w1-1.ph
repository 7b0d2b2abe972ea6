-- W1: oscillator bank, N = 1 band-limited saws into their own resonant
-- low-pass (2000 Hz, Q = 2), summed with amplitude 1/N (see WORKLOADS.md).
~v0: saw 55 # lpf 2000 0.75
out: ~v0 * 1
