-- W1: oscillator bank, N = 8 band-limited saws into their own resonant
-- low-pass (2000 Hz, Q = 2), summed with amplitude 1/N (see WORKLOADS.md).
~v0: saw 55 # lpf 2000 0.75
~v1: saw 56.040065642 # lpf 2000 0.75
~v2: saw 57.099799222 # lpf 2000 0.75
~v3: saw 58.179572664 # lpf 2000 0.75
~v4: saw 59.27976493 # lpf 2000 0.75
~v5: saw 60.400762144 # lpf 2000 0.75
~v6: saw 61.542957735 # lpf 2000 0.75
~v7: saw 62.706752569 # lpf 2000 0.75
out: (((~v0 + ~v1) + (~v2 + ~v3)) + ((~v4 + ~v5) + (~v6 + ~v7))) * 0.125
