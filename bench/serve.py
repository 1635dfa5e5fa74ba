#!/usr/bin/env python3
"""Measures `studybook serve` on a copy of the rectal NET study (the repo root study).

    python3 bench/serve.py [REPEATS]     (default 3; run from the repository root)

Prints each figure's values and median, and the load average (1 min) when each series began; the
serve logs (kernel/page split of every version) are kept in target/bench/serve-N.log.

Copies analysis/, data/, templates/ and study.properties to target/bench/serve-study, starts
`./studybook serve --port 0` there (a first, cold start warms the cache; it is not counted), and reports
  * start: from launching the process to the first page served (warm cache), per start, first with
    the page rendered, then after `./studybook run` (the first page is then reports/report.html's render);
  * template edit: from writing a changed templates/report.md.ftl to the page holding the new text,
    as a tab sees it (wait for the event stream's new version, then fetch the page);
  * cell description edit: the same for a changed @Cell description of Table 1 in
    analysis/Characteristics.java (the script is recompiled; its cells and their dependents rerun);
  * data change: the same for one patient's age changed in the data file (every cell that reads the
    data reruns; the page's numbers change).
Each serve is stopped with SIGINT (Ctrl-C) and the script checks it exits 0 and leaves no temporary file.
"""
import os, re, shutil, signal, subprocess, sys, threading, time, urllib.request, queue

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
STUDY = os.path.join(ROOT, "target", "bench", "serve-study")
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def copy_study():
    shutil.rmtree(STUDY, ignore_errors=True)
    os.makedirs(STUDY)
    for d in ("analysis", "data", "templates"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(STUDY, d))
    shutil.copy(os.path.join(ROOT, "study.properties"), STUDY)


def start():
    t0 = time.monotonic()
    LOG[0] = open(os.path.join(ROOT, "target", "bench", "serve-%d.log" % len(LOGS)), "w")
    LOGS.append(LOG[0].name)
    p = subprocess.Popen([os.path.join(ROOT, "studybook"), "serve", "--study", STUDY, "--port", "0"],
                         stdout=subprocess.PIPE, stderr=LOG[0], text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    url = p.stdout.readline().strip()
    page = urllib.request.urlopen(url, timeout=300).read().decode()
    return p, url, page, time.monotonic() - t0


REPORTS = [None]
LOG = [None]
LOGS = []


def reports_state():
    r = os.path.join(STUDY, "reports")
    return sorted((os.path.join(d, f), os.stat(os.path.join(d, f)).st_mtime_ns) for d, _, fs in os.walk(r) for f in fs)


def stop(p):
    p.send_signal(signal.SIGINT)
    code = p.wait(timeout=60)
    left = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(STUDY, ".studybook")) for f in fs
            if f.startswith(".tmp-") or f.endswith(".tmp")]
    assert code == 0, "serve exited %d on SIGINT" % code
    assert not left, left
    assert reports_state() == REPORTS[0], "serve changed reports/"


def events(url, q):
    base, token = url.split("/?token=")
    with urllib.request.urlopen(base + "/events?token=" + token, timeout=600) as r:
        for line in r:
            line = line.decode().strip()
            if line.startswith("data: ") and " " in line[6:]:
                # "data: <server instance> <version>" (a running event carries the instance alone)
                q.put(int(line[6:].split(" ")[-1]))


def edit_to_page(url, q, change, expect):
    """Seconds from the change on disk to a fetched page that satisfies expect (as a tab would)."""
    while not q.empty():
        q.get()
    version = int(re.search(r'data-sb-version="(\d+)"', urllib.request.urlopen(url).read().decode()).group(1))
    t0 = time.monotonic()
    change()
    while True:
        v = q.get(timeout=300)
        if v > version:
            page = urllib.request.urlopen(url).read().decode()
            if expect(page):
                return time.monotonic() - t0
            version = v


def load():
    return float(open("/proc/loadavg").read().split()[0])


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main():
    copy_study()
    REPORTS[0] = reports_state()
    p, url, _, cold = start()
    stop(p)
    print("cold start (cache filled; not counted): %.2f s" % cold)
    loads = {"start": load()}
    starts = []
    for _ in range(REPEATS):
        p, url, page, t = start()
        assert "sb-cells" in page
        starts.append(t)
        stop(p)
    # As after `./studybook run`: reports/ holds a render of these inputs, which serve's first page reuses.
    subprocess.run([os.path.join(ROOT, "studybook"), "run", "--study", STUDY, "--quiet"], check=True)
    REPORTS[0] = reports_state()
    starts_reused = []
    loads["start-reused"] = load()
    for _ in range(REPEATS):
        p, url, page, t = start()
        assert "sb-cells" in page
        starts_reused.append(t)
        stop(p)
    p, url, _, _ = start()
    q = queue.Queue()
    threading.Thread(target=events, args=(url, q), daemon=True).start()
    time.sleep(1)
    template = os.path.join(STUDY, "templates", "report.md.ftl")
    data = os.path.join(STUDY, "data", "rectal_net_twin.csv")
    cell = os.path.join(STUDY, "analysis", "Characteristics.java")
    tmpl, dat, desc = [], [], []
    loads["edits"] = load()
    for i in range(REPEATS):
        marker = "Bench marker %d." % i

        def edit_template():
            with open(template, "a", encoding="utf-8") as f:
                f.write("\n%s\n" % marker)
        tmpl.append(edit_to_page(url, q, edit_template, lambda page: marker in page))
        age = 57 + i

        def edit_data():
            with open(data, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"^RNET-001,\d+,", "RNET-001,%d," % age, text, count=1, flags=re.M)
            with open(data, "w", encoding="utf-8") as f:
                f.write(text)
        dat.append(edit_to_page(url, q, edit_data, lambda page: 'id="sb-problem"' not in page))
        words = "Table 1: characteristics of all patients by curative resection"
        now = "%s (bench %d)" % (words, i)

        def edit_cell():
            with open(cell, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r'@Cell\("' + re.escape(words) + r'[^"]*"\)', '@Cell("%s")' % now, text, count=1)
            with open(cell, "w", encoding="utf-8") as f:
                f.write(text)
        desc.append(edit_to_page(url, q, edit_cell, lambda page: now in page))
    stop(p)
    fmt = lambda xs: "median %.2f s (%s)" % (median(xs), ", ".join("%.2f" % x for x in xs))
    print("start to first page (warm cache, page rendered): %s; load %.1f" % (fmt(starts), loads["start"]))
    print("start to first page (warm cache, reports/ from run reused): %s; load %.1f"
          % (fmt(starts_reused), loads["start-reused"]))
    print("template edit to page: %s; load %.1f" % (fmt(tmpl), loads["edits"]))
    print("cell description edit to page: %s; load %.1f" % (fmt(desc), loads["edits"]))
    print("data change to page: %s; load %.1f" % (fmt(dat), loads["edits"]))
    print("load average at the end: %.1f" % load())
    print("SIGINT: exit 0, no temporary files, no reports/ (checked after each stop)")


if __name__ == "__main__":
    main()
