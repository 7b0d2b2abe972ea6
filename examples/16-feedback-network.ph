-- Two buses that feed each other: the cycle is broken at the reference to the bus
-- defined later-or-equal in the text (here ~b inside ~a), which reads the previous block.
tempo: 0.5
~src: s "cp ~ ~ ~" # gain 0.8
~a: (~src + ~b * 0.4) # delay 0.3 0.2 # hpf 300 0.625
~b: (~a * 0.6) # delay 0.45 0.2 # lpf 3000 0.625
out: ~a * 0.5 + ~b * 0.5
