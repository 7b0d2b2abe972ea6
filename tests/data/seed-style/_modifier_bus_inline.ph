tempo: 1
~drums $ s "bd*4" # lpf 400 0.7 # hpf 40 0.7
~bass $ (saw 110 # lpf 400 0.7 # hpf 40 0.7) * 0.2
out $ ~drums * 0.7 + ~bass * 0.5
