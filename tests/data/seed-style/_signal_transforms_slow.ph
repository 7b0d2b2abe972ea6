tempo: 0.5
out $ sine "130.81 196" # lpf 2000 1 * 0.3
