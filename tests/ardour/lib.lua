-- Helpers shared by the session scripts of tests/ardour (run by ardour7-lua, Ardour's
-- headless Lua session tool). Output lines the runner reads:
--   RESULT <name> <channel> <wav>   a recording to measure (tests/ardour/check.py)
--   CHECK <name> <ok|fail> <detail> a fact checked here in Ardour
-- Lua references to Ardour objects must be dropped (collectgarbage) before the session
-- is closed: luasession deletes the session first, and a track freed after it touches
-- freed memory (seen as random aborts at exit).

A = ARDOUR.DataType("audio")
M = ARDOUR.DataType("midi")
NOGROUP = PBD.GroupControlDisposition.NoGroup

function check(name, ok, detail)
  print(string.format("CHECK %s %s %s", name, ok and "ok" or "fail", detail or ""))
  io.stdout:flush()
end

-- The dummy backend with generated input: capture port n plays a sine at
-- 1 kHz * 2^((n - 4) / 3) (capture_1 ~397 Hz) at -18 dBFS peak.
function start_backend()
  AudioEngine:set_backend("None (Dummy)", "phonon-test", "")
  AudioEngine:set_device_name("Sine Wave 1K, 1/3 Oct")
end

function capture_port(n)
  local caps = C.StringVector()
  AudioEngine:get_physical_inputs(A, caps, 0, 0)
  assert(caps:size() >= n, "the dummy backend has no capture port " .. n)
  return caps:at(n - 1)
end

function plugin_of(route, i)
  local p = route:nth_plugin(i or 0)
  assert(not p:isnil(), route:name() .. " has no plugin " .. (i or 0))
  return p:to_insert()
end

-- Loads a preset through Ardour's own preset code (lilv state restore with Ardour's
-- synchronous state worker, concurrently with run()).
function load_preset(insert, uri)
  local plugin = insert:plugin(0)
  local pr = plugin:preset_by_uri(uri)
  assert(pr, "preset not found: " .. uri)
  assert(plugin:load_preset(pr), "load_preset failed: " .. uri)
end

function add_plugin(route, uri, index)
  local proc = ARDOUR.LuaAPI.new_plugin(Session, uri, ARDOUR.PluginType.LV2, "")
  assert(not proc:isnil(), "Ardour does not find " .. uri .. " (LV2_PATH?)")
  assert(route:add_processor_by_index(proc, index, nil, true) == 0, "cannot add " .. uri)
  return proc:to_insert()
end

function midi_track(name, instrument_uri, audio_outs, strict)
  local info = instrument_uri and ARDOUR.LuaAPI.new_plugin_info(instrument_uri, ARDOUR.PluginType.LV2)
                 or ARDOUR.PluginInfo()
  if instrument_uri then assert(not info:isnil(), "Ardour does not find " .. instrument_uri) end
  local out = audio_outs > 0 and ARDOUR.ChanCount(A, audio_outs) or ARDOUR.ChanCount(M, 1)
  local tl = Session:new_midi_track(ARDOUR.ChanCount(M, 1), out, strict, info, nil, nil, 1, name,
                                    ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, false)
  assert(tl:size() == 1, "cannot create MIDI track " .. name)
  return tl:front()
end

function audio_track(name, inputs)
  local tl = Session:new_audio_track(inputs, 2, nil, 1, name, ARDOUR.PresentationInfo.max_order,
                                     ARDOUR.TrackMode.Normal, false)
  assert(tl:size() == 1, "cannot create audio track " .. name)
  return tl:front()
end

function connect(port, other)
  port:disconnect_all()
  assert(port:connect(other) == 0, "cannot connect " .. port:name() .. " to " .. other)
end

-- A recorder: an audio track named "rec-<name>" whose inputs take the given ports and
-- whose outputs go nowhere.
function recorder(name, ports)
  local rec = audio_track("rec-" .. name, #ports)
  rec:output():disconnect_all(nil)
  for c, p in ipairs(ports) do connect(rec:input():audio(c - 1), p) end
  return rec
end

function recorders()
  local list = {}
  for r in Session:get_routes():iter() do
    local t = r:to_track()
    if not t:isnil() and string.sub(r:name(), 1, 4) == "rec-" then list[#list + 1] = t end
  end
  return list
end

local function sources(rec)
  local set = {}
  for r in rec:playlist():region_list():iter() do
    local ar = r:to_audioregion()
    for c = 0, ar:n_channels() - 1 do set[r:source(c):to_filesource():path()] = c end
  end
  return set
end

-- Arms every recorder, records `seconds` from the session start with the transport
-- rolling (in real time: the dummy backend paces itself), and prints the new takes.
function record(seconds)
  local recs = recorders()
  local before = {}
  for _, rec in ipairs(recs) do
    before[rec:name()] = sources(rec)
    rec:rec_enable_control():set_value(1, NOGROUP)
  end
  Session:request_locate(0, false, ARDOUR.LocateTransportDisposition.MustStop, ARDOUR.TransportRequestSource.TRS_UI)
  sleep(0.3)
  Session:maybe_enable_record(false)
  sleep(0.2)
  Session:request_roll(ARDOUR.TransportRequestSource.TRS_UI)
  sleep(seconds)
  Session:request_stop(false, false, ARDOUR.TransportRequestSource.TRS_UI)
  sleep(1)
  Session:disable_record(false, false)
  for _, rec in ipairs(recs) do
    rec:rec_enable_control():set_value(0, NOGROUP)
    local name = string.sub(rec:name(), 5)
    local n = 0
    for path, c in pairs(sources(rec)) do
      if not before[rec:name()][path] then
        print(string.format("RESULT %s %d %s", name, c, path))
        n = n + 1
      end
    end
    check("recorded-" .. name, n == rec:n_inputs():n_audio(), n .. " new files")
  end
  io.stdout:flush()
end
