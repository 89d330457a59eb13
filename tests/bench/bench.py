#!/usr/bin/env python3
"""make bench: measure mendlog against floor programs, write bench/RESULTS.md.

Every figure is the median of BENCH_RUNS (default 5) runs, and each is set
beside its floor measured in the same run, so the ratios hold on a noisy
machine.  One function per measurement; a measurement whose command has not
landed yet writes a "pending" row saying what it will measure, and starts
measuring by itself once the command exists.  The screen is driven on a
real 80x24 pty (no polling); rows say so while it is still the placeholder.

Data (generated into build/bench/ by gen.py, never committed):
  diary10/  a 10-year diary (3,650 entries, ~40,000 exercise_log rows, ...)
  diary1/, diary30/  the same generator for 1 and 30 years (same last day)
  million/  entries.csv with 1,000,000 rows
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
B = os.path.join(TOP, "build", "bench")
ML = os.path.join(TOP, "mendlog")
FLOOR_CSV = os.path.join(B, "floor-csv")
FLOOR_CURSES = os.path.join(B, "floor-curses")
DIARY = os.path.join(B, "diary10")
DIARIES = {y: os.path.join(B, "diary%d" % y) for y in (1, 10, 30)}
MILLION = os.path.join(B, "million")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", HOME=B,
           MENDLOG_CONFIG="/dev/null")
ENV.pop("MENDLOG_DIR", None)
# "Now" is noon on the 10-year diary's last day, so `due` and the screen
# open a day that has data (the diary runs 2016-01-01 .. 2025-12-28).
ENV["MENDLOG_NOW"] = "2025-12-28T12:00:00"

rows = []       # (measurement, mendlog, floor, ratio, target, verdict)
notes = []


def run_once(cmd, stdin=None):
    """Wall seconds and max RSS (KiB) of one run; fails on a bad exit.
    RSS comes from GNU time: a child's own ru_maxrss would include the
    Python image it was forked from (15 MiB) until exec."""
    rss_file = os.path.join(B, "rss.txt")
    wrapped = (["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
               if os.access("/usr/bin/time", os.X_OK) else cmd)
    t0 = time.perf_counter()
    p = subprocess.Popen(wrapped, env=ENV, stdin=stdin,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"bench: {' '.join(cmd)} exited {code}: {err.strip()[:500]}")
    if wrapped is cmd:
        return wall, ru.ru_maxrss
    with open(rss_file) as f:
        return wall, int(f.read().split()[-1])


def median_run(cmd):
    """Median wall time and median max RSS over RUNS runs (after a warm-up
    run, so every run reads from the page cache)."""
    run_once(cmd)
    walls, rss = [], []
    for _ in range(RUNS):
        w, r = run_once(cmd)
        walls.append(w)
        rss.append(r)
    return statistics.median(walls), statistics.median(rss)


def have_command(name):
    """True when `mendlog NAME --help` works: the command has landed."""
    r = subprocess.run([ML, name, "--help"], env=ENV, capture_output=True)
    return r.returncode == 0


def pending(what, why):
    rows.append((what, "pending", "", "", "", why))


def size_mb(paths):
    return sum(os.path.getsize(p) for p in paths) / 1e6


def csv_files(d):
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".csv"))


# --- measurements: one function each ----------------------------------

def bench_check_million():
    """`mendlog check` on the 1,000,000-row entries.csv vs bare libcsv."""
    files = csv_files(MILLION)
    mb = size_mb(files)
    ml_t, ml_rss = median_run([ML, "-d", MILLION, "check"])
    fl_t, fl_rss = median_run([FLOOR_CSV] + files)
    ratio = fl_t / ml_t         # throughput ratio = inverse time ratio
    rows.append(("check, 1M-row entries.csv (%.0f MB): time" % mb,
                 "%.2f s (%.0f MB/s)" % (ml_t, mb / ml_t),
                 "%.2f s (%.0f MB/s)" % (fl_t, mb / fl_t),
                 "%.2fx throughput" % ratio, ">= 0.5x",
                 "met" if ratio >= 0.5 else "MISSED"))
    rows.append(("check, 1M-row entries.csv: max RSS",
                 "%.0f MiB" % (ml_rss / 1024), "%.0f MiB" % (fl_rss / 1024),
                 "%.1fx" % (ml_rss / fl_rss), "(none; see note)", ""))
    notes.append("check streams each file (store_check_file): cells are "
                 "validated as libcsv hands them over and only the rows' "
                 "keys are kept for the duplicate check (the sort is "
                 "skipped when keys are in order, as mendlog writes them): "
                 "%.2f bytes of RSS per byte of file (4.3 when check held "
                 "the whole table).  No target is set for check's memory."
                 % (ml_rss * 1024 / (mb * 1e6)))
    notes.append("Where check's time goes (callgrind, first 100,000 rows, "
                 "instructions): floor 498M, of which libcsv 494M; check "
                 "949M (1,124M when it built the table): libcsv 494M, "
                 "checking every value 180M (dates, numbers, UTF-8 of the "
                 "notes), dispatching each cell to its column and copying "
                 "the key 75M, the cell callback 159M (mostly counting "
                 "newlines inside quoted cells for FILE:LINE: a byte loop, "
                 "more instructions than memchr but faster in time on "
                 "short cells), libcsv's space callback 16M.  0.52x by "
                 "instructions; by time ~0.5x, so the margin is thin on "
                 "this noisy 2-core machine: what is left is the value "
                 "checks themselves and libcsv's one call per cell.  "
                 "Export reads only the entries in its range "
                 "(store_load_filtered), so on this file (1900..4637, "
                 "range up to today) it keeps 46,000 of 1,000,000 rows; "
                 "a range of more than 65,536 entries in date order is "
                 "not held but streamed from the file (a second parse), "
                 "so memory stays flat however many rows are written.")
    notes.append("The screen's first frame reads only entries, procedures "
                 "and alerts (the banner); the exercise plan and log (the "
                 "reminder line) and the start-up rule run follow right "
                 "after it, before the first wait for input (ui.h, "
                 "`started`): the \"until quiet\" row includes them.  "
                 "The screen holds only the last 30 days of "
                 "exercise_log.csv (2.5 MB of the 3.1 MB; store_window), "
                 "filtered while parsing, so the rows left out never take "
                 "memory; saves still apply to the whole file.")


def bench_check_diary():
    """`mendlog check` on the 10-year diary (all five files) vs libcsv."""
    files = csv_files(DIARY)
    ml_t, ml_rss = median_run([ML, "-d", DIARY, "check"])
    fl_t, _ = median_run([FLOOR_CSV] + files)
    rows.append(("check, 10-year diary (%.1f MB, 5 files)" % size_mb(files),
                 "%.1f ms" % (ml_t * 1e3), "%.1f ms" % (fl_t * 1e3),
                 "%.2fx time" % (ml_t / fl_t), "(info)", ""))


def bench_floor_curses():
    """The curses floor alone: start, draw one frame, quit (no tty: the
    frame goes to a pipe).  The first-frame target adds a libcsv parse of
    the diary to this."""
    env_term = ENV.get("TERM")
    ENV["TERM"] = "xterm-256color"
    t, rss = median_run([FLOOR_CURSES, "-n"])
    if env_term is None:
        del ENV["TERM"]
    else:
        ENV["TERM"] = env_term
    rows.append(("floor: minimal ncurses, one frame and quit", "",
                 "%.1f ms, %.1f MiB" % (t * 1e3, rss / 1024), "", "(floor)", ""))


def pty_run(cmd, steps=(), quiet=0.15, frame_end=None):
    """Run @cmd on a fresh 80x24 pty (TERM=xterm-256color).  Returns the
    time from launch to the last byte of the first frame (the output then
    stays quiet for @quiet seconds), the bytes of that frame, the bytes
    written after each key of @steps, the time from 'q' to exit, the max
    RSS in KiB, all the output, and the time from launch to the chunk
    that holds @frame_end (the text of the frame's bottom row, which
    curses draws last), or None.  No polling: the output is read as it
    comes."""
    import pty, select, struct, fcntl, termios
    rss_file = os.path.join(B, "rss-pty.txt")
    env = dict(ENV, TERM="xterm-256color")
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve("/usr/bin/time", ["/usr/bin/time", "-f", "%M", "-o",
                                    rss_file] + cmd, env)

    def drain(limit=5.0):
        """Bytes until @quiet seconds of silence; time of the last byte."""
        got, last = 0, None
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            r, _, _ = select.select([fd], [], [], quiet)
            if not r:
                if got:
                    break
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += len(chunk)
            last = time.perf_counter()
            drain.text += chunk
            if (frame_end and drain.drawn is None and
                    frame_end in drain.text):
                drain.drawn = last
        return got, last

    drain.text = b""
    drain.drawn = None
    frame_bytes, last = drain()
    first = (last or time.perf_counter()) - t0
    step_bytes = []
    for key in steps:
        os.write(fd, key)
        step_bytes.append(drain(2.0)[0])
    tq = time.perf_counter()
    os.write(fd, b"q")
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    quit_t = time.perf_counter() - tq
    os.close(fd)
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    drawn = drain.drawn - t0 if drain.drawn is not None else None
    return first, frame_bytes, step_bytes, quit_t, rss, drain.text, drawn


def screen_cmd():
    return [ML, "-d", DIARY]


def bench_first_frame():
    """Launch to first full frame of the screen on the 10-year diary, and
    'q' to exit, vs floor-curses + a libcsv parse of all the diary's files;
    peak RSS vs the floor's plus the diary's size.  Measured on whatever
    screen is built (flagged while it is still the placeholder)."""
    # The first frame is complete when its bottom row (the status line;
    # the floor's last line) is written.  What the screen does right after
    # it (the reminder line, the start-up rule run: ui.h, `started`) is
    # measured too, as "settled": launch to the last byte before quiet.
    runs = [pty_run(screen_cmd(), frame_end=b"? help") for _ in range(RUNS)]
    floor = [pty_run([FLOOR_CURSES], frame_end=b"floor: one frame drawn")
             for _ in range(RUNS)]
    parse_t, _ = median_run([FLOOR_CSV] + csv_files(DIARY))
    drawn = [r[6] if r[6] is not None else r[0] for r in runs]
    ml_first = statistics.median(drawn)
    ml_settled = statistics.median(r[0] for r in runs)
    fl_first = statistics.median(r[6] if r[6] is not None else r[0]
                                 for r in floor)
    ml_quit = statistics.median(r[3] for r in runs)
    fl_quit = statistics.median(r[3] for r in floor)
    ml_rss = statistics.median(r[4] for r in runs)
    fl_rss = statistics.median(r[4] for r in floor)
    budget = 1.5 * (fl_first + parse_t)
    placeholder = b"not built yet" in runs[0][5]
    flag = " (placeholder screen)" if placeholder else ""
    rows.append(("first frame, 10-year diary" + flag,
                 "%.1f ms" % (ml_first * 1e3),
                 "%.1f ms + parse %.1f ms" % (fl_first * 1e3, parse_t * 1e3),
                 "%.2fx" % (ml_first / (fl_first + parse_t)),
                 "<= 1.5x (%.1f ms)" % (budget * 1e3),
                 ("met" if ml_first <= budget else "MISSED") + flag))
    rows.append(("first frame and what follows it at once (reminder line, "
                 "start-up rule run), until quiet" + flag,
                 "%.1f ms" % (ml_settled * 1e3), "",
                 "%.2fx" % (ml_settled / (fl_first + parse_t)), "(info)", ""))
    rows.append(("q to exit" + flag, "%.1f ms" % (ml_quit * 1e3),
                 "%.1f ms" % (fl_quit * 1e3), "", "(info)", ""))
    diary_kib = size_mb(csv_files(DIARY)) * 1e6 / 1024
    mem_budget = 2 * (fl_rss + diary_kib)
    rows.append(("peak RSS of the screen" + flag, "%.1f MiB" % (ml_rss / 1024),
                 "%.1f MiB + diary %.1f MiB" % (fl_rss / 1024, diary_kib / 1024),
                 "%.2fx" % (ml_rss / (fl_rss + diary_kib)),
                 "<= 2x (%.1f MiB)" % (mem_budget / 1024),
                 ("met" if ml_rss <= mem_budget else "MISSED") + flag))


def bench_bytes_per_step():
    """Bytes written to the terminal per day step and per screen switch
    (Tab), over 30 of each, after the first frame.  The diary opens on its
    last day ("now"), so the steps go back with `[` (`]` cannot pass today)."""
    r = pty_run(screen_cmd(), steps=[b"["] * 30 + [b"\t"] * 30)
    placeholder = b"not built yet" in r[5]
    day, tab = r[2][:30], r[2][30:]
    flag = " (placeholder screen)" if placeholder else ""
    if sum(day) == 0:
        pending("bytes per day step (<= 200)", "`[` draws nothing yet" + flag)
    else:
        med = statistics.median(day)
        rows.append(("bytes per day step `[`" + flag, "%.0f B (median of 30)" % med,
                     "", "", "<= 200 B", ("met" if med <= 200 else "MISSED") + flag))
    rows.append(("bytes per screen switch (Tab)" + flag,
                 "%.0f B (median of 30)" % statistics.median(tab), "", "",
                 "(info)", ""))
    rows.append(("bytes of the first frame" + flag, "%d B" % r[1], "", "",
                 "(info)", ""))


def bench_export():
    """`mendlog export` on the 1M-row file vs a bare libcsv parse."""
    if not have_command("export"):
        pending("export, 1M-row file (>= 0.5x libcsv)",
                "`mendlog export` not merged yet")
        return
    files = csv_files(MILLION)
    mb = size_mb(files)
    ml_t, ml_rss = median_run([ML, "-d", MILLION, "export"])
    fl_t, _ = median_run([FLOOR_CSV] + files)
    ratio = fl_t / ml_t
    rows.append(("export, 1M-row file", "%.2f s, %.0f MiB" % (ml_t, ml_rss / 1024),
                 "%.2f s" % fl_t,
                 "%.2fx throughput" % ratio, ">= 0.5x",
                 "met" if ratio >= 0.5 else "MISSED"))
    # The realistic case: every day of ten years joined with the plan,
    # the exercise log and the alerts.
    for kind in ("daily", "exercises"):
        t, _ = median_run([ML, "-d", DIARY, "export", "--kind", kind])
        rows.append(("export --kind %s, 10-year diary" % kind,
                     "%.1f ms" % (t * 1e3), "", "", "(info)", ""))


def bench_export_all():
    """Export of every row of the 1M-row file (1900..4637) against the
    default, in-range export of the same file: peak memory must not grow
    with the rows written (the export streams them)."""
    all_t, all_rss = median_run([ML, "-d", MILLION, "export", "--from",
                                 "1900-01-01", "--to", "4637-12-31"])
    in_t, in_rss = median_run([ML, "-d", MILLION, "export"])
    fl_t, _ = median_run([FLOOR_CSV] + csv_files(MILLION))
    ratio = all_rss / in_rss
    rows.append(("export of all 1M rows (1900..4637): peak RSS",
                 "%.0f MiB, %.2f s" % (all_rss / 1024, all_t),
                 "in-range export %.0f MiB, %.2f s; libcsv %.2f s"
                 % (in_rss / 1024, in_t, fl_t),
                 "%.2fx RSS" % ratio, "<= 2x", "met" if ratio <= 2 else "MISSED"))


def bench_report():
    """`mendlog report` on 1-, 10- and 30-year diaries: time must grow
    linearly (30y / 10y <= 3.5), and the 30-year report stay within 5x a
    bare libcsv parse of the diary's files."""
    if not have_command("report"):
        pending("report on 1/10/30-year diaries", "`mendlog report` missing")
        return
    t = {}
    for y, d in DIARIES.items():
        t[y], rss = median_run([ML, "-d", d, "report"])
        rows.append(("report, %d-year diary (%.1f MB)" % (y, size_mb(csv_files(d))),
                     "%.1f ms, %.0f MiB" % (t[y] * 1e3, rss / 1024), "", "",
                     "(info)", ""))
    ratio = t[30] / t[10]
    rows.append(("report growth, 30-year / 10-year", "%.2fx" % ratio, "", "",
                 "<= 3.5x", "met" if ratio <= 3.5 else "MISSED"))
    notes.append("report is linear: every lookup goes through the store's "
                 "one key index per file (store_find, store_key_range: "
                 "O(log n)), adherence reads only the log rows of its "
                 "days, parses each schedule once per range and sorts the "
                 "slots day by day, and the whole period's adherence is "
                 "the sum of the weeks.  Where the 30-year report goes "
                 "(callgrind, instructions): 1,045M in all against 379M "
                 "for the floor; libcsv and the table 534M, the weekly "
                 "table 420M (adherence, a day lookup each day), the "
                 "rest the chart, alerts and notes.  Before, "
                 "plan_adherence re-walked the whole log once per week "
                 "(see the baseline rows).")
    fl_t, _ = median_run([FLOOR_CSV] + csv_files(DIARIES[30]))
    ratio = t[30] / fl_t
    rows.append(("report, 30-year diary vs libcsv parse of its files",
                 "%.1f ms" % (t[30] * 1e3), "%.1f ms" % (fl_t * 1e3),
                 "%.2fx time" % ratio, "<= 5x", "met" if ratio <= 5 else "MISSED"))


def bench_due():
    """`mendlog due` on the 10-year diary vs a libcsv parse of the files it
    reads (strace: alerts, exercises, exercise_log)."""
    if not have_command("due"):
        pending("`mendlog due` on the 10-year diary (< 3x libcsv parse)",
                "`mendlog due` not merged yet (issue 5)")
        return
    need = [os.path.join(DIARY, f) for f in ("alerts.csv", "exercises.csv",
            "exercise_log.csv")]
    ml_t, _ = median_run([ML, "-d", DIARY, "due"])
    fl_t, _ = median_run([FLOOR_CSV] + need)
    ratio = ml_t / fl_t
    rows.append(("`mendlog due`, 10-year diary", "%.1f ms" % (ml_t * 1e3),
                 "%.1f ms" % (fl_t * 1e3), "%.2fx time" % ratio, "< 3x",
                 "met" if ratio < 3 else "MISSED"))


def make_plan(n):
    """A diary with an n-exercise plan (two slots a day each) and 30 days
    of its log, half the slots done: what `plan list` reads."""
    d = os.path.join(B, "plan%d" % n)
    if os.path.exists(os.path.join(d, "exercise_log.csv")):
        return d
    os.makedirs(d, mode=0o700, exist_ok=True)
    with open(os.path.join(d, "exercises.csv"), "w") as f:
        f.write("id,name,instructions,sets,reps,hold_seconds,days,times,"
                "start_date,end_date,active\n")
        for i in range(n):
            f.write("ex%05d,Übung %d 練習,slowly,3,10,,daily,08:00;18:00,,,"
                    "yes\n" % (i, i))
    with open(os.path.join(d, "exercise_log.csv"), "w") as f:
        f.write("date,slot,exercise_id,status,logged_at,sets_done,"
                "pain_during,note\n")
        for day in range(30):
            date = "2025-12-%02d" % (day - 1) if day > 1 else None
            if date is None:
                continue
            for i in range(0, n, 2):
                f.write("%s,08:00,ex%05d,done,,3,,\n" % (date, i))
    return d


def bench_plan_list():
    """`mendlog plan list` on a 10,000-exercise plan: issue 11 measured
    142 s for 1,000 exercises (quadratic); the target is under 1 s."""
    sizes = {}
    for n in (1000, 10000):
        sizes[n], _ = median_run([ML, "-d", make_plan(n), "plan", "list"])
    t = sizes[10000]
    rows.append(("plan list, 10,000 exercises (30 days of log)",
                 "%.3f s" % t, "", "", "< 1 s", "met" if t < 1 else "MISSED"))
    rows.append(("plan list growth, 10,000 / 1,000 exercises",
                 "%.1fx" % (t / sizes[1000]), "", "", "~10x (linear)", ""))


def bench_baseline():
    """With BENCH_BASELINE=/path/to/another/mendlog (e.g. a build of an
    older commit): the same check and export runs with that binary, so a
    change's effect is measured in the same run."""
    base = os.environ.get("BENCH_BASELINE")
    if not base:
        return
    for what, args in (("check, 1M-row file", ["-d", MILLION, "check"]),
                       ("check, 10-year diary", ["-d", DIARY, "check"]),
                       ("export, 1M-row file", ["-d", MILLION, "export"]),
                       ("export, 10-year diary", ["-d", DIARY, "export"]),
                       ("export --kind exercises, 10-year diary",
                        ["-d", DIARY, "export", "--kind", "exercises"]),
                       ("export of all rows, 1M-row file",
                        ["-d", MILLION, "export", "--from", "1900-01-01",
                         "--to", "4637-12-31"]),
                       ("report, 1-year diary", ["-d", DIARIES[1], "report"]),
                       ("report, 10-year diary", ["-d", DIARIES[10], "report"]),
                       ("report, 30-year diary", ["-d", DIARIES[30], "report"])):
        new_t, new_rss = median_run([ML] + args)
        old_t, old_rss = median_run([base] + args)
        rows.append(("baseline: %s" % what,
                     "%.1f ms, %.0f MiB" % (new_t * 1e3, new_rss / 1024),
                     "baseline %.1f ms, %.0f MiB" % (old_t * 1e3, old_rss / 1024),
                     "%.2fx faster" % (old_t / new_t), "(info)", ""))
    notes.append("baseline rows compare with %s" % base)


MEASUREMENTS = [bench_check_million, bench_check_diary, bench_floor_curses,
                bench_first_frame, bench_bytes_per_step, bench_export,
                bench_export_all, bench_report, bench_due, bench_plan_list,
                bench_baseline]


# --- the report ---------------------------------------------------------

def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
    except OSError:
        pass
    return [("date", time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())),
            ("uname", " ".join(platform.uname())),
            ("CPU", "%s, %d cores" % (cpu, os.cpu_count() or 0)),
            ("memory", mem),
            ("runs", "median of %d (after one warm-up run)" % RUNS),
            ("mendlog", subprocess.run([ML, "--version"], env=ENV,
                                       capture_output=True, text=True).stdout.strip()),
            ("commit", subprocess.run(["git", "-C", TOP, "describe", "--always",
                                       "--dirty"], capture_output=True,
                                      text=True).stdout.strip())]


def generate():
    gen = os.path.join(TOP, "tests", "bench", "gen.py")
    for y, d in DIARIES.items():
        if not os.path.exists(os.path.join(d, "entries.csv")):
            subprocess.run([sys.executable, gen, "diary", d, str(y)],
                           check=True)
    if not os.path.exists(os.path.join(MILLION, "entries.csv")):
        subprocess.run([sys.executable, gen, "million", MILLION], check=True)


def main():
    for p in (ML, FLOOR_CSV, FLOOR_CURSES):
        if not os.access(p, os.X_OK):
            sys.exit(f"bench: {p} missing: run `make bench`")
    generate()
    # BENCH_ONLY=name,name runs only those measurements (bench_ prefix
    # optional), e.g. BENCH_ONLY=report,export_all,baseline.
    only = [n if n.startswith("bench_") else "bench_" + n
            for n in os.environ.get("BENCH_ONLY", "").split(",") if n]
    for m in MEASUREMENTS:
        if only and m.__name__ not in only:
            continue
        print("bench:", m.__name__, flush=True)
        m()
    out = ["# mendlog benchmarks", "",
           "Written by `make bench` (tests/bench/bench.py); rerun it to "
           "refresh.  Floors are measured in the same run.", "",
           "## Machine", ""]
    out += ["- %s: %s" % kv for kv in machine()]
    out += ["", "## Results", "",
            "| measurement | mendlog | floor | ratio | target | verdict |",
            "|---|---|---|---|---|---|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    if notes:
        out += ["", "## Notes", ""] + ["- " + n for n in notes]
    out.append("")
    os.makedirs(os.path.join(TOP, "bench"), exist_ok=True)
    path = os.path.join(TOP, "bench", "RESULTS.md")
    with open(path, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))
    print("bench: wrote", path)


if __name__ == "__main__":
    main()
