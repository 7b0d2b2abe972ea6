tempo: 128/240; ~k: s "bd*4"; ~h: s "~ hh ~ hh" # gain 0.6; out: ~k * 0.8 + ~h * 0.5
