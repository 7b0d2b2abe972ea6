-- tests/ardour, second run (a new process): the saved session opened again, without the
-- test presets on LV2_PATH, so every text that plays now came from the session's state.
-- Usage: ardour7-lua reopen.lua SESSION_DIR TESTS_DIR SECONDS
local dir, tests, seconds = arg[1], arg[2], tonumber(arg[3])
dofile(tests .. "/lib.lua")
start_backend()
assert(load_session(dir, "phonon"), "cannot open the session")

local function inspect()
  for _, name in ipairs({"inst", "p16", "fx", "fxmono", "notes", "gen", "keys"}) do
    local r = Session:route_by_name(name)
    local names = {}
    if not r:isnil() then
      local i = 0
      while not r:nth_plugin(i):isnil() do
        names[#names + 1] = r:nth_plugin(i):display_name()
        i = i + 1
      end
    end
    check("reopened-" .. name, not r:isnil() and #names > 0, table.concat(names, " -> "))
  end
  local p16 = Session:route_by_name("p16")
  check("reopened-p16-outputs", p16:output():n_ports():n_audio() == 18 and p16:panner_shell():bypassed(),
        p16:output():n_ports():n_audio() .. " outputs, panner bypassed: " .. tostring(p16:panner_shell():bypassed()))
end

inspect()
collectgarbage()
sleep(0.5)
record(seconds)
collectgarbage()
Session:close()
