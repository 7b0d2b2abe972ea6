tempo: 0.5
out $ sine ("130.81 196" $ fast 2) # lpf 2000 1 * 0.3
