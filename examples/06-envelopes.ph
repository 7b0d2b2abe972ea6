-- Envelopes triggered by the events of the pattern that drives the chain.
tempo: 0.5
~lead: tri "330 ~ 392 440" # adsr 0.005 0.1 0.5 0.2
~pluck: saw "<220 247 262 294>*8" # lpf 3000 0.833 # ar 0.002 0.08
out: ~lead * 0.3 + ~pluck * 0.2
