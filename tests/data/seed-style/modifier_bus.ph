-- A modifier bus is a chain stored under a name and applied where it is used: the drums
-- and the bass both go through the same low-pass, as if it were written out at each use.
-- expect: same-as _modifier_bus_inline.ph
-- expect: level 110 0.03
-- expect: level 3300 0 0.0005
tempo: 1
~dark # lpf 400 0.7 # hpf 40 0.7
~drums $ s "bd*4" # ~dark
~bass $ saw 110 # ~dark * 0.2
out $ ~drums * 0.7 + ~bass * 0.5
