#!/usr/bin/env python3
"""The explorer page (nstrace graph --format html) in a real browser: Debian's chromium,
driven by Playwright from PyPI (no browser of its own is downloaded). Run by
Tests/IntegrationTests/ExplorerBrowserTests.swift; see docs/explorer.md.

  explorer_check.py check RECORD HTML          the page of a real record: every task and
                                               namespace, a task's calls, a namespace's
                                               creator, the filters, keys, dark mode
  explorer_check.py check-compare A B HTML     compare --format html of records A and B
  explorer_check.py make-hostile RECORD        writes a record full of hostile text
  explorer_check.py check-hostile HTML         nothing of it runs; it shows as text
  explorer_check.py make-big BASE OUT N        BASE's calls repeated to N calls
  explorer_check.py load HTML                  prints load time and memory
  explorer_check.py screenshot HTML PNG STEP   docs/images/ (STEP: overview, pid-namespace, ...)

Expectations come from the record itself (read here with json), never from the page.
Every check that fails prints 'FAIL: ...' and the script exits 1.
"""
import json
import os
import re
import sys
import time

CHROMIUM = os.environ.get("NSTRACE_CHROMIUM", "/usr/bin/chromium")
failures = []


def check(cond, what):
    if cond:
        print("ok: " + what)
    else:
        print("FAIL: " + what)
        failures.append(what)


def finish():
    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)
    print("all passed")


def read_record(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def ns_type(kind):
    return {"pid_for_children": "pid", "time_for_children": "time"}.get(kind, kind)


def call_text(s):
    return s["name"] + "(" + ", ".join(s["args"]) + ") = " + s["retText"]


class Page:
    """A page in headless chromium, collecting console errors, page errors and every
    request that is not file:, data: or blob:."""

    def __init__(self, p, html, dark=False, viewport=(1400, 900)):
        self.browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        self.context = self.browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                                color_scheme="dark" if dark else "light")
        self.page = self.context.new_page()
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append("pageerror: " + str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url)
                     if not r.url.startswith(("file:", "data:", "blob:")) else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        start = time.monotonic()
        self.page.goto("file://" + os.path.abspath(html))
        # Polled from here: Playwright's wait_for_function evaluates its predicate with eval,
        # which the page's Content-Security-Policy forbids (as it should).
        deadline = time.monotonic() + 60
        while not self.page.evaluate("!!(window.nstraceExplorer && window.nstraceExplorer.ready)"):
            if time.monotonic() > deadline:
                raise TimeoutError("the page did not get ready in 60 s")
            time.sleep(0.01)
        self.wall_ms = (time.monotonic() - start) * 1000
        self.load_ms = self.page.evaluate("window.nstraceExplorer.loadMs")
        self.error = self.page.evaluate("window.nstraceExplorer.error || null")

    def eval(self, js, arg=None):
        return self.page.evaluate(js, arg)

    def settle(self):
        self.page.wait_for_timeout(250)

    def close(self):
        self.browser.close()


def no_remote_references(html):
    """Every http(s):// in the file is the SVG namespace name (createElementNS), which
    nothing loads."""
    with open(html, encoding="utf-8") as f:
        text = f.read()
    found = set(re.findall(r"https?://[^\s\"'<>)]*", text))
    return found <= {"http://www.w3.org/2000/svg"}, found


def check_real(record, html):
    from playwright.sync_api import sync_playwright
    lines = read_record(record)
    tasks = [l for l in lines if l["type"] == "task"]
    calls = [l for l in lines if l["type"] == "syscall"]
    pids = [t["pid"] for t in tasks]
    nss = set()
    for t in tasks:
        for kind, inode in (t.get("ns") or {}).items():
            if inode is not None:
                nss.add(f"{ns_type(kind)}:[{inode}]")
    for n in (l for l in lines if l["type"] == "ns"):
        nss.add(f"{ns_type(n['kind'])}:[{n['from']}]")
        nss.add(f"{ns_type(n['kind'])}:[{n['to']}]")
    execs = {l["pid"]: os.path.basename(l["filename"] or "") for l in lines if l["type"] == "exec"}
    ok, found = no_remote_references(html)
    check(ok, f"the file references nothing remote (found {sorted(found)})")

    with sync_playwright() as p:
        pg = Page(p, html)
        print(f"load: {pg.load_ms} ms in the page, {pg.wall_ms:.0f} ms to ready")
        check(pg.error is None, f"the page loaded its data ({pg.error})")
        check(pg.errors == [], f"no console error or warning ({pg.errors})")
        check(pg.requests == [], f"no request leaves the file ({pg.requests})")

        tree = pg.eval("document.getElementById('task-tree').textContent")
        shown_pids = pg.eval("Array.from(document.querySelectorAll('#task-tree .task'), e => Number(e.dataset.pid))")
        check(sorted(shown_pids) == sorted(set(pids)), f"the task tree lists every pid of the record {sorted(set(pids))}: {sorted(shown_pids)}")
        check(all(str(pid) in tree for pid in pids), "every pid is in the tree's text")
        for t in tasks:
            if len(t.get("nspid") or []) > 1:
                check(f"({t['nspid'][-1]} inside)" in tree or f"{t['nspid'][-1]} inside)" in tree,
                      f"task {t['pid']} shows its pid {t['nspid'][-1]} inside its pid namespace")
        shown_ns = set(pg.eval("Array.from(document.querySelectorAll('#ns-list .ns-item'), e => e.dataset.ns)"))
        check(shown_ns == nss, f"the namespace list has every namespace of the record ({sorted(nss - shown_ns)} missing, {sorted(shown_ns - nss)} extra)")
        nstext = pg.eval("document.getElementById('ns-list').textContent")
        check(all(n in nstext for n in nss), "every namespace id is in the list's text")
        graph_keys = set(pg.eval("Array.from(document.querySelectorAll('#graph g.node'), g => g.dataset.key)"))
        check(all(f"p{pid}" in graph_keys for pid in pids), "the graph has a node for every task")
        check(all(n in graph_keys for n in nss), "the graph has a node for every namespace")

        # The task that ran ps: its calls, all and only its own, its execve among them.
        ps = [pid for pid, prog in execs.items() if prog == "ps"]
        check(len(ps) == 1, f"the record has one task that exec'd ps ({ps})")
        if ps:
            pid = ps[0]
            pg.page.click(f"#task-tree .task[data-pid='{pid}'] .pid")
            pg.settle()
            shown = pg.eval("window.nstraceExplorer.shownCalls().map(c => [c.pid, c.name, c.text])")
            mine = sorted((c for c in calls if c["pid"] == pid), key=lambda c: c["t"])
            check(len(shown) == len(mine) and all(s[0] == pid for s in shown),
                  f"clicking task {pid} shows exactly its {len(mine)} calls ({len(shown)} shown)")
            check([s[2] for s in shown] == [call_text(c) for c in mine], "in entry order, with strace's text")
            check(any(s[1] == "execve" and "ps" in s[2] for s in shown), "its execve of ps is among them")
            rows = pg.eval("Array.from(document.querySelectorAll('#call-rows .row'), r => Number(r.dataset.pid))")
            check(len(rows) > 0 and all(r == pid for r in rows), "every row drawn is that task's")
            sel = pg.eval(f"document.querySelector(\"#task-tree .task[data-pid='{pid}']\").classList.contains('sel')")
            check(sel, "the task is marked selected in the tree")
            gsel = pg.eval(f"document.querySelector(\"#graph g.node[data-key='p{pid}']\").classList.contains('sel')")
            check(gsel, "and in the graph")

        # The new pid namespace: selecting it jumps to the unshare or clone that made it.
        made = [n for n in lines if n["type"] == "ns" and ns_type(n["kind"]) == "pid"]
        check(len(made) > 0, "the record has a new pid namespace")
        if made:
            first = made[0]
            ns_id = f"pid:[{first['to']}]"
            for how in ("list", "graph"):
                pg.eval("window.nstraceExplorer.selectPid(-1)")
                if how == "list":
                    pg.page.click(f"#ns-list .ns-item[data-ns='{ns_id}']")
                else:
                    pg.page.dispatch_event(f"#graph g.node[data-key='{ns_id}']", "click")
                pg.settle()
                call = pg.eval("window.nstraceExplorer.selectedCall()")
                creator = first["pid"] if first["cause"] not in ("clone", "clone3", "fork", "vfork") else \
                    next(t["ppid"] for t in tasks if t["pid"] == first["pid"])
                check(call is not None and call["name"] == first["cause"] and call["pid"] == creator,
                      f"selecting {ns_id} in the {how} selects the {first['cause']} of {creator} that made it ({call})")
                row = pg.eval("(() => { const r = document.querySelector('#call-rows .row.sel'); return r ? r.textContent : null })()")
                check(row is not None and first["cause"] + "(" in row, f"and shows that call's row ({row})")
                detail = pg.eval("document.getElementById('ns-detail').textContent")
                check(ns_id in detail and all(str(pid) in detail for pid in
                      {t["pid"] for t in tasks if t.get("ns", {}).get("pid") == first["to"]}),
                      "the namespace's detail lists it and the tasks in it")

        # Version 3: the creator call expanded shows its typed params as a tree.
        if made and lines[0].get("version", 1) >= 3:
            creator_call = next((c for c in sorted(calls, key=lambda c: c["t"])
                                 if c["name"] == made[0]["cause"] and c["pid"] == (call or {}).get("pid")), None)
            pg.page.focus("#call-list")
            pg.page.keyboard.press("Enter")
            pg.settle()
            detail = pg.eval("(() => { const d = document.querySelector('#call-rows .detail'); return d ? d.textContent : '' })()")
            words = []
            def walk(v):
                if isinstance(v, dict):
                    for k, x in v.items():
                        words.append(k) if k not in ("value", "names") else None
                        walk(x)
                elif isinstance(v, list):
                    for x in v:
                        walk(x)
                elif isinstance(v, str):
                    words.append(v)
            walk((creator_call or {}).get("params"))
            check(creator_call is not None and "params" in detail and len(words) > 0 and all(w in detail for w in words),
                  f"Enter expands {made[0]['cause']} to its typed params {words} ({detail!r})")

        # Filters: search, failed only, names.
        pg.eval("window.nstraceExplorer.selectPid(-1)")
        pg.page.keyboard.press("Escape")
        needle = "/etc/ld.so.cache"
        pg.page.fill("#f-text", needle)
        pg.settle()
        shown = pg.eval("window.nstraceExplorer.shownCalls().map(c => c.text)")
        want = [call_text(c) for c in sorted(calls, key=lambda c: c["t"]) if needle in call_text(c)]
        check(len(want) > 0 and shown == want, f"searching {needle} shows the {len(want)} calls with it ({len(shown)})")
        pg.page.fill("#f-text", "")
        pg.page.check("#f-failed")
        pg.settle()
        shown = pg.eval("window.nstraceExplorer.shownCalls().map(c => c.text)")
        want = [call_text(c) for c in sorted(calls, key=lambda c: c["t"]) if c["errno"]]
        check(len(want) > 0 and shown == want, f"failed only shows the {len(want)} failed calls ({len(shown)})")
        pg.page.uncheck("#f-failed")
        pg.page.fill("#f-name", "openat,close")
        pg.settle()
        shown = pg.eval("window.nstraceExplorer.shownCalls().map(c => c.name)")
        want = [c["name"] for c in calls if c["name"] in ("openat", "close")]
        check(len(shown) == len(want) and set(shown) <= {"openat", "close"}, f"the name filter openat,close shows {len(want)} calls ({len(shown)})")
        pg.page.fill("#f-name", "%namespace")
        pg.settle()
        shown = set(pg.eval("window.nstraceExplorer.shownCalls().map(c => c.name)"))
        check("unshare" in shown and "openat" not in shown, f"%namespace keeps unshare, not openat ({sorted(shown)})")
        pg.page.fill("#f-name", "")

        # The graph pans and zooms (its viewBox), and fits again with 0.
        before = pg.eval("document.querySelector('#graph svg').getAttribute('viewBox')")
        box = pg.page.locator("#graph").bounding_box()
        pg.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        pg.page.mouse.wheel(0, -400)
        pg.settle()
        zoomed = pg.eval("document.querySelector('#graph svg').getAttribute('viewBox')")
        w0, w1 = float(before.split()[2]), float(zoomed.split()[2])
        check(w1 < w0, f"the wheel zooms the graph in (viewBox width {w0} -> {w1})")
        pg.page.focus("#graph")
        pg.page.keyboard.press("0")
        check(pg.eval("document.querySelector('#graph svg').getAttribute('viewBox')") == before, "0 fits it again")

        # The timeline: a click on a lane's label selects that lane's task (lanes in tree order).
        order = pg.eval("Array.from(document.querySelectorAll('#task-tree .task'), e => Number(e.dataset.pid))")
        tbox = pg.page.locator("#timeline").bounding_box()
        pg.page.mouse.click(tbox["x"] + 40, tbox["y"] + 18 + 18 * 1 + 9)
        pg.settle()
        sel = pg.eval("Array.from(document.querySelectorAll('#task-tree .task.sel'), e => Number(e.dataset.pid))")
        check(len(order) > 1 and sel == [order[1]], f"a click on the timeline's second lane selects task {order[1] if len(order) > 1 else None} ({sel})")

        # Keys: t focuses the tree, arrows select; Enter on a call expands it.
        pg.page.keyboard.press("Escape")
        pg.page.click("#title")
        pg.page.keyboard.press("t")
        pg.page.keyboard.press("ArrowDown")
        pg.page.keyboard.press("ArrowDown")
        pg.settle()
        sel = pg.eval("Array.from(document.querySelectorAll('#task-tree .task.sel'), e => Number(e.dataset.pid))")
        check(len(sel) == 1, f"arrow keys in the tree select one task ({sel})")
        pg.page.keyboard.press("c")
        pg.page.keyboard.press("ArrowDown")
        pg.page.keyboard.press("Enter")
        pg.settle()
        check(pg.eval("document.querySelectorAll('#call-rows .detail').length") == 1, "Enter expands the selected call")
        check(pg.errors == [], f"still no console error ({pg.errors})")
        pg.close()

        dark = Page(p, html, dark=True)
        bg = dark.eval("getComputedStyle(document.body).backgroundColor")
        dark.close()
        light = Page(p, html)
        bg2 = light.eval("getComputedStyle(document.body).backgroundColor")
        light.close()
        check(bg != bg2 and bg == "rgb(23, 24, 27)", f"dark colours follow the system setting ({bg} vs {bg2})")
    finish()


def check_compare(outside, inside, html):
    """compare --format html: the report on top with what differs highlighted, each side's
    explorer below with every task of its record; a call of the report filters both sides."""
    from playwright.sync_api import sync_playwright
    sides = [read_record(outside), read_record(inside)]
    ok, found = no_remote_references(html)
    check(ok, f"the file references nothing remote (found {sorted(found)})")
    with sync_playwright() as p:
        pg = Page(p, html)
        print(f"load: {pg.load_ms} ms in the page, {pg.wall_ms:.0f} ms to ready")
        check(pg.error is None, f"the page loaded both sides and the report ({pg.error})")
        check(pg.errors == [] and pg.requests == [], f"no console error, no request ({pg.errors}, {pg.requests})")
        for k, (prefix, lines) in enumerate(zip(("a-", "b-"), sides)):
            pids = sorted({l["pid"] for l in lines if l["type"] == "task"})
            shown = sorted(pg.eval(f"Array.from(document.querySelectorAll('#{prefix}task-tree .task'), e => Number(e.dataset.pid))"))
            check(shown == pids, f"side {prefix[0]} lists every task of its record {pids}: {shown}")
            n = sum(1 for l in lines if l["type"] == "syscall")
            check(pg.eval(f"window.nstraceExplorer.sides[{k}].counts().calls") == n, f"side {prefix[0]} has its {n} calls")
        differs = pg.eval("Array.from(document.querySelectorAll('#report tr.differs'), r => r.cells[0].textContent)")
        check("uts" in differs and "hostname" in differs and "pid" in differs,
              f"the report highlights the uts and pid namespaces and the hostname ({differs})")
        check("user" not in differs and "net" not in differs, "and not what is the same (user, net)")
        row = pg.eval("Array.from(document.querySelectorAll('#report tr[data-pick]')).find(r => r.dataset.pick === 'uname') ? 1 : 0")
        check(row == 1, "the report lists uname among the calls whose results differ")
        pg.page.click("#report tr[data-pick='uname']")
        pg.settle()
        for k, lines in enumerate(sides):
            shown = pg.eval(f"window.nstraceExplorer.sides[{k}].shownCalls().map(c => c.name)")
            want = [l["name"] for l in lines if l["type"] == "syscall" and l["name"] == "uname"]
            check(len(want) > 0 and shown == want, f"clicking it shows side {k}'s {len(want)} uname calls ({len(shown)})")
        marked = pg.eval("[document.querySelectorAll('#a-call-rows .row.diff').length, document.querySelectorAll('#b-call-rows .row.diff').length]")
        check(marked[0] > 0 and marked[1] > 0, f"those calls are marked on both sides ({marked})")
        check(pg.eval("document.title").startswith("nstrace compare: "), "the window title names the command")
        check(pg.errors == [], f"still no console error ({pg.errors})")
        pg.close()
    finish()


# ---- hostile text -----------------------------------------------------------------------------

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    "\"><img src=x onerror=\"window.__pwned = 2\">",
    "<svg onload=\"window.__pwned = 3\"></svg>",
    "</script><script>window.__pwned = 4</script>",
    "\u202eevil\u202c \u2066rtl\u2069",
    "\x1b]0;pwned\x07 bell\x07 nul-ish\x01 del\x7f c1\x9b",
    "line1\u2028line2\u2029end",
    "<!-- --> &amp; &lt;b&gt; <b>bold</b>",
]


def make_hostile(path):
    ns = {"cgroup": 4026531835, "ipc": 4026531839, "mnt": 4026531832, "net": 4026531833, "pid": 4026531836,
          "pid_for_children": 4026531836, "time": 4026531834, "time_for_children": 4026531834,
          "user": 4026531837, "uts": 4026531838}
    ns2 = dict(ns, uts=4026532999)
    out = [
        {"type": "header", "format": "nstrace-record", "version": 2, "command": ["sh", "-c"] + HOSTILE,
         "attached": [], "start": HOSTILE[0], "startEpoch": 1.0, "kernel": HOSTILE[1], "machine": "x86_64",
         "hostname": HOSTILE[2], "tool": HOSTILE[3]},
        {"type": "task", "pid": 100, "tgid": 100, "ppid": None, "via": "spawned", "t": 0.001, "ns": ns, "nspid": [100]},
        {"type": "exec", "pid": 100, "formerPid": 100, "t": 0.002, "filename": "/bin/" + HOSTILE[0]},
        {"type": "syscall", "pid": 100, "t": 0.0015, "name": "execve", "nr": 59, "abi": "x86_64",
         "args": [json.dumps("/bin/" + HOSTILE[0]), "[" + ", ".join(json.dumps(h) for h in HOSTILE) + "]", "0x1 /* 1 var */"],
         "ret": 0, "errno": None, "retText": "0", "duration": 0.0005,
         # typed values as a version 3 record has them (the reader passes them over here)
         "params": {"filename": "/bin/" + HOSTILE[0], "argv": HOSTILE, HOSTILE[1]: {"value": 1, "names": [HOSTILE[3]]}},
         "retValue": None, "fds": {"3": HOSTILE[2]}},
        {"type": "syscall", "pid": 100, "t": 0.003, "name": "openat", "nr": 257, "abi": "x86_64",
         "args": ["AT_FDCWD", json.dumps(HOSTILE[1]), "O_RDONLY"], "ret": -1, "errno": "ENOENT",
         "retText": "-1 ENOENT (No such file or directory)", "duration": 0.0001},
        {"type": "syscall", "pid": 100, "t": 0.004, "name": "unshare", "nr": 272, "abi": "x86_64",
         "args": ["CLONE_NEWUTS"], "ret": 0, "errno": None, "retText": "0", "duration": 0.0001},
        {"type": "ns", "pid": 100, "t": 0.0041, "kind": "uts", "from": 4026531838, "to": 4026532999, "cause": "unshare",
         "call": "unshare(" + HOSTILE[2] + ")"},
        {"type": "syscall", "pid": 100, "t": 0.005, "name": "sethostname", "nr": 170, "abi": "x86_64",
         "args": [json.dumps(HOSTILE[3]), "40"], "ret": 0, "errno": None, "retText": "0", "duration": 0.0001},
        {"type": "syscall", "pid": 100, "t": 0.006, "name": "clone", "nr": 56, "abi": "x86_64",
         "args": ["child_stack=NULL", "flags=SIGCHLD"], "ret": 101, "errno": None, "retText": "101", "duration": 0.0001},
        {"type": "task", "pid": 101, "tgid": 101, "ppid": 100, "via": "clone", "t": 0.0061, "ns": ns2, "nspid": [101]},
        {"type": "syscall", "pid": 101, "t": 0.007, "name": "prctl", "nr": 157, "abi": "x86_64",
         # as strace quotes it: bytes outside printable ASCII in octal
         "args": ["PR_SET_NAME", '"<i>x</i>\\342\\200\\256"'], "ret": 0, "errno": None, "retText": "0", "duration": 0.0001},
        {"type": "signal", "pid": 100, "t": 0.008, "signal": HOSTILE[4], "info": HOSTILE[5], "stopped": False},
        {"type": "exit", "pid": 101, "t": 0.009, "code": 0, "signal": None, "coreDumped": False, "supersededBy": None, "detached": False},
        {"type": "exit", "pid": 100, "t": 0.010, "code": None, "signal": HOSTILE[6], "coreDumped": False, "supersededBy": None, "detached": False},
        {"type": "end", "t": 0.011, "status": 0, "reason": "exited"},
    ]
    with open(path, "w", encoding="utf-8") as f:
        for l in out:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")


def visible(s):
    """What the page shows for s: control and bidi characters as escapes."""
    def esc(m):
        v = ord(m.group(0))
        return "\\x%02x" % v if v < 0x80 else "\\u{%04x}" % v
    return re.sub("[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]", esc, s)


def check_hostile(html):
    from playwright.sync_api import sync_playwright
    ok, found = no_remote_references(html)
    check(ok, f"the file references nothing remote (found {sorted(found)})")
    with open(html, encoding="utf-8") as f:
        raw = f.read()
    check(raw.count("<script") == 4, f"the file has its own four script elements only ({raw.count('<script')})")
    check("onerror" not in raw and "__pwned" not in raw, "no hostile text is in the file as it is (it is compressed data)")
    with sync_playwright() as p:
        pg = Page(p, html)
        check(pg.error is None, f"the page loaded its data ({pg.error})")
        pg.page.click("#task-tree .task[data-pid='100'] .pid")
        pg.settle()
        pg.page.click("#ns-list .ns-item[data-ns='uts:[4026532999]']")
        pg.settle()
        pg.page.click("#call-rows .row")
        pg.page.keyboard.press("Enter")
        pg.settle()
        detail = pg.eval("(() => { const d = document.querySelector('#call-rows .detail'); return d ? d.innerText : '' })()")
        check("params" in detail and visible(HOSTILE[1]) in detail and visible(HOSTILE[3]) in detail,
              "the expanded call's params show the hostile keys and values as text")
        check(pg.eval("window.__pwned === undefined"), "no hostile script or handler ran")
        check(pg.dialogs == [], f"no dialog opened ({pg.dialogs})")
        counts = pg.eval("""({scripts: document.scripts.length, img: document.getElementsByTagName('img').length,
                             b: document.getElementsByTagName('b').length, i: document.getElementsByTagName('i').length,
                             foreignSvg: document.querySelectorAll('svg [onload], body > svg').length,
                             handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length})""")
        check(counts == {"scripts": 4, "img": 0, "b": 0, "i": 0, "foreignSvg": 0, "handlers": 0},
              f"no element came from the record's text ({counts})")
        body = pg.eval("document.body.innerText")
        for h in HOSTILE[:4] + [HOSTILE[7]]:
            check(visible(h) in body, f"shown literally: {h!r}")
        for h in HOSTILE[4:7]:
            check(visible(h) in body, f"control and bidi characters shown as escapes: {visible(h)!r}")
        check(not re.search("[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u001b\u007f-\u009f]", body),
              "no bidi or control character reaches the screen")
        check(visible("<i>x</i>\u202e") in body, "the name a task gave itself (prctl) is its label, as text")
        check(pg.eval("document.title") == visible("nstrace: sh -c " + " ".join(HOSTILE)), "the window title is the command, as text")
        check(pg.requests == [], f"no request leaves the file ({pg.requests})")
        check(pg.errors == [], f"no console error or warning ({pg.errors})")
        pg.close()
    finish()


# ---- size and speed ---------------------------------------------------------------------------

def make_big(base, out, n):
    lines = read_record(base)
    header = lines[0]
    body = [l for l in lines[1:] if l["type"] != "end"]
    calls = [l for l in body if l["type"] == "syscall"]
    others = [l for l in body if l["type"] != "syscall"]
    last_t = max(l.get("t", 0) for l in body)
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(header) + "\n")
        for l in others:
            f.write(json.dumps(l) + "\n")
        k = 0
        rounds = 0
        while k < n:
            shift = rounds * last_t
            for c in calls:
                if k >= n:
                    break
                c2 = dict(c, t=round(c["t"] + shift, 6))
                f.write(json.dumps(c2) + "\n")
                k += 1
            rounds += 1
        f.write(json.dumps({"type": "end", "t": round(last_t * rounds, 6), "status": 0, "reason": "exited"}) + "\n")


def load(html, record=None):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        pg = Page(p, html)
        cdp = pg.context.new_cdp_session(pg.page)
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        # V8's heap; strings made by the browser (the decoded text) may live outside it.
        heap = metrics.get("JSHeapUsedSize", 0) / 2**20
        # Scrolling the whole list: each step draws only the rows in view.
        start = time.monotonic()
        pg.eval("""(() => { const l = document.getElementById('call-list');
                  for (let i = 0; i <= 50; i++) { l.scrollTop = l.scrollHeight * i / 50; l.dispatchEvent(new Event('scroll')); } })()""")
        pg.page.wait_for_timeout(50)
        scroll_ms = (time.monotonic() - start) * 1000
        rows = pg.eval("document.querySelectorAll('#call-rows .row').length")
        counts = pg.eval("window.nstraceExplorer.counts()")
        pg.page.fill("#f-text", "ld.so")
        start = time.monotonic()
        pg.page.wait_for_timeout(200)
        n_found = pg.eval("window.nstraceExplorer.shownCalls().length")
        size = os.path.getsize(html)
        print(f"calls {counts['calls']}, tasks {counts['tasks']}")
        print(f"load {pg.load_ms} ms (page script), {pg.wall_ms:.0f} ms from navigation to ready")
        print(f"js heap {heap:.1f} MiB (V8's, as chromium counts it)")
        print(f"scrolling the list top to bottom in 50 steps: {scroll_ms:.0f} ms; {rows} rows in the DOM")
        print(f"search hits: {n_found}")
        print(f"html {size} bytes" + (f", record {os.path.getsize(record)} bytes, ratio {size / os.path.getsize(record):.3f}" if record else ""))
        total, renderer = browser_memory()
        print(f"browser memory: {total:.0f} MiB PSS in all of chromium's processes, {renderer:.0f} MiB in the page's renderer")
        check(pg.error is None and pg.errors == [], f"loaded without errors ({pg.error}, {pg.errors})")
        check(rows < 200, "the list draws only the rows in view")
        pg.close()
    finish()


def browser_memory():
    """Chromium's processes under this one: the proportional set size (PSS: shared pages
    divided among the processes that map them) of all of them, and of the renderers (the
    processes that run pages), in MiB."""
    me = os.getpid()
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except OSError:
                pass
    total = renderers = 0.0
    stack, seen = [me], set()
    while stack:
        p = stack.pop()
        for k in kids.get(p, []):
            if k in seen:
                continue
            seen.add(k)
            stack.append(k)
            try:
                with open(f"/proc/{k}/cmdline", "rb") as f:
                    cmd = f.read().split(b"\0")
                if not cmd or b"chrom" not in os.path.basename(cmd[0]):
                    continue
                with open(f"/proc/{k}/smaps_rollup") as f:
                    pss = next(int(l.split()[1]) for l in f if l.startswith("Pss:")) / 1024
                total += pss
                if b"--type=renderer" in b" ".join(cmd):
                    renderers += pss
            except (OSError, StopIteration):
                pass
    return total, renderers


def screenshot(html, png, step):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        pg = Page(p, html, dark=step.endswith("-dark"), viewport=(1400, 860))
        page = pg.page
        name = step.removesuffix("-dark")
        if name == "pid-namespace":
            made = pg.eval("Array.from(document.querySelectorAll('#ns-list .ns-item'), e => e.dataset.ns).filter(n => n.startsWith('pid:'))")
            target = [n for n in made if "(initial)" not in pg.eval(f"document.querySelector(\"#ns-list .ns-item[data-ns='{n}']\").textContent")]
            page.click(f"#ns-list .ns-item[data-ns='{target[0]}']")
        elif name == "task":
            page.click("#task-tree .task:last-child .pid")
            page.click("#call-rows .row")
            page.keyboard.press("Enter")
        elif name.startswith("search="):
            page.fill("#f-text", name[len("search="):])
        page.wait_for_timeout(400)
        page.screenshot(path=png)
        check(pg.errors == [], f"no console error ({pg.errors})")
        pg.close()
    finish()


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "check":
        check_real(*args)
    elif cmd == "check-compare":
        check_compare(*args)
    elif cmd == "make-hostile":
        make_hostile(*args)
    elif cmd == "check-hostile":
        check_hostile(*args)
    elif cmd == "make-big":
        make_big(args[0], args[1], int(args[2]))
    elif cmd == "load":
        load(*args)
    elif cmd == "screenshot":
        screenshot(*args)
    else:
        sys.exit("unknown command " + cmd)
