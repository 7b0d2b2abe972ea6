-- White, pink and brown noise through the state-variable filters.
tempo: 0.5
~hiss: noise # hpf "2000 6000 4000 8000" 1.67
~wind: pink # bpf (sine 0.1 * 600 + 900) 2.5
~rumble: brown # lpf 300 0.625 # notch 120 1
out: ~hiss * 0.1 + ~wind * 0.2 + ~rumble * 0.3
