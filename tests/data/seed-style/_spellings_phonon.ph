tempo: 0.5
~n $ noise * 0.1
~t $ tri 220 * 0.2
~s $ saw 55 # ladder 800 0.3 # distortion 3 0.4 # compress -12 4 0.01 0.1 0 * 0.2
out $ ~t + ~s + ~n # hpf 20000 1
