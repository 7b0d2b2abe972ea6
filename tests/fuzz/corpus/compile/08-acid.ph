-- Acid: a pulse wave with patterned width through the ladder low-pass.
tempo: 0.6
~acid: square "55 55 110 55 82.5 55 110 73.4" "0.2 0.5 0.8" # ladder (sine 0.5 * 1200 + 1400) 0.8 # ar 0.003 0.12
~kick: s "bd*4"
out: ~kick * 0.8 + ~acid * 0.3 # distort 0.3
