-- The synthesised "super" instruments, played by patterns.
tempo: 0.5
~kick: superkick "1 ~ 1 ~"
~snare: supersnare "~ 1"
~hat: superhat "1*8" # gain 0.5
~clap: superclap "~ ~ ~ 1"
~lead: supersaw "<55 65.4 73.4 49>" # gain 0.4 # lpf 1500 0.714
~pwm: superpwm "c4 ~ eb4 g4" # gain 0.3
out: (~kick + ~snare * 0.7 + ~hat + ~clap * 0.6 + ~lead * 0.5 + ~pwm * 0.4) * 0.5
