#!/usr/bin/env python3
"""Alert rows per patient-week over 12 realistic recovery courses (issue 13).

Usage: bench/alert-courses.py MENDLOG [MENDLOG_BEFORE]

Each course is lived day by day through the real binary (MENDLOG_NOW is the
evening of the day logged); the patient reads every alert the day it comes
and acknowledges it (`ack --all`, plus `--emergency` where the binary
spares emergencies).  Prints, per course, the alert rows in alerts.csv and
the rows a patient had to acknowledge, and the totals per patient-week.
"""
import csv, datetime, os, subprocess, sys, tempfile

D0 = datetime.date(2026, 9, 1)

def course(name, kind, days, fn, seen=False):
    """seen: the patient answers "my clinician knows" (ack --seen) where
    the binary has it, instead of a plain acknowledgement."""
    return (name, kind, days, fn, seen)

def daily(**kw):
    return lambda d: kw

COURSES = [
    course("numb foot after discectomy", "discectomy", 21,
           lambda d: {"back_pain": "3", "numbness": "yes"} if d >= 1 else {}),
    course("cauda equina day 12-13", "discectomy", 14,
           lambda d: {"back_pain": "4"} if d < 12 else
           {"back_pain": "6", "leg_weakness": "yes", "bladder_bowel": "yes",
            "saddle_numbness": "yes"}),
    course("numb thigh after labour epidural (leg_weakness)",
           "epidural_labour", 21,
           lambda d: {"leg_weakness": "yes"} if d >= 1 else {}),
    course("post-puncture headache, days 1-5", "lumbar_puncture", 14,
           lambda d: {"headache": "6", "headache_upright": "yes"}
           if 1 <= d <= 5 else {"headache": "0"}),
    course("fever with back pain after fusion", "fusion", 14,
           lambda d: {"temperature_c": "38.4", "back_pain": "6"}
           if 3 <= d <= 5 else {"temperature_c": "36.8", "back_pain": "4"}),
    course("wound problem after laminectomy", "laminectomy", 14,
           lambda d: {"site_problem": "yes", "back_pain": "4"}
           if 4 <= d <= 9 else {"site_problem": "no", "back_pain": "3"}),
    course("severe pain after fusion", "fusion", 14,
           lambda d: {"back_pain": "8", "back_pain_worst": "9"}
           if d <= 6 else {"back_pain": "5", "back_pain_worst": "6"}),
    course("pain creeping up after discectomy", "discectomy", 21,
           lambda d: {"back_pain": str(min(9, 2 + d // 3))}),
    course("tingling with leg pain after steroid epidural",
           "epidural_steroid", 14,
           lambda d: {"tingling": "yes", "leg_pain": "7"} if d >= 1 else {}),
    course("numb thigh after labour epidural, answered seen",
           "epidural_labour", 21,
           lambda d: {"leg_weakness": "yes"} if d >= 1 else {}, seen=True),
    course("a quiet recovery", "discectomy", 28,
           lambda d: {"back_pain": "3", "numbness": "no"}),
    course("back pain after steroid epidural", "epidural_steroid", 14,
           lambda d: {"back_pain_worst": "8"} if 1 <= d <= 4
           else {"back_pain_worst": "3"}),
    course("numbness on and off after discectomy", "discectomy", 21,
           lambda d: {"numbness": "yes" if d % 2 else "no"}),
]

def run(ml, data, now, *args):
    env = dict(os.environ, MENDLOG_NOW=now, MENDLOG_CONFIG="/dev/null")
    return subprocess.run([ml, "-d", data, *args], env=env,
                          capture_output=True, text=True)

def live(ml, c):
    name, kind, days, fn, seen = c
    with tempfile.TemporaryDirectory() as data:
        run(ml, data, f"{D0}T08:00:00", "procedure", "add", "--date",
            str(D0), "--kind", kind)
        acks = 0
        spares = "--emergency" in run(ml, data, f"{D0}T08:00:00", "ack",
                                      "--help").stdout
        for d in range(days + 1):
            day = D0 + datetime.timedelta(days=d)
            sets = fn(d)
            if not sets:
                continue
            now = f"{day}T20:00:00"
            run(ml, data, now, "log", "--date", str(day),
                *[f"{k}={v}" for k, v in sets.items()])
            if seen and spares:
                for line in run(ml, data, now, "alerts").stdout.splitlines():
                    w = line.split()
                    if w and w[0].isdigit():
                        run(ml, data, now, "ack", "--seen", w[0])
                        acks += 1
                continue
            out = run(ml, data, now, "ack", "--all",
                      *(["--emergency"] if spares else [])).stdout
            for w in out.split():
                if w.isdigit():
                    acks += int(w)
                    break
        path = os.path.join(data, "alerts.csv")
        rows = list(csv.DictReader(open(path))) if os.path.exists(path) else []
        return len(rows), acks, (days + 1) / 7

def main():
    bins = sys.argv[1:]
    print("| course | days | " + " | ".join(
        f"rows / acks ({'after' if i == 0 else 'before'})"
        for i in range(len(bins))) + " |")
    print("|---|---|" + "---|" * len(bins))
    tot = [[0, 0, 0.0] for _ in bins]
    for c in COURSES:
        cells = []
        for i, ml in enumerate(bins):
            rows, acks, weeks = live(ml, c)
            tot[i][0] += rows
            tot[i][1] += acks
            tot[i][2] += weeks
            cells.append(f"{rows} / {acks}")
        print(f"| {c[0]} | {c[2] + 1} | " + " | ".join(cells) + " |")
    for i, ml in enumerate(bins):
        r, a, w = tot[i]
        print(f"{'after' if i == 0 else 'before'}: {r} rows, {a} acknowledgements "
              f"over {w:.1f} patient-weeks = {r / w:.2f} rows and "
              f"{a / w:.2f} acknowledgements per patient-week")

main()
