#!/usr/bin/env python3
"""Makes log-vN.db: a small event log of each past schema version, each built with the migrations exactly as the
commit that introduced version N shipped them (read from git history), holding two business days of a small lobby.
Run from the repository root: python3 tests/deploy/past-logs/make_past_logs.py [VERSION...]"""
import os, re, sqlite3, subprocess, sys

# The commit that introduced each schema version (git log -p src/store/EventStore.cpp).
COMMITS = {1: "12561f3^", 2: "12561f3", 3: "9dc2e6f", 4: "0de8879", 5: "b34f113", 6: "0dc77dd", 7: "e4c6f22", 8: "a4ec080", 9: "6b27594", 10: "3159cc1", 11: "9fbf547", 12: "d1f1c1e"}
HERE = os.path.dirname(os.path.abspath(__file__))


def migrations_at(commit):
    # The migrations were in EventStore.cpp up to schema 11, in Migrations.cpp since.
    try:
        source = subprocess.check_output(["git", "show", f"{commit}:src/store/Migrations.cpp"], text=True,
                                         stderr=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        source = subprocess.check_output(["git", "show", f"{commit}:src/store/EventStore.cpp"], text=True)
    body = source[source.index("kMigrations[][8] = {"):]
    body = body[body.index("{") + 1: body.index("\n};")]
    steps, current, statement = [], [], ""
    for line in body.splitlines():
        line = re.sub(r"//[^\"]*$", "", line).strip()
        if line.startswith("{"):
            current = []
        for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            statement += literal
        if line.endswith('",') or line == "nullptr,":
            if statement:
                current.append(statement)
            statement = ""
        if line.startswith("},") or line == "}":
            steps.append(current)
    return steps


def events_columns(db):
    return [r[1] for r in db.execute("PRAGMA table_info(events)")]


def fill(db):
    # Two business days: each with window 1 open, four tickets issued, called, started and finished, one no-show.
    cols = events_columns(db)
    rows = []
    seq = 0
    for day, base in (("2026-11-27", 1795741200000), ("2026-11-30", 1796000400000)):  # 09:00 in China
        t = base
        def add(kind, ticket=None, category=None, window=None, device=1):
            nonlocal t, seq
            seq += 1
            t += 60000
            row = {"received_at": t, "business_day": day, "kind": kind, "ticket": ticket, "category": category,
                   "window_no": window, "to_window": None, "priority": 0, "detail": None, "port": "counter",
                   "device": device, "seq": seq}
            if "frame_crc" in cols:
                row["frame_crc"] = seq * 7919 % 65536
            rows.append(row)
        add("window_open", window=1, device=11)
        for n in range(1, 5):
            add("issued", f"A00{n}", "A")
        for n in range(1, 4):
            add("called", f"A00{n}", "A", 1, 11)
            add("started", f"A00{n}", "A", 1, 11)
            add("finished", f"A00{n}", "A", 1, 11)
        add("called", "A004", "A", 1, 11)
        add("no_show", "A004", "A", 1, 11)
    for row in rows:
        keys = [k for k in row if k in cols]
        db.execute(f"INSERT INTO events ({','.join(keys)}) VALUES ({','.join('?' * len(keys))})", [row[k] for k in keys])
    return len(rows)


def main():
    # With version numbers as arguments only those logs are made (the others stay byte for byte as they are).
    wanted = {int(a) for a in sys.argv[1:]} or set(COMMITS)
    for version, commit in COMMITS.items():
        if version not in wanted:
            continue
        steps = migrations_at(commit)
        if len(steps) != version:
            sys.exit(f"{commit}: {len(steps)} migrations, expected {version}")
        path = os.path.join(HERE, f"log-v{version}.db")
        if os.path.exists(path):
            os.remove(path)
        db = sqlite3.connect(path)
        for step in steps:
            for statement in step:
                db.execute(statement)
        n = fill(db)
        db.execute(f"PRAGMA user_version = {version}")
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.chmod(path, 0o600)
        print(f"{path}: schema {version} from {commit}, {n} events")


main()
