#!/usr/bin/env python3
"""The engine's layers depend one way (docs/ARCHITECTURE.md, "Layers"): checked on the
#include lines of engine/, plugins/ and tools/, and on the symbols of the built engine
library, so that a call across a forbidden edge (render into compile, say) fails here even
if someone declares the function by hand.

    check_layers.py SOURCE_DIR BUILD_DIR
"""
import os
import re
import subprocess
import sys

# layer -> the layers it may use (besides itself and the public include/phonon/)
ALLOWED = {
    "core": set(),
    "pattern": {"core"},
    "dsp": {"core"},
    "lang": {"core"},
    "graph": {"core"},
    "nodes": {"graph", "dsp", "pattern", "core"},
    "compile": {"lang", "pattern", "nodes", "graph", "dsp", "core"},
    "render": {"graph", "core"},
    "api": {"compile", "render", "nodes", "lang", "pattern", "graph", "core"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([a-z]+)/([^"]+)"', re.M)


def main():
    src, build = sys.argv[1], sys.argv[2]
    engine = os.path.join(src, "engine")
    errors = []
    layer_of = {}  # source file base name -> layer
    for layer in sorted(os.listdir(engine)):
        path = os.path.join(engine, layer)
        if not os.path.isdir(path):
            continue
        if layer not in ALLOWED:
            errors.append("engine/%s: a folder that is not a known layer" % layer)
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith((".c", ".h")):
                continue
            if name.endswith(".c"):
                if name in layer_of:
                    errors.append("engine/%s/%s: the same file name in two layers" % (layer, name))
                layer_of[name] = layer
            with open(os.path.join(path, name)) as f:
                for m in INCLUDE.finditer(f.read()):
                    dep = m.group(1)
                    if dep not in ALLOWED:
                        continue  # not an engine layer (e.g. lv2/)
                    if dep != layer and dep not in ALLOWED[layer]:
                        errors.append("engine/%s/%s includes %s/%s" % (layer, name, dep, m.group(2)))
    # plugins/ and tools/ see the public API only
    for top in ("plugins", "tools"):
        for root, _, files in os.walk(os.path.join(src, top)):
            for name in files:
                if not name.endswith((".c", ".h")):
                    continue
                with open(os.path.join(root, name)) as f:
                    for m in INCLUDE.finditer(f.read()):
                        if m.group(1) in ALLOWED:
                            errors.append("%s includes the engine-internal %s/%s" %
                                          (os.path.relpath(os.path.join(root, name), src), m.group(1), m.group(2)))
    # symbols: who defines and who uses what, in the built library
    lib = os.path.join(build, "libphonon-engine.a")
    out = subprocess.run(["nm", "-A", lib], capture_output=True, text=True, check=True).stdout
    defined, used = {}, []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3 and not (len(parts) == 2 and parts[1] == "U"):
            pass
        member = parts[0].split(":")[1] if ":" in parts[0] else ""
        source = member.rsplit(".", 2)[0] if member.endswith(".o") else ""
        layer = layer_of.get(source)
        if layer is None:
            continue
        if len(parts) == 3 and parts[1] in "TDBRC":
            defined[parts[2]] = layer
        elif len(parts) == 3 and parts[1] == "U":
            used.append((layer, source, parts[2]))
    for layer, source, sym in used:
        dep = defined.get(sym)
        if dep and dep != layer and dep not in ALLOWED[layer]:
            errors.append("engine/%s/%s calls %s from %s/" % (layer, source, sym, dep))
    if errors:
        for e in errors:
            print("layers: " + e)
        return 1
    print("layers: %d engine files in %d layers; includes and symbols depend one way"
          % (len(layer_of), len(ALLOWED)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
