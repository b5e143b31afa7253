#!/usr/bin/env python3
"""Report helpers for the benchmark scripts (standard library only).

  report.py hotspots SAMPLES.json     top frames of `jfr print --json --events jdk.ExecutionSample`
  report.py summary [--http HTTP.tsv] [--ws WS.tsv] [--startup STARTUP.tsv]     medians, as a table
  report.py results --http HTTP.tsv [--rss HTTP2.tsv] [--ws "WS.tsv ..."] [--ws-deflate "WS.tsv ..."]
                    [--startup STARTUP.tsv] [--ws-note TEXT] [--profile TOP.txt] [--notes NOTES.md]
                    [--jmh JMH.txt] [--args TEXT]                                   -> RESULTS.md on stdout

The TSVs are those of bench-http.sh, bench-ws.sh and bench-startup.sh: "# key: value" lines
(JDK, JAVA_OPTS, machine, commit), a header line starting with "date", one line per run.
"""
import argparse
import collections
import datetime
import json
import os
import platform
import re
import statistics
import sys
import zipfile

OURS = "mongoose"
VARIANTS = ("mongoose-2t", "mongoose-rp")  # HelloServer with two IO threads
C5, C7 = "mongoose-c5", "mongoose-c7"
SATURATED_WRK = 90  # wrk_cpu_pct at or above which the load generator, not the server, is the limit
HERE = os.path.dirname(os.path.abspath(__file__))


# ------------------------------------------------------------------------------------ hotspots

def frame_name(frame):
    method = frame.get("method", {})
    owner = method.get("type", {})
    owner_name = owner.get("name", "?") if isinstance(owner, dict) else str(owner)
    return "%s.%s" % (owner_name.replace("/", "."), method.get("name", "?"))


def hotspots(path, top=25):
    with open(path) as f:
        data = json.load(f)
    events = data.get("recording", {}).get("events", [])
    alloc_events = [e for e in events if e.get("type") == "jdk.ObjectAllocationSample"]
    events = [e for e in events if e.get("type", "jdk.ExecutionSample") == "jdk.ExecutionSample"]
    self_count = collections.Counter()
    total_count = collections.Counter()
    threads = collections.Counter()
    n = 0
    for e in events:
        values = e.get("values", {})
        stack = (values.get("stackTrace") or {}).get("frames") or []
        if not stack:
            continue
        n += 1
        thread = values.get("sampledThread") or {}
        threads[thread.get("javaName") or thread.get("osName") or "?"] += 1
        names = [frame_name(fr) for fr in stack]
        self_count[names[0]] += 1
        for name in set(names):
            total_count[name] += 1
    out = ["JFR jdk.ExecutionSample: %d samples" % n]
    out.append("threads: " + ", ".join("%s %d" % kv for kv in threads.most_common(5)))
    out.append("")
    out.append("| self % | method (top frame) |")
    out.append("| ---: | --- |")
    for name, c in self_count.most_common(top):
        out.append("| %.1f | `%s` |" % (100.0 * c / max(n, 1), name))
    out.append("")
    out.append("| total % | method (anywhere on the stack; io.mongoose and JDK I/O only) |")
    out.append("| ---: | --- |")
    shown = 0
    for name, c in total_count.most_common():
        if not (name.startswith("io.mongoose") or name.startswith("sun.nio") or name.startswith("java.nio")
                or name.startswith("java.lang.String") or name.startswith("java.time")):
            continue
        out.append("| %.1f | `%s` |" % (100.0 * c / max(n, 1), name))
        shown += 1
        if shown >= top:
            break
    if alloc_events:
        by_class = collections.Counter()
        by_site = collections.Counter()
        total = 0
        for e in alloc_events:
            values = e.get("values", {})
            weight = values.get("weight") or 0
            total += weight
            cls = values.get("objectClass") or {}
            cls_name = (cls.get("name") or "?").replace("/", ".") if isinstance(cls, dict) else str(cls)
            by_class[cls_name] += weight
            stack = (values.get("stackTrace") or {}).get("frames") or []
            site = "?"
            for fr in stack:
                name = frame_name(fr)
                if name.startswith("io.mongoose"):
                    site = name
                    break
            by_site[cls_name + " ← " + site] += weight
        out.append("")
        out.append("Allocation (jdk.ObjectAllocationSample, sampled weights): %.1f MB in %d events" % (total / 1048576.0, len(alloc_events)))
        out.append("")
        out.append("| MB | % | class ← first io.mongoose frame |")
        out.append("| ---: | ---: | --- |")
        for k, v in by_site.most_common(15):
            out.append("| %.1f | %.1f | `%s` |" % (v / 1048576.0, 100.0 * v / max(total, 1), k))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------ reading

def read_tsv(path):
    """(meta, rows): the "# key: value" lines and one dict per data line."""
    meta, rows, header = collections.OrderedDict(), [], None
    if not path or not os.path.exists(path):
        return meta, rows
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                key, _, value = line[1:].strip().partition(":")
                meta.setdefault(key.strip(), value.strip())
                continue
            cols = line.split("\t")
            if cols[0] == "date":
                header = cols
            elif header is not None:
                rows.append(dict(zip(header, cols)))
    return meta, rows


def read_many(paths):
    meta, rows = collections.OrderedDict(), []
    for p in (paths or "").split():
        m, r = read_tsv(p)
        for k, v in m.items():
            meta.setdefault(k, v)
        rows.extend(r)
    return meta, rows


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=0):
    return "-" if v is None else ("{:,.%df}" % digits).format(v)


def mb(kb):
    return "-" if kb is None else "%.1f" % (kb / 1024.0)


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(r):
    return "-" if r is None else "%.2f×" % r


def verdict(ok):
    return "—" if ok is None else ("**met**" if ok else "not met")


# ------------------------------------------------------------------------------------ summaries

def http_summary(rows):
    by = collections.OrderedDict()
    for r in rows:
        if r.get("scenario") != "start-failed":
            by.setdefault((r["server"], r["scenario"]), []).append(r)
    out = collections.OrderedDict()
    for key, rs in by.items():
        idles = [v for v in (num(r["rss_idle_kb"]) for r in rs) if v]
        peaks = [v for v in (num(r["hwm_kb"]) for r in rs) if v]
        out[key] = {
            "runs": len(rs),
            "rps": med([num(r["rps"]) for r in rs]),
            "p50": med([num(r["p50_ms"]) for r in rs]),
            "p99": med([num(r["p99_ms"]) for r in rs]),
            "cpu": med([num(r["srv_cpu_pct"]) for r in rs]),
            "eff": med([num(r["req_per_cpu_s"]) for r in rs]),
            "wrk": med([num(r["wrk_cpu_pct"]) for r in rs]),
            "other": med([num(r["other_cpu_pct"]) for r in rs]),
            "errors": sum(int(num(r["errors"]) or 0) for r in rs),
            "non2xx": sum(int(num(r["non2xx"]) or 0) for r in rs),
            "idle": min(idles) if idles else None,
            "hwm": max(peaks) if peaks else None,
        }
    return out


def ws_summary(rows):
    by = collections.OrderedDict()
    for r in rows:
        if num(r.get("conns_open")) is not None:
            by.setdefault((r["server"], r["conns_wanted"]), []).append(r)
    out = collections.OrderedDict()
    for key, rs in by.items():
        out[key] = {
            "runs": len(rs),
            "open": med([num(r["conns_open"]) for r in rs]),
            "deflated": med([num(r["deflated"]) for r in rs]),
            "p50": med([num(r["p50_ms"]) for r in rs]),
            "p99": med([num(r["p99_ms"]) for r in rs]),
            "mps": med([num(r["burst_msgs_per_s"]) for r in rs]),
            "mpc": med([num(r["burst_msgs_per_cpu_s"]) for r in rs]),
            "cpu": med([num(r["burst_srv_cpu_pct"]) for r in rs]),
            "lost": sum(int(num(r["lost"]) or 0) for r in rs),
            "idle": med([num(r["rss_idle_kb"]) for r in rs]),
            "per": med([num(r["kb_per_conn"]) for r in rs]),
            "hwm": med([num(r["hwm_kb"]) for r in rs]),
        }
    return out


def startup_summary(rows):
    by = collections.OrderedDict()
    for r in rows:
        by.setdefault(r["server"], []).append(r)
    out = collections.OrderedDict()
    for name, rs in by.items():
        ms = [v for v in (num(r["ready_ms"]) for r in rs) if v is not None]
        out[name] = {
            "runs": len(rs),
            "failed": len(rs) - len(ms),
            "ms": med(ms), "min": min(ms) if ms else None, "max": max(ms) if ms else None,
            "rss": med([num(r["rss_kb"]) for r in rs]),
            "hwm": med([num(r["hwm_kb"]) for r in rs]),
            "path": rs[0].get("path", ""),
        }
    return out


def http_table(s):
    out = ["| server | scenario | runs | req/s | p50 ms | p99 ms | srv cpu% | req/cpu_s | wrk cpu% | other cpu% "
           "| errors | non2xx | idle MB | peak MB |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (name, sc), v in s.items():
        out.append("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s |" % (
            name, sc, v["runs"], fmt(v["rps"]), fmt(v["p50"], 3), fmt(v["p99"], 3), fmt(v["cpu"]), fmt(v["eff"]),
            fmt(v["wrk"]), fmt(v["other"]), v["errors"], v["non2xx"], mb(v["idle"]), mb(v["hwm"])))
    return out


def ws_table(s):
    out = ["| server | clients | runs | open | deflated | p50 ms | p99 ms | burst msgs/s | msgs/cpu_s | srv cpu% "
           "| lost | idle RSS MB | kB/conn | peak MB |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (name, n), v in s.items():
        out.append("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s |" % (
            name, n, v["runs"], fmt(v["open"]), fmt(v["deflated"]), fmt(v["p50"], 3), fmt(v["p99"], 3),
            fmt(v["mps"]), fmt(v["mpc"]), fmt(v["cpu"]), v["lost"], mb(v["idle"]), fmt(v["per"], 1), mb(v["hwm"])))
    return out


def startup_table(s):
    out = ["| server | runs | failed | ready ms (median) | min | max | RSS MB | peak MB | first answer |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, v in s.items():
        out.append("| %s | %d | %d | %s | %s | %s | %s | %s | `GET %s` |" % (
            name, v["runs"], v["failed"], fmt(v["ms"]), fmt(v["min"]), fmt(v["max"]), mb(v["rss"]), mb(v["hwm"]),
            v["path"]))
    return out


def summary(a):
    out = []
    if a.http:
        out += http_table(http_summary(read_tsv(a.http)[1]))
    if a.ws:
        out += ws_table(ws_summary(read_many(a.ws)[1]))
    if a.startup:
        out += startup_table(startup_summary(read_tsv(a.startup)[1]))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------ results

def jar_versions():
    """Library versions inside the peers' jars, as built."""
    found = []
    wanted = [("bench-peers.jar", "peers/target/bench-peers.jar",
               [("netty", "META-INF/maven/io.netty/netty-codec-http/pom.properties"),
                ("undertow", "META-INF/maven/io.undertow/undertow-core/pom.properties"),
                ("jetty", "META-INF/maven/org.eclipse.jetty/jetty-server/pom.properties")])]
    for _, rel, entries in wanted:
        try:
            with zipfile.ZipFile(os.path.join(HERE, rel)) as z:
                for lib, entry in entries:
                    try:
                        props = z.read(entry).decode()
                        version = [l.split("=", 1)[1] for l in props.splitlines() if l.startswith("version=")]
                        if version:
                            found.append("%s %s" % (lib, version[0]))
                    except KeyError:
                        pass
        except (OSError, zipfile.BadZipFile):
            pass
    try:
        with zipfile.ZipFile(os.path.join(HERE, "spring-peer/target/spring-peer.jar")) as z:
            for name in z.namelist():
                base = os.path.basename(name)
                for lib in ("spring-boot-4", "tomcat-embed-core-"):
                    if base.startswith(lib) and base.endswith(".jar"):
                        found.append(base[:-4].replace("spring-boot-", "spring-boot ").replace("tomcat-embed-core-", "tomcat "))
        return ", ".join(found)
    except (OSError, zipfile.BadZipFile):
        return ", ".join(found)


class Figures:
    """The summaries of one run, and the look-ups the report's tables need."""

    def __init__(self, a):
        self.meta, rows = read_tsv(a.http)
        self.http = http_summary(rows)
        self.first_date = rows[0]["date"] if rows else None
        self.rss_meta, rss_rows = read_tsv(a.rss)
        self.rss = http_summary(rss_rows)
        self.ws_meta, ws_rows = read_many(a.ws)
        self.ws = ws_summary(ws_rows)
        self.wsd = ws_summary(read_many(a.ws_deflate)[1])
        self.startup = startup_summary(read_tsv(a.startup)[1])

    def get(self, name, sc, key, table=None):
        v = (self.http if table is None else table).get((name, sc))
        return v[key] if v else None

    def names(self):
        return list(collections.OrderedDict.fromkeys(n for n, _ in self.http))

    def scenarios(self):
        return list(collections.OrderedDict.fromkeys(sc for _, sc in self.http))


def http_target(f, sc, peer, factor):
    ours, theirs = f.get(OURS, sc, "eff"), f.get(peer, sc, "eff")
    r = ratio(ours, theirs)
    label = "%s: req/cpu_s ≥ %g× %s" % (sc, factor, peer)
    if ours is None or theirs is None:
        return "| %s | not run | — |" % label
    return "| %s | %s (%s vs %s; req/s %s) | %s |" % (
        label, fmt_ratio(r), fmt(ours), fmt(theirs), fmt_ratio(ratio(f.get(OURS, sc, "rps"), f.get(peer, sc, "rps"))),
        verdict(r >= factor))


def ws_target(table, n, peer, factor, what="burst msgs/s"):
    o, t = table.get((OURS, n)), table.get((peer, n))
    label = "WS fan-out %s clients: %s ≥ %g× %s, none lost" % (n, what, factor, peer)
    if not o or not t:
        return "| %s | not run | — |" % label
    r = ratio(o["mps"], t["mps"])
    ok = r is not None and r >= factor and o["lost"] == 0 and (o["open"] or 0) >= int(n)
    return "| %s | %s (%s vs %s msgs/s), lost %d | %s |" % (label, fmt_ratio(r), fmt(o["mps"]), fmt(t["mps"]), o["lost"],
                                                         verdict(ok))


def targets(f):
    out = ["| target | measured | verdict |", "| --- | --- | --- |"]
    for sc in ("hello-c64", "hello-c256"):
        out.append(http_target(f, sc, C5, 1.25))
    out.append(http_target(f, "hello-close-c8", C5, 1.0))
    out.append(http_target(f, "static64k-c64", C7, 1.5))
    out.append(http_target(f, "static1m-c16", "netty", 1.0))
    for n in ("1000", "5000"):
        out.append(ws_target(f.ws, n, C7, 1.2))
    o, t = f.ws.get((OURS, "5000")), f.ws.get((C7, "5000"))
    label = "RSS with 5,000 idle WS ≤ 0.5× %s" % C7
    if o and t:
        r = ratio(o["idle"], t["idle"])
        out.append("| %s | %s (%s vs %s MB) | %s |" % (label, fmt_ratio(r), mb(o["idle"]), mb(t["idle"]),
                                                      verdict(None if r is None else r <= 0.5)))
    else:
        out.append("| %s | not run | — |" % label)
    s, p = f.startup.get("sample"), f.startup.get("spring-boot")
    for key, what in (("ms", "start-up time"), ("rss", "RSS at the first answer")):
        label = "sample app %s ≤ 0.6× the spring-boot peer" % what
        if s and p:
            r = ratio(s[key], p[key])
            unit = (lambda v: fmt(v) + " ms") if key == "ms" else (lambda v: mb(v) + " MB")
            out.append("| %s | %s (%s vs %s) | %s |" % (label, fmt_ratio(r), unit(s[key]), unit(p[key]),
                                                      verdict(None if r is None else r <= 0.6)))
        else:
            out.append("| %s | not run | — |" % label)
    return out


def results(a):
    f = Figures(a)
    names, scenarios = f.names(), f.scenarios()
    peers = [n for n in names if n != OURS and n not in VARIANTS]
    out = []
    w = out.append
    w("# Mongoose for Java: benchmark results")
    w("")
    w("Generated by `benchmarks/run-peers.sh` (%s) from `%s`. One alternating run (%s; the WebSocket client "
      "pinned like wrk); the same JVM and flags for every JVM server. Figures are medians over rounds. "
      "`req/cpu_s` = requests per second of server CPU (all its threads, from `/proc/PID/stat`): the figure "
      "the targets use, since it survives background load and a saturated load generator (`wrk cpu%%` ≥ %d) "
      "best." % (a.args or "", os.path.basename(a.http), f.meta.get("pinning", "pinning unknown"), SATURATED_WRK))
    w("")
    noise = med([v["other"] for v in f.http.values()])
    if noise is not None and noise > 20:
        w("> **Background load:** everything else used a median %.0f %% of a core during the runs (`other cpu%%`). "
          "Compare `req/cpu_s` rather than requests/s, and rerun on a quiet machine before judging." % noise)
        w("")
    w("## Machine")
    w("")
    w("| | |")
    w("| --- | --- |")
    w("| date | %s |" % (f.first_date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")))
    for key in ("machine", "java", "java_opts", "commit", "c_peers"):
        if key in f.meta:
            w("| %s | %s |" % (key, ("`%s`" % f.meta[key]) if key == "java_opts" else f.meta[key]))
    w("| python | %s |" % platform.python_version())
    w("| JVM peers | %s |" % (jar_versions() or "-"))
    w("")
    w("## Targets")
    w("")
    out.extend(targets(f))
    w("")
    w("## HTTP medians")
    w("")
    out.extend(http_table(f.http))
    w("")
    w("In `hello-close-c8`, wrk counts a read error per request when a server closes without saying "
      "`Connection: close` in its reply; such errors are not failures.")
    w("")
    if OURS in names and peers:
        w("## Ratios: mongoose / peer")
        w("")
        w("Each cell: req/cpu_s ratio, then requests/s ratio.")
        w("")
        w("| scenario | " + " | ".join(peers) + " |")
        w("| --- | " + " | ".join("---" for _ in peers) + " |")
        for sc in scenarios:
            if (OURS, sc) not in f.http:
                continue
            cells = []
            for p in peers:
                if (p, sc) not in f.http:
                    cells.append("-")
                    continue
                cells.append("%s req/cpu_s, %s req/s" % (fmt_ratio(ratio(f.get(OURS, sc, "eff"), f.get(p, sc, "eff"))),
                                                        fmt_ratio(ratio(f.get(OURS, sc, "rps"), f.get(p, sc, "rps")))))
            w("| %s | %s |" % (sc, " | ".join(cells)))
        w("")
    if f.rss:
        w("## Peak RSS under hello load alone")
        w("")
        w("A second pass (`%s`) with the hello keep-alive scenarios only: each server is warmed up with `/hello` "
          "alone, so its peak RSS is what the hello load costs (in the full run a static scenario adds a warm-up "
          "with the 64 KiB file, whose allocations show in every later peak)." % os.path.basename(a.rss))
        w("")
        out.extend(http_table(f.rss))
        w("")
        ours = max([f.get(OURS, sc, "hwm", f.rss) or 0 for sc in ("hello-c64", "hello-c256")]) or None
        cells = []
        for p in [n for n, _ in f.rss if n != OURS and n not in VARIANTS]:
            theirs = max([f.get(p, sc, "hwm", f.rss) or 0 for sc in ("hello-c64", "hello-c256")]) or None
            cell = "%s: %s (%s vs %s MB)" % (p, fmt_ratio(ratio(ours, theirs)), mb(ours), mb(theirs))
            if cell not in cells:
                cells.append(cell)
        if cells:
            w("Peak RSS, mongoose / peer: " + "; ".join(cells) + ".")
            w("")
    variants = [v for v in VARIANTS if any(n == v for n, _ in f.http)]
    if variants and OURS in names:
        w("## Two IO threads")
        w("")
        w("`mongoose-2t`: two `Server`s polling one shared listening socket (`-Dmongoose.threads=2`); `mongoose-rp`: "
          "two servers each with its own socket bound with `reuse_port` (`-Dmongoose.reusePort=true`), the kernel "
          "spreading connections. Pinned to one CPU like every server, both threads share it: the figures show what "
          "the second thread costs, not scaling (that needs a machine with ≥ 3 CPUs and `SERVER_CPU=1-2`).")
        w("")
        w("| scenario | 1 thread req/cpu_s | " + " | ".join("%s req/cpu_s | %s / 1t" % (v, v) for v in variants) + " |")
        w("| --- | ---: | " + " | ".join("---: | ---:" for _ in variants) + " |")
        for sc in scenarios:
            if (OURS, sc) in f.http:
                w("| %s | %s | %s |" % (sc, fmt(f.get(OURS, sc, "eff")), " | ".join(
                    "%s | %s" % (fmt(f.get(v, sc, "eff")), fmt_ratio(ratio(f.get(v, sc, "eff"), f.get(OURS, sc, "eff"))))
                    for v in variants)))
        w("")
    w("## WebSocket fan-out")
    w("")
    if f.ws:
        w("Without compression (the clients offer no extension; HelloServer runs with `-Dmongoose.deflate=no`):")
        w("")
        out.extend(ws_table(f.ws))
        w("")
    if f.wsd:
        w("With `permessage-deflate` (the clients offer it, the servers accept it; `deflated` counts the clients "
          "whose upgrade reply accepted it):")
        w("")
        out.extend(ws_table(f.wsd))
        w("")
        rows = ["| clients | mongoose deflate / netty deflate (msgs/s) | mongoose deflate / mongoose plain (msgs/s) "
                "| idle RSS deflate / plain (mongoose) |", "| ---: | ---: | ---: | ---: |"]
        for n in sorted({n for _, n in f.wsd}, key=int):
            od, nd, op = f.wsd.get((OURS, n)), f.wsd.get(("netty", n)), f.ws.get((OURS, n))
            rows.append("| %s | %s | %s | %s |" % (
                n, fmt_ratio(ratio(od and od["mps"], nd and nd["mps"])), fmt_ratio(ratio(od and od["mps"], op and op["mps"])),
                fmt_ratio(ratio(od and od["idle"], op and op["idle"]))))
        out.extend(rows)
        w("")
    if a.ws_note:
        w(a.ws_note)
        w("")
    if not f.ws and not f.wsd and not a.ws_note:
        w("Not run.")
        w("")
    w("## Start-up")
    w("")
    if f.startup:
        w("`bench-startup.sh`: from just before `java -jar` to the first 200 reply, alternating the sample app, "
          "the starter-peer (the spring-boot peer's hello on the Mongoose starter) and the spring-boot peer; RSS "
          "read at that moment.")
        w("")
        out.extend(startup_table(f.startup))
        base = f.startup.get("spring-boot")
        for name in ("sample", "starter-peer"):
            v = f.startup.get(name)
            if v and base:
                w("")
                w("%s / spring-boot: start-up %s, RSS %s." % (name, fmt_ratio(ratio(v["ms"], base["ms"])),
                                                            fmt_ratio(ratio(v["rss"], base["rss"]))))
    else:
        w("Not run (`--no-startup`).")
    w("")
    w("## Hot path (JFR, HelloServer under `wrk -c64` on /hello)")
    w("")
    if a.profile and os.path.exists(a.profile):
        with open(a.profile) as fh:
            w(fh.read().rstrip())
    else:
        w("No profile in this run (`--no-profile`).")
    w("")
    if a.jmh and os.path.exists(a.jmh):
        w("## JMH (`%s`)" % os.path.basename(a.jmh))
        w("")
        w("Quick settings (`-f 1 -wi 2 -i 3 -w 1 -r 1`), same machine: read the orders of magnitude.")
        w("")
        w("```")
        with open(a.jmh) as fh:
            w(fh.read().rstrip())
        w("```")
        w("")
    if a.notes and os.path.exists(a.notes):
        with open(a.notes) as fh:
            w(fh.read().rstrip())
        w("")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "hotspots":
        sys.stdout.write(hotspots(sys.argv[2]))
        return
    p = argparse.ArgumentParser()
    p.add_argument("cmd", choices=["results", "summary"])
    p.add_argument("--http", default="")
    p.add_argument("--rss", default="")
    p.add_argument("--ws", default="")
    p.add_argument("--ws-deflate", default="")
    p.add_argument("--startup", default="")
    p.add_argument("--ws-note", default="")
    p.add_argument("--profile", default="")
    p.add_argument("--notes", default="")
    p.add_argument("--jmh", default="")
    p.add_argument("--args", default="")
    a = p.parse_args()
    if a.cmd == "summary":
        sys.stdout.write(summary(a))
    elif not a.http:
        p.error("results needs --http")
    else:
        sys.stdout.write(results(a))


if __name__ == "__main__":
    main()
