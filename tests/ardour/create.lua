-- tests/ardour, first run: a new session with Phonon's four plugins on tracks as a user
-- sets them up, texts loaded as presets, one take recorded from each, saved.
-- Usage: ardour7-lua create.lua SESSION_DIR TESTS_DIR SECONDS
local dir, tests, seconds = arg[1], arg[2], tonumber(arg[3])
dofile(tests .. "/lib.lua")
start_backend()
assert(create_session(dir, "phonon", 48000), "cannot create the session")

local function build()
  -- 1. Phonon (instrument) on a MIDI track, playing a text without any MIDI.
  local inst = midi_track("inst", "urn:phonon:phonon", 2, true)
  load_preset(plugin_of(inst), "urn:phonon:test:ardour:tone")
  recorder("inst", {inst:output():audio(0):name(), inst:output():audio(1):name()})

  -- 2. Phonon 16 on a MIDI track with flexible I/O: Ardour gives the track all 18 outputs.
  --    Its panner (for 18 channels) silences every output, so bypass it, as Ardour's own
  --    "Fan out" does (gtk2_ardour/mixer_ui.cc) and as a user does in the mixer strip.
  local p16 = midi_track("p16", "urn:phonon:phonon16", 2, false)
  p16:panner_shell():set_bypassed(true)
  local ins16 = plugin_of(p16)
  local n16 = ins16:natural_output_streams():n_audio()
  check("p16-plugin-outputs", n16 == 18, "the plugin has " .. n16 .. " audio outputs")
  -- What Ardour's "Fan out to Busses" (gtk2_ardour/mixer_ui.cc, GUI only) would make of
  -- the ports: one bus per port group, named after the group, each port into the bus's
  -- input at its group channel. Wanted: the main pair and one mono bus per output.
  local names, busses, nbus, ok = {}, {}, 0, true
  for i = 0, n16 - 1 do
    local d = ins16:plugin(0):describe_io_port(A, false, i)
    names[#names + 1] = d.name .. " [" .. d.group_name .. " " .. d.group_channel .. "]"
    if not busses[d.group_name] then busses[d.group_name] = {} nbus = nbus + 1 end
    local b = busses[d.group_name]
    ok = ok and b[d.group_channel] == nil -- two ports on one bus input would be summed
    b[d.group_channel] = i
  end
  ok = ok and nbus == 17 and busses["Main output"][0] == 0 and busses["Main output"][1] == 1
  for k = 1, 16 do ok = ok and busses["Out " .. k] ~= nil and busses["Out " .. k][0] == k + 1 end
  check("p16-fan-out", ok, nbus .. " busses: " .. table.concat(names, ", "))
  local ports = p16:output():n_ports():n_audio()
  check("p16-track-outputs", ports == 18, "the track has " .. ports .. " audio outputs")
  load_preset(ins16, "urn:phonon:test:ardour:stems")
  recorder("p16main", {p16:output():audio(0):name(), p16:output():audio(1):name()})
  recorder("p16stems", {p16:output():audio(2):name(), p16:output():audio(17):name()})

  -- 3. Phonon FX on a stereo audio track fed by a tone (both inputs), monitoring its input.
  local tone = capture_port(1)
  local fx = audio_track("fx", 2)
  connect(fx:input():audio(0), tone)
  connect(fx:input():audio(1), tone)
  load_preset(add_plugin(fx, "urn:phonon:fx", 0), "urn:phonon:test:ardour:gate")
  fx:monitoring_control():set_value(ARDOUR.MonitorChoice.MonitorInput, NOGROUP)
  recorder("dry", {tone})
  recorder("fx", {fx:output():audio(0):name(), fx:output():audio(1):name()})

  -- 4. Phonon FX on a mono track: Ardour feeds the channel to in_l only; the text uses inL.
  local fxm = audio_track("fxmono", 1)
  connect(fxm:input():audio(0), tone)
  local insm = add_plugin(fxm, "urn:phonon:fx", 0)
  local map = insm:input_map(0)
  check("fxmono-input-map", map:get(A, 0) == 0 and map:get(A, 1) == ARDOUR.ChanMapping.Invalid,
        "in_l <- " .. map:get(A, 0) .. ", in_r <- " .. map:get(A, 1) .. " (" .. ARDOUR.ChanMapping.Invalid .. " = none)")
  load_preset(insm, "urn:phonon:test:ardour:gate-left")
  fxm:monitoring_control():set_value(ARDOUR.MonitorChoice.MonitorInput, NOGROUP)
  recorder("fxmono", {fxm:output():audio(0):name(), fxm:output():audio(1):name()})

  -- 5. Phonon MIDI before Ardour's own synth (ACE Reasonable Synth) on one MIDI track.
  local notes = midi_track("notes", "https://community.ardour.org/node/7596", 2, true)
  load_preset(add_plugin(notes, "urn:phonon:midi", 0), "urn:phonon:test:ardour:notes")
  recorder("acesynth", {notes:output():audio(0):name(), notes:output():audio(1):name()})

  -- 6. Phonon MIDI alone on a MIDI track whose MIDI output feeds another MIDI track
  --    playing Phonon with a text that plays MIDI notes.
  local gen = midi_track("gen", nil, 0, true)
  load_preset(add_plugin(gen, "urn:phonon:midi", 0), "urn:phonon:test:ardour:notes")
  local keys = midi_track("keys", "urn:phonon:phonon", 2, true)
  load_preset(plugin_of(keys), "urn:phonon:test:ardour:keys")
  connect(keys:input():midi(0), gen:output():midi(0):name())
  keys:monitoring_control():set_value(ARDOUR.MonitorChoice.MonitorInput, NOGROUP)
  recorder("keys", {keys:output():audio(0):name(), keys:output():audio(1):name()})
end

build()
collectgarbage()
sleep(0.5) -- presets compile on the worker; the first take starts with them in place
record(seconds)
check("save", Session:save_state("", false, false, false, false, false) == 0, "session saved")
collectgarbage()
Session:close()
