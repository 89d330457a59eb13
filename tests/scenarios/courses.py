#!/usr/bin/env python3
"""Realistic patient courses for the red-flag rules (issue 13).

Each course is a procedure and a few weeks of diary days, logged with
`mendlog log` one day at a time with the clock pinned to that evening (as a
patient would), so the alerts are recorded exactly as the program records
them.  For every course the script prints the alert rows in alerts.csv per
patient-week and checks that every emergency or urgent sign the course
contains was raised at that tier or higher ("missed" otherwise).

Usage: tests/scenarios/courses.py [--mendlog PATH] [--keep DIR] [-v]
Exit status: 0 when nothing was missed, 1 otherwise.
"""
import argparse
import csv
import datetime as dt
import os
import subprocess
import sys
import tempfile

TIERS = ["emergency", "urgent", "contact", "watch"]
START = dt.date(2026, 9, 1)


def days(first, last, **fields):
    """The same answers on days first..last (day numbers after day 0)."""
    return [(d, dict(fields)) for d in range(first, last + 1)]


def ramp(first, col, values, **fields):
    """One value of @col per day from @first, with @fields too."""
    return [(first + i, dict(fields, **{col: v})) for i, v in enumerate(values)]


def merge(*parts):
    out = {}
    for part in parts:
        for d, f in part:
            out.setdefault(d, {}).update(f)
    return sorted(out.items())


def recovery(n, start=5, end=1, leg=None):
    """A usual recovery: back pain easing from @start to @end over n days."""
    rows = []
    for d in range(0, n):
        bp = round(start + (end - start) * d / max(n - 1, 1))
        f = {"back_pain": bp, "back_pain_worst": min(10, bp + 2),
             "sleep_hours": 7, "mood": 6}
        if leg is not None:
            f["leg_pain"] = leg
        rows.append((d, f))
    return rows


# name, procedure kind, days logged (day number, fields), and the signs
# that must be raised: {rule: lowest acceptable tier}.
COURSES = [
    ("discectomy, numb foot for 21 days", "discectomy",
     merge(recovery(22, 5, 2, leg=3), days(1, 21, numbness="yes")),
     {}),
    ("discectomy, cauda equina on day 12 (logged days 12 and 13)",
     "discectomy",
     merge(recovery(15, 5, 3, leg=4),
           days(12, 13, bladder_bowel="yes", saddle_numbness="yes",
                both_legs="yes", leg_weakness="yes", back_pain=8,
                back_pain_worst=9)),
     {"bladder_bowel": "emergency", "saddle_numbness": "emergency",
      "both_legs": "emergency", "leg_weakness": "emergency"}),
    ("labour epidural, numb thigh days 1-21", "epidural_labour",
     merge(recovery(22, 3, 1), days(1, 21, numbness="yes")),
     {"post_block_deficit": "emergency"}),
    ("lumbar puncture, headache upright that does not settle",
     "lumbar_puncture",
     merge(recovery(14, 2, 1),
           ramp(1, "headache", [5, 6, 6, 7, 6, 6, 5, 5, 4, 3, 2, 1],
                headache_upright="yes")),
     {"post_puncture_headache": "urgent",
      "puncture_headache_persisting": "urgent"}),
    ("fusion, opioid constipation and early drainage", "fusion",
     merge(recovery(21, 6, 3),
           ramp(1, "days_no_bowel", [1, 2, 3, 4, 5, 0, 1, 2, 0]),
           days(1, 4, site_leaking="yes"),
           days(1, 21, bladder_bowel="no")),
     {"no_bowel_movement": "urgent"}),
    ("laminectomy, pain not controlled all week", "laminectomy",
     merge(days(0, 13, back_pain=8, back_pain_worst=8, leg_pain=5),
           days(2, 8, pain_uncontrolled="yes")),
     {"pain_uncontrolled": "urgent"}),
    ("discectomy, back pain jumps from 3 to 8 on day 9", "discectomy",
     merge(recovery(16, 4, 3, leg=2), days(9, 10, back_pain=8,
                                           back_pain_worst=9)),
     {"pain_jump": "urgent"}),
    ("discectomy, fever with a stiff neck and confusion on day 6",
     "discectomy",
     merge(recovery(12, 4, 2),
           ramp(4, "temperature_c", ["37.6", "37.9", "38.4", "38.6"]),
           days(6, 7, headache=7, neck_stiffness="yes",
                headache_neuro="yes")),
     {"fever_neck_stiffness": "emergency", "headache_neuro": "emergency"}),
    ("fusion, a fall on day 10 and a swollen calf on days 14-15", "fusion",
     merge(recovery(21, 6, 3), days(10, 10, fall="yes"),
           days(14, 15, calf_pain="yes")),
     {"fall_after_surgery": "urgent", "calf_pain": "urgent"}),
    ("epidural steroid injection, uneventful", "epidural_steroid",
     recovery(21, 5, 2, leg=2),
     {}),
    ("discectomy, wound leaking days 3-8, then red and a fever",
     "discectomy",
     merge(recovery(14, 4, 2), days(3, 8, site_leaking="yes"),
           days(8, 9, site_problem="yes", temperature_c="38.3")),
     {"site_leaking": "urgent", "fever_back_pain": "urgent",
      "site_problem": "urgent"}),
    ("fusion, breathless on day 9 after a sore calf on day 8", "fusion",
     merge(recovery(14, 6, 4), days(8, 9, calf_pain="yes"),
           days(9, 9, chest_breathless="yes")),
     {"calf_pain": "urgent", "chest_breathless": "emergency"}),
]


def run_course(ml, root, idx, name, kind, entries, expected, verbose):
    data = os.path.join(root, f"course-{idx:02d}")
    day0 = START + dt.timedelta(days=idx * 60)
    env = dict(os.environ, MENDLOG_NOW=f"{day0.isoformat()}T09:00:00")
    env.pop("MENDLOG_CONFIG", None)
    subprocess.run([ml, "-d", data, "procedure", "add", "--date",
                    day0.isoformat(), "--kind", kind], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    last = 0
    for d, fields in entries:
        date = day0 + dt.timedelta(days=d)
        env["MENDLOG_NOW"] = f"{date.isoformat()}T20:00:00"
        args = [ml, "-d", data, "log", "--date", date.isoformat()]
        args += [f"{k}={v}" for k, v in sorted(fields.items())]
        r = subprocess.run(args, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if r.returncode != 0:
            sys.exit(f"courses: {name}: day {d}: mendlog log exit "
                     f"{r.returncode}")
        last = max(last, d)
    path = os.path.join(data, "alerts.csv")
    rows = []
    if os.path.exists(path):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    weeks = (last + 1) / 7.0
    best = {}
    for r in rows:
        t = TIERS.index(r["severity"])
        best[r["rule"]] = min(best.get(r["rule"], 9), t)
    missed = [rule for rule, tier in expected.items()
              if best.get(rule, 9) > TIERS.index(tier)]
    by_tier = [sum(1 for r in rows if r["severity"] == t) for t in TIERS]
    if verbose:
        for r in rows:
            print(f"    {r['date']} {r['severity']:9} {r['rule']}")
    return len(rows), weeks, by_tier, missed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--mendlog", default=os.path.join(here, "..", "..",
                                                      "mendlog"))
    ap.add_argument("--keep", help="write the diaries here and keep them")
    ap.add_argument("-v", action="store_true", help="list every alert row")
    a = ap.parse_args()
    ml = os.path.abspath(a.mendlog)
    root = a.keep or tempfile.mkdtemp(prefix="mendlog-courses.")
    total_rows, total_weeks, total_missed = 0, 0.0, 0
    print(f"{'course':60} {'rows':>4} {'weeks':>5} {'rows/wk':>7}  "
          "E/U/C/W  missed")
    for i, (name, kind, entries, expected) in enumerate(COURSES):
        n, weeks, by_tier, missed = run_course(ml, root, i, name, kind,
                                               entries, expected, a.v)
        total_rows += n
        total_weeks += weeks
        total_missed += len(missed)
        print(f"{name[:60]:60} {n:4} {weeks:5.1f} {n / weeks:7.2f}  "
              f"{'/'.join(map(str, by_tier)):7}  "
              f"{', '.join(missed) if missed else '0'}")
    print(f"{len(COURSES)} courses, {total_rows} alert rows over "
          f"{total_weeks:.1f} patient-weeks: "
          f"{total_rows / total_weeks:.2f} rows per patient-week; "
          f"missed emergency/urgent: {total_missed}")
    if not a.keep:
        subprocess.run(["rm", "-rf", root])
    return 1 if total_missed else 0


if __name__ == "__main__":
    sys.exit(main())
