#!/usr/bin/env python3
"""Independent decode of an OTLP profiles request with the OFFICIAL generated code (PyPI
opentelemetry-proto), for test/unit/import-otlp.test.ts. Prints JSON: sample count, total per
sample type, and per sample type the self weight of each leaf frame (name, file, line).

Usage: otlp-oracle.py FILE   (.pb, .pb.gz or OTLP JSON)
Exit 3 when opentelemetry-proto is not installed (the test then skips with the reason).
"""

import gzip
import json
import sys

try:
    from google.protobuf.json_format import Parse
    from opentelemetry.proto.collector.profiles.v1development.profiles_service_pb2 import (
        ExportProfilesServiceRequest,
    )
except ImportError as err:  # pragma: no cover
    print(f"opentelemetry-proto is not installed: {err}", file=sys.stderr)
    sys.exit(3)


def load(path: str) -> ExportProfilesServiceRequest:
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    req = ExportProfilesServiceRequest()
    if data.lstrip()[:1] == b"{":
        Parse(data.decode("utf-8"), req)
    else:
        req.ParseFromString(data)
    return req


def main() -> None:
    req = load(sys.argv[1])
    d = req.dictionary
    s = d.string_table
    types = []  # (type, unit) in order of first appearance
    totals = []
    leaf = []  # per type: {"name\tfile\tline": self}
    samples = 0
    for rp in req.resource_profiles:
        for sp in rp.scope_profiles:
            for prof in sp.profiles:
                key = (s[prof.sample_type.type_strindex], s[prof.sample_type.unit_strindex])
                if key not in types:
                    types.append(key)
                    totals.append(0)
                    leaf.append({})
                t = types.index(key)
                for sample in prof.samples:
                    samples += 1
                    # profiles.proto: with no values, each timestamp is one observation of 1.
                    value = sum(sample.values) if len(sample.values) else len(sample.timestamps_unix_nano)
                    totals[t] += value
                    locs = d.stack_table[sample.stack_index].location_indices
                    if not locs:
                        continue
                    loc = d.location_table[locs[0]]  # the leaf
                    if loc.lines:
                        line = loc.lines[0]  # innermost (inlined) function first
                        fn = d.function_table[line.function_index]
                        name = s[fn.name_strindex] or s[fn.system_name_strindex] or hex(loc.address)
                        frame = f"{name}\t{s[fn.filename_strindex]}\t{line.line or ''}"
                    else:
                        mapping = s[d.mapping_table[loc.mapping_index].filename_strindex] if loc.mapping_index else ""
                        name = hex(loc.address) + (f" ({mapping})" if mapping else "")
                        frame = f"{name}\t\t"
                    leaf[t][frame] = leaf[t].get(frame, 0) + value
    # Resource then scope attributes, each key once, distinct values joined by ", ".
    attrs: dict = {}

    def add(key: str, value: str) -> None:
        if value and value not in attrs.setdefault(key, []):
            attrs[key].append(value)

    def text(v) -> str:
        kind = v.WhichOneof("value")
        if kind == "string_value_strindex":
            return s[v.string_value_strindex]
        return {"string_value": v.string_value, "int_value": str(v.int_value),
                "bool_value": "true" if v.bool_value else "false"}.get(kind, "")

    for rp in req.resource_profiles:
        for kv in rp.resource.attributes:
            add(kv.key or s[kv.key_strindex], text(kv.value))
    for rp in req.resource_profiles:
        for sp in rp.scope_profiles:
            add("otel.scope.name", sp.scope.name)
            add("otel.scope.version", sp.scope.version)
            for kv in sp.scope.attributes:
                add(kv.key or s[kv.key_strindex], text(kv.value))
    json.dump(
        {
            "attributes": {k: ", ".join(v) for k, v in attrs.items() if v},
            "samples": samples,
            "values": [{"type": k[0], "unit": k[1], "total": totals[i]} for i, k in enumerate(types)],
            "leafSelf": leaf,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
