-- White, pink and brown noise through the state-variable filters.
tempo: 0.5
~hiss: noise # hpf "2000 6000 4000 8000" 0.7
~wind: pink # bpf (sine 0.1 * 600 + 900) 0.8
~rumble: brown # lpf 300 0.2 # notch 120 0.5
out: ~hiss * 0.1 + ~wind * 0.2 + ~rumble * 0.3
