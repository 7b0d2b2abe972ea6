-- Euclidean polyrhythms with patterned arguments.
tempo: 0.5
~perc: s "bd(3,8), cp(5,16,2), hh(7,16), rim(<3 5>,8,1)"
~toms: s "lt(3,8,2) mt(2,5) ht(5,12)" # gain 0.7
out: ~perc * 0.5 + ~toms * 0.4
