#!/usr/bin/env python3
"""Check an `nstrace trace --record` file against docs/record-format.schema.json.

Usage: docs/check-record.py [--strict] [--allow-partial] RECORD

Every line must be valid against the schema, the first line must be a header
of version 1 to 4 and the last an end line. A version 2 or later record's task
lines must carry ns and nspid; a version 1 record must have no ns or idmap lines
and no ns or nspid keys. A version 3 record's syscall lines must carry params,
retValue and fds (older ones none of them). A version 4 header must name its backend,
and lost lines (and exit lines with lost) appear only in version 4. An ns line's from and to must differ. --allow-partial accepts a
record without its end line (nstrace was killed). --strict also rejects keys
that the schema does not list, on a line and inside a task line's ns (the schema
itself allows them: within a version, new optional keys may appear).

Prints "RECORD: ok (N lines)" and exits 0, or prints one line naming the first
bad line and exits 1 (2 for usage errors). Needs Python's jsonschema package.
"""
import json
import os
import sys

import jsonschema

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "record-format.schema.json")
# The record versions this checker knows (docs/record-format.md, "Versions").
OLDEST, NEWEST = 1, 4


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main(argv):
    args = argv[1:]
    strict = "--strict" in args
    partial = "--allow-partial" in args
    paths = [a for a in args if a not in ("--strict", "--allow-partial")]
    if len(paths) != 1 or paths[0].startswith("-"):
        print("usage: check-record.py [--strict] [--allow-partial] RECORD", file=sys.stderr)
        return 2
    path = paths[0]

    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    by_type = {
        name: jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})
        for name in schema["properties"]["type"]["enum"]
    }

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    if not data:
        fail(f"{path}: empty record")
    if not data.endswith(b"\n"):
        last = data.count(b"\n") + 1
        fail(f"{path}: line {last}: cut short (no newline at the end)")

    last_type = None
    version = None
    lines = data[:-1].split(b"\n")
    for number, raw in enumerate(lines, start=1):
        where = f"{path}: line {number}"
        try:
            line = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            fail(f"{where}: not valid JSON ({e})")
        if number == 1:
            if not isinstance(line, dict) or line.get("type") != "header":
                fail(f"{where}: the first line is not a header")
            if line.get("format") == "nstrace-record" and isinstance(line.get("version"), int) \
                    and not isinstance(line.get("version"), bool):
                version = line["version"]
                if version > NEWEST:
                    fail(f"{where}: record version {version} is newer than this schema ({NEWEST})")
                if version < OLDEST:
                    fail(f"{where}: record version {version} is older than this schema reads ({OLDEST})")
        elif isinstance(line, dict) and line.get("type") == "header":
            fail(f"{where}: a header after the first line")
        if last_type == "end":
            fail(f"{where}: a line after the end line")
        kind = line.get("type") if isinstance(line, dict) else None
        if kind not in by_type:
            fail(f"{where}: unknown line type {json.dumps(kind)}")
        # The line's own definition first (clear messages), then the whole schema.
        for v in (by_type[kind], validator):
            error = jsonschema.exceptions.best_match(v.iter_errors(line))
            if error is not None:
                at = "/".join(str(p) for p in error.absolute_path) or "(line)"
                message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
                fail(f"{where}: {kind} line: at {at}: {message}")
        # What the schema cannot say: which lines and keys belong to which version.
        if version == 1 and kind in ("ns", "idmap"):
            fail(f"{where}: {kind} line in a version 1 record")
        if kind == "lost" and version is not None and version < 4:
            fail(f"{where}: lost line in a version {version} record")
        if kind == "exit" and "lost" in line and version is not None and version < 4:
            fail(f"{where}: an exit line with lost in a version {version} record")
        if kind == "header" and version is not None:
            if version >= 4 and "backend" not in line:
                fail(f"{where}: header line: missing key backend (version {version})")
            if version < 4 and "backend" in line:
                fail(f"{where}: header line: key backend in a version {version} record")
        if kind == "task":
            for key in ("ns", "nspid"):
                if version == 1 and key in line:
                    fail(f"{where}: task line: key {key} in a version 1 record")
                if version is not None and version >= 2 and key not in line:
                    fail(f"{where}: task line: missing key {key} (version {version})")
        if kind == "syscall":
            for key in ("params", "retValue", "fds"):
                if version is not None and version < 3 and key in line:
                    fail(f"{where}: syscall line: key {key} in a version {version} record")
                if version is not None and version >= 3 and key not in line:
                    fail(f"{where}: syscall line: missing key {key} (version {version})")
        if kind == "ns" and line["from"] == line["to"]:
            fail(f"{where}: ns line: from and to are the same ({line['from']})")
        if strict:
            known = schema["$defs"][line["type"]]["properties"].keys()
            extra = sorted(set(line) - set(known))
            if extra:
                fail(f"{where}: {line['type']} line: unknown keys {', '.join(extra)}")
            if kind == "task" and "ns" in line:
                extra = sorted(set(line["ns"]) - set(schema["$defs"]["nsset"]["properties"]))
                if extra:
                    fail(f"{where}: task line: unknown keys in ns: {', '.join(extra)}")
        last_type = line["type"]

    if last_type != "end" and not partial:
        fail(f"{path}: line {len(lines)}: the last line is not an end line (record incomplete)")
    print(f"{path}: ok ({len(lines)} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
