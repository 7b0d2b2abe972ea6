tempo: 1
out $ s "rim sn" $ fast 2 $ rev $ slow "<1 2>" # lpf 3000 1 * 0.8
