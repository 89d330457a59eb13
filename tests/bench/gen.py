#!/usr/bin/env python3
"""Generate benchmark diaries (issue 7).  Deterministic (fixed seed).

  gen.py diary DIR [YEARS]
                      a YEARS-year diary (default 10: 3,650 daily entries
                      with realistic notes, 3 procedures, 6 exercises
                      twice daily with their log (~40,000 rows), 50
                      alerts; 5 alerts a year).  Every length ends on
                      2025-12-28, the day the benchmarks call "today".
  gen.py million DIR  DIR/entries.csv with 1,000,000 rows

Files are written with Python's csv module (an independent writer), in
the column order of man/mendlog.5.  Never commit the output: it goes to
build/bench/.
"""
import csv
import datetime
import os
import random
import sys

ENTRIES = ("date,back_pain,back_pain_worst,leg_pain,headache,headache_upright,"
           "numbness,tingling,leg_weakness,bladder_bowel,saddle_numbness,"
           "temperature_c,site_problem,sleep_hours,medication,therapies,"
           "activity_min,mood,notes,updated_at").split(",")
PROCEDURES = ["date", "kind", "description"]
EXERCISES = ("id,name,instructions,sets,reps,hold_s,days,times,start_date,"
             "end_date,active").split(",")
EXLOG = ("date,slot,exercise_id,status,logged_at,sets_done,pain_during,"
         "note").split(",")
ALERTS = "raised_at,date,rule,severity,message,acknowledged_at".split(",")
PSFS_ACTIVITIES = "id,name,added,retired,former_names".split(",")
PSFS_RATINGS = "week,activity_id,rating,rated_at".split(",")

PHRASES = [
    "stiff after the drive", "20 min walk by the river", "slept badly",
    "pain eased after the heat pack", "sore when getting out of bed",
    "headache worse when standing, better lying down",
    "physio said to keep the pelvic tilts going",
    "tingling in the left foot for an hour", "a good day, mostly",
    "took the stairs twice", "sat too long at work, \"paid for it\" later",
    "swimming 30 min, gentle", "naproxen with breakfast",
    "cold, tired; stayed in", "back to gardening — carefully",
    "the site is a bit red, no heat", "mood low, called a friend",
    "Übungen gemacht, alles gut", "douleur légère le matin",
]
MEDS = ["", "", "paracetamol", "ibuprofen", "naproxen; paracetamol",
        "gabapentin", ""]
THERAPIES = ["", "", "heat", "walk", "physio", "walk, stretch", "TENS"]
EXNAMES = [
    ("pelvic_tilt", "Pelvic tilt", "Lie on your back, knees bent; flatten your back."),
    ("knee_to_chest", "Knee to chest", "One knee at a time, hold gently."),
    ("bridge", "Bridge", "Lift your hips, keep your ribs down."),
    ("cat_camel", "Cat-camel", "On hands and knees; slow, within comfort."),
    ("bird_dog", "Bird dog", "Opposite arm and leg, keep the pelvis level."),
    ("walk", "Walk", "Flat ground, at an easy pace."),
]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.chmod(path, 0o600)


def stamp(day, h, m):
    return f"{day.isoformat()}T{h:02d}:{m:02d}:00+00:00"


def note(rng):
    n = rng.choice([0, 0, 1, 1, 2, 3])
    s = ". ".join(rng.choice(PHRASES) for _ in range(n))
    if n and rng.random() < 0.05:
        s += "\nlater: " + rng.choice(PHRASES)
    return s


def entry_row(rng, day, i):
    pain = max(0, min(10, int(6 - i / 400 + rng.gauss(0, 1.5))))
    yn = lambda p: "yes" if rng.random() < p else "no"
    blank = lambda v: v if rng.random() > 0.1 else ""
    return [day.isoformat(), pain, min(10, pain + rng.randint(0, 3)),
            blank(max(0, pain - 2)), blank(rng.randint(0, 4)), blank(yn(0.05)),
            blank(yn(0.1)), blank(yn(0.15)), blank(yn(0.03)), blank(yn(0.002)),
            blank(yn(0.002)), blank(f"{rng.gauss(36.8, 0.3):.1f}"),
            blank(yn(0.02)), blank(f"{rng.uniform(4, 9):.1f}"),
            rng.choice(MEDS), rng.choice(THERAPIES), rng.randint(0, 120),
            rng.randint(3, 9), note(rng), stamp(day, 21, rng.randint(0, 59))]


def diary(d, years=10):
    rng = random.Random(7)
    os.makedirs(d, mode=0o700, exist_ok=True)
    ndays = 365 * years
    start = datetime.date(2016, 1, 1) + datetime.timedelta(days=3650 - ndays)
    days = [start + datetime.timedelta(days=i) for i in range(ndays)]
    write(os.path.join(d, "entries.csv"), ENTRIES,
          [entry_row(rng, day, i) for i, day in enumerate(days)])
    write(os.path.join(d, "procedures.csv"), PROCEDURES, [
        [start.isoformat(), "lumbar_puncture", "diagnostic"],
        [(start + datetime.timedelta(days=400)).isoformat(),
         "epidural_steroid", "L4-L5, right"],
        [(start + datetime.timedelta(days=1500)).isoformat(), "discectomy",
         "L5-S1"],
    ])
    write(os.path.join(d, "exercises.csv"), EXERCISES, [
        [i, n, ins, 2, 10, 5 if i != "walk" else "", "daily", "08:00;18:00",
         start.isoformat(), "", "yes"] for i, n, ins in EXNAMES])
    log = []
    for day in days:
        for slot in ("08:00", "18:00"):
            for ex, _, _ in EXNAMES:
                r = rng.random()
                if r < 0.085:
                    continue        # not logged at all
                status = "done" if r < 0.8 else "partial" if r < 0.92 else "skipped"
                h = 8 if slot == "08:00" else 18
                log.append([day.isoformat(), slot, ex, status,
                            stamp(day, h, rng.randint(0, 59)),
                            2 if status == "done" else 1 if status == "partial" else "",
                            rng.randint(0, 6) if status != "skipped" else "",
                            "" if rng.random() < 0.95 else rng.choice(PHRASES)])
    write(os.path.join(d, "exercise_log.csv"), EXLOG, log)
    rules = [("fever", "urgent", "Temperature of 38.0 or more with back pain: "
              "call your clinic or out-of-hours service today."),
             ("post_puncture_headache", "contact", "A headache that is worse "
              "when upright after a lumbar puncture: tell the team that did it."),
             ("worsening", "watch", "Your pain has been rising for a week: "
              "mention it at your next appointment.")]
    alerts = []
    for k in range(5 * years):
        day = days[rng.randrange(len(days))]
        rule, sev, msg = rules[k % len(rules)]
        alerts.append([stamp(day, 7, 0), day.isoformat(), rule, sev, msg,
                       stamp(day, 9, 30) if k % 5 else ""])
    alerts.sort(key=lambda a: a[0])
    write(os.path.join(d, "alerts.csv"), ALERTS, alerts)
    # PSFS (issue 15): three activities rated weekly from the first
    # Monday, one week in ten skipped (a gap), slowly improving.  Its own
    # random stream, so the files above stay as they were.
    prng = random.Random(15)
    monday = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
    acts = [("socks", "putting on socks"), ("sitting", "sitting through a meal"),
            ("lifting", "lifting a child")]
    write(os.path.join(d, "psfs_activities.csv"), PSFS_ACTIVITIES,
          [[i, n, monday.isoformat(), "", ""] for i, n in acts])
    ratings = []
    nweeks = (days[-1] - monday).days // 7 + 1
    for w in range(nweeks):
        week = monday + datetime.timedelta(days=7 * w)
        if prng.random() < 0.1:
            continue
        base = 2 + 6 * w / nweeks
        for i, _ in acts:
            ratings.append([week.isoformat(), i,
                            max(0, min(10, round(base + prng.uniform(-1.5, 1.5)))),
                            stamp(week, 19, 0)])
    write(os.path.join(d, "psfs_ratings.csv"), PSFS_RATINGS, ratings)
    print(f"{d}: {ndays} entries, {len(log)} exercise_log rows, "
          f"{5 * years} alerts, {len(ratings)} PSFS ratings")


def million(d):
    rng = random.Random(11)
    os.makedirs(d, mode=0o700, exist_ok=True)
    start = datetime.date(1900, 1, 1)
    path = os.path.join(d, "entries.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ENTRIES)
        day = start
        one = datetime.timedelta(days=1)
        for i in range(1000000):
            w.writerow(entry_row(rng, day, i % 3650))
            day += one
    os.chmod(path, 0o600)
    print(f"{path}: 1000000 rows, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("diary", "million"):
        sys.exit(__doc__)
    if sys.argv[1] == "diary":
        diary(sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 10)
    else:
        million(sys.argv[2])
