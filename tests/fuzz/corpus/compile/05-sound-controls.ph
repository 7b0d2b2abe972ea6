-- Per-event controls on voices: gain pan speed n note begin end cut attack release legato.
tempo: 0.5
~a: s "bd:1 sn:2 hh:3 perc" # gain "1 0.8 0.6 0.9" # pan "0 0.3 0.7 1" # speed "1 1.5"
~b: s "oh*4" # cut 1 # n "0 1 2" # note "0 -5 7" # begin 0.1 # end 0.8
~c: s "perc*8" # attack 0.01 # release 0.05 # legato 0.5
out: ~a * 0.7 + ~b * 0.3 + ~c * 0.4
