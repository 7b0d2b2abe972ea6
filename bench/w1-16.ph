-- W1: oscillator bank, N = 16 band-limited saws into their own resonant
-- low-pass (2000 Hz, Q = 2), summed with amplitude 1/N (see bench/README.md).
~v0: saw 55 # lpf 2000 2
~v1: saw 56.040065642 # lpf 2000 2
~v2: saw 57.099799222 # lpf 2000 2
~v3: saw 58.179572664 # lpf 2000 2
~v4: saw 59.27976493 # lpf 2000 2
~v5: saw 60.400762144 # lpf 2000 2
~v6: saw 61.542957735 # lpf 2000 2
~v7: saw 62.706752569 # lpf 2000 2
~v8: saw 63.892555094 # lpf 2000 2
~v9: saw 65.100781482 # lpf 2000 2
~v10: saw 66.331855775 # lpf 2000 2
~v11: saw 67.586210033 # lpf 2000 2
~v12: saw 68.864284486 # lpf 2000 2
~v13: saw 70.166527691 # lpf 2000 2
~v14: saw 71.493396686 # lpf 2000 2
~v15: saw 72.84535715 # lpf 2000 2
out: ((((~v0 + ~v1) + (~v2 + ~v3)) + ((~v4 + ~v5) + (~v6 + ~v7))) + (((~v8 + ~v9) + (~v10 + ~v11)) + ((~v12 + ~v13) + (~v14 + ~v15)))) * 0.0625
