-- W3: 16 feedback loops y = saw + 0.6 * LP(delay(y)), delay 4800.5 + 1280 j
-- samples (the bus's own 128-sample feedback delay is taken off the line's),
-- read with linear interpolation; LP a one-pole at 2 kHz.
~l0: saw 110 * 0.1 + (((~l0 # delayl 0.09734375 0 1) - ~l0) # onepole 2000) * 0.6
~l1: saw 116.54094038 * 0.1 + (((~l1 # delayl 0.124010417 0 1) - ~l1) # onepole 2000) * 0.6
~l2: saw 123.470825314 * 0.1 + (((~l2 # delayl 0.150677083 0 1) - ~l2) # onepole 2000) * 0.6
~l3: saw 130.81278265 * 0.1 + (((~l3 # delayl 0.17734375 0 1) - ~l3) # onepole 2000) * 0.6
~l4: saw 138.591315488 * 0.1 + (((~l4 # delayl 0.204010417 0 1) - ~l4) # onepole 2000) * 0.6
~l5: saw 146.832383959 * 0.1 + (((~l5 # delayl 0.230677083 0 1) - ~l5) # onepole 2000) * 0.6
~l6: saw 155.563491861 * 0.1 + (((~l6 # delayl 0.25734375 0 1) - ~l6) # onepole 2000) * 0.6
~l7: saw 164.813778456 * 0.1 + (((~l7 # delayl 0.284010417 0 1) - ~l7) # onepole 2000) * 0.6
~l8: saw 174.614115717 * 0.1 + (((~l8 # delayl 0.310677083 0 1) - ~l8) # onepole 2000) * 0.6
~l9: saw 184.997211356 * 0.1 + (((~l9 # delayl 0.33734375 0 1) - ~l9) # onepole 2000) * 0.6
~l10: saw 195.997717991 * 0.1 + (((~l10 # delayl 0.364010417 0 1) - ~l10) # onepole 2000) * 0.6
~l11: saw 207.65234879 * 0.1 + (((~l11 # delayl 0.390677083 0 1) - ~l11) # onepole 2000) * 0.6
~l12: saw 220 * 0.1 + (((~l12 # delayl 0.41734375 0 1) - ~l12) # onepole 2000) * 0.6
~l13: saw 233.081880759 * 0.1 + (((~l13 # delayl 0.444010417 0 1) - ~l13) # onepole 2000) * 0.6
~l14: saw 246.941650628 * 0.1 + (((~l14 # delayl 0.470677083 0 1) - ~l14) # onepole 2000) * 0.6
~l15: saw 261.625565301 * 0.1 + (((~l15 # delayl 0.49734375 0 1) - ~l15) # onepole 2000) * 0.6
out: ((((~l0 + ~l1) + (~l2 + ~l3)) + ((~l4 + ~l5) + (~l6 + ~l7))) + (((~l8 + ~l9) + (~l10 + ~l11)) + ((~l12 + ~l13) + (~l14 + ~l15))))
