-- Arithmetic on signals (+ - * /), and min, max, clip, range.
tempo: 0.5
~a: sine 110 + sine 165 * 0.5 - saw 55 / 4
~env: sine 0.5 # range 0.1 0.9
~shaped: ~a * ~env # clip (-0.6) 0.6
~gate: max (sine 2) 0 # min 0.8
out: ~shaped * 0.3 + saw 220 * ~gate * 0.1
