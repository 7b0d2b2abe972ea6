-- The rack's sources (docs/RACK-SOURCES.md): FM and PM, pulse width, band-limited
-- impulses and blips, plucked strings, additive partials, wavetables, grains, and the
-- seed's synths with their arguments.
tempo: 0.5
-- a bell: the modulator an octave and a fifth up, its index falling with each note
~bell: fm "<c5 e5 g5 b4>" "<g6 b6 d7 f#6>" (saw 2 * (0 - 1.5) + 2) # ar 0.005 1.2
-- an electric piano's tine: pm by a sine an octave up
~keys: pm "c3 [eb3 g3] ~ bb2" (sine 261.6) 1.2 # adsr 0.005 0.3 0.4 0.3
-- pulse-width modulation on a bass line
~bass: pulse "c2 c2 eb2 g1" (sine 0.25 * 0.35 + 0.5) # rlpf 900 2
-- clicks through a comb: a plucked metallic ring
~ring: impulse "2 4" # comb "<440 523.25 392>" 0.97 * 0.5
~buzz: blip "<55 65.4>" # svf_bp (sine 0.5 * 800 + 1200) 3
-- a plucked arpeggio, an organ of partials, a morphing wavetable and grains of a snare
~str: pluck "c4 [e4 g4] <b4 a4> c5" "<0.2 0.5>"
~organ: additive "<c3 ab2>" "1 0.8 0 0.5 0 0.3"
~morph: wavetable "c2 ~ c2 eb2" basic (sine 0.25 * 0.5 + 0.5) # lpf 2000 1
~grains: granular "sn:1" 40 0.6 "<1 0.5 1.5>" (sine 0.1 * 0.5 + 0.5)
-- the seed's synths and their parameters
~kick: superkick "55 ~ 55 [~ 55]" 0.6 0.35 0.15
~snare: supersnare "~ 190" 0.9 "<0.08 0.15>"
~hat: superhat "1*8" "<0.05 0.12>" # gain 0.6
~saw: supersaw "<c3 ab2>" 0.4 5 # lpf 1800 1
~chip: superchip "c5 e5 g5 c6" 6 0.02
~fmpad: superfm "<c4 ab3>" 1.5 0.8
~rack2: ~str * 0.3 + ~organ * 0.08 + ~morph * 0.15 + ~grains * 0.4
out: (~rack2 + ~bell * 0.25 + ~keys * 0.25 + ~bass * 0.3 + ~ring * 0.3 + ~buzz * 0.15 + ~kick * 0.8 + ~snare * 0.6 + ~hat * 0.4 + ~saw * 0.3 + ~chip * 0.12 + ~fmpad * 0.15) * 0.5
