#!/usr/bin/env python3
"""Report helpers for benchmarks/run-peers.sh (standard library only).

  report.py hotspots SAMPLES.json     top frames of `jfr print --json --events jdk.ExecutionSample`
  report.py results --http HTTP.tsv [--ws "WS1.tsv WS2.tsv"] [--ws-note TEXT] [--profile TOP.txt]
                    [--notes NOTES.md] [--jmh JMH.txt] [--args TEXT] [--harness DIR]   -> RESULTS.md on stdout
"""
import argparse
import collections
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

OURS = "mongoose"
OURS_2T = "mongoose-2t"
SATURATED_WRK = 90  # wrk_cpu_pct at or above which the load generator, not the server, is the limit


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


# ------------------------------------------------------------------------------------ results

def read_tsv(path):
    rows = []
    header = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] == "date":
                header = cols
                continue
            if header is None or len(cols) < len(header):
                continue
            rows.append(dict(zip(header, cols)))
    return rows


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def http_summary(rows):
    by = collections.OrderedDict()
    for r in rows:
        if r.get("scenario") == "start-failed":
            continue
        by.setdefault((r["name"], r["scenario"]), []).append(r)
    summary = collections.OrderedDict()
    for (name, sc), rs in by.items():
        eff = []
        for r in rs:
            rps, cpu = num(r["rps"]), num(r["srv_cpu_pct"])
            eff.append(rps * 100.0 / cpu if rps is not None and cpu else None)
        summary[(name, sc)] = {
            "runs": len(rs),
            "rps": med([num(r["rps"]) for r in rs]),
            "p50": med([num(r["p50_ms"]) for r in rs]),
            "p99": med([num(r["p99_ms"]) for r in rs]),
            "cpu": med([num(r["srv_cpu_pct"]) for r in rs]),
            "wrk": med([num(r["wrk_cpu_pct"]) for r in rs]),
            "other": med([num(r["other_cpu_pct"]) for r in rs]),
            "eff": med(eff),
            "errors": sum(int(num(r["errors"]) or 0) for r in rs),
            "non2xx": sum(int(num(r["non2xx"]) or 0) for r in rs),
            "idle": min((num(r["rss_idle_kb"]) or 0) for r in rs),
            "hwm": max((num(r["hwm_kb"]) or 0) for r in rs),
        }
    return summary


def peak_hello_rss(rows, name):
    vals = [num(r["hwm_kb"]) for r in rows if r["name"] == name and r["scenario"].startswith("hello")]
    vals = [v for v in vals if v is not None and v > 0]
    return max(vals) if vals else None


def fmt(v, digits=0):
    if v is None:
        return "-"
    return ("{:,.%df}" % digits).format(v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(r):
    return "-" if r is None else "%.2f×" % r


def cmd(args):
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=20)
        return done.stdout + done.stderr
    except Exception:  # noqa: BLE001 - best effort metadata
        return ""


def machine_info(harness, run_date=None):
    info = collections.OrderedDict()
    info["date"] = run_date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    info["nproc"] = str(os.cpu_count())
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["CPU"] = model
    info["kernel"] = platform.release()
    java = os.environ.get("JAVA", "java")
    info["JDK"] = (cmd([java, "-version"]).strip().splitlines() or ["?"])[0]
    info["JAVA_OPTS"] = "`%s`" % os.environ.get("JAVA_OPTS", "")
    info["wrk"] = (cmd(["wrk", "-v"]).strip().splitlines() or ["?"])[0][:40]
    here = os.path.dirname(os.path.abspath(__file__))
    rev = cmd(["git", "-C", here, "log", "-1", "--format=%h %s"]).strip().splitlines()
    info["mongoose"] = "commit " + (rev[0] if rev else "?")
    versions = []
    if harness:
        try:
            with open(os.path.join(harness, "peers", "pom.xml")) as f:
                text = f.read()
            for lib in ("netty", "undertow", "jetty", "nanohttpd", "spring-boot"):
                m = re.search(r"<%s\.version>([^<]+)<" % re.escape(lib), text)
                if m:
                    versions.append("%s %s" % (lib, m.group(1)))
        except OSError:
            pass
    info["peers"] = ", ".join(versions) or "see the harness's peers/pom.xml"
    return info


def verdict(ok):
    return "—" if ok is None else ("**met**" if ok else "not met")


def results(a):
    rows = read_tsv(a.http)
    rss_rows = read_tsv(a.rss) if a.rss and os.path.exists(a.rss) else []
    s = http_summary(rows)
    names = list(collections.OrderedDict.fromkeys(n for n, _ in s))
    scenarios = list(collections.OrderedDict.fromkeys(sc for _, sc in s))
    peers = [n for n in names if n not in (OURS, OURS_2T)]
    out = []
    w = out.append
    w("# Mongoose for Java: benchmark results")
    w("")
    w("Generated by `benchmarks/run-peers.sh` (%s) from `%s`. One alternating run of the shared "
      "harness: server pinned to core 1, `wrk -t1` to core 0; same JVM flags for every server. "
      "Figures are medians over rounds. `req/cpu_s` = requests per second of server CPU; it is the "
      "figure that counts where wrk (not the server) saturates (`wrk%%` ≥ %d)."
      % (a.args or "", os.path.basename(a.http), SATURATED_WRK))
    w("")
    others = [v["other"] for v in s.values() if v["other"] is not None]
    noise = med(others)
    if noise is not None and noise > 20:
        w("> **Background load:** other processes (and interrupts) used a median %.0f %% of a core during the runs "
          "(`other cpu%%` column). Under such load the kernel shares the server's core per thread, "
          "which favours servers with many runnable threads; compare `req/cpu_s` rather than "
          "requests/s, and rerun on a quiet machine to judge requests/s targets." % noise)
        w("")
    w("## Machine")
    w("")
    w("| | |")
    w("| --- | --- |")
    run_date = rows[0]["date"].replace("T", " ").replace("Z", " UTC") if rows else None
    for k, v in machine_info(a.harness, run_date).items():
        w("| %s | %s |" % (k, v))
    w("")
    w("## HTTP medians")
    w("")
    w("| server | scenario | runs | req/s | p50 ms | p99 ms | srv cpu% | wrk cpu% | other cpu% | req/cpu_s | errors | non2xx | idle MB | peak MB |")
    w("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (name, sc), v in s.items():
        w("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s |" % (
            name, sc, v["runs"], fmt(v["rps"]), fmt(v["p50"], 3), fmt(v["p99"], 3), fmt(v["cpu"]), fmt(v["wrk"]), fmt(v["other"]),
            fmt(v["eff"]), v["errors"], v["non2xx"], fmt(v["idle"] / 1024, 1), fmt(v["hwm"] / 1024, 1)))
    w("")
    w("In `hello-close-c8`, wrk counts a read error per request when a server closes without "
      "`Connection: close` in its reply (harness README); such errors are not failures.")
    w("")
    if OURS in names:
        w("## Ratios: mongoose / peer")
        w("")
        w("Each cell: requests/s ratio, then req/cpu_s ratio. Peak RSS: VmHWM after the hello scenarios.")
        w("")
        w("| scenario | " + " | ".join(peers) + " |")
        w("| --- | " + " | ".join("---" for _ in peers) + " |")
        for sc in scenarios:
            ours = s.get((OURS, sc))
            if not ours:
                continue
            cells = []
            for p in peers:
                theirs = s.get((p, sc))
                if not theirs:
                    cells.append("-")
                    continue
                cells.append("%s req/s, %s req/cpu_s" % (fmt_ratio(ratio(ours["rps"], theirs["rps"])),
                                                       fmt_ratio(ratio(ours["eff"], theirs["eff"]))))
            w("| %s | %s |" % (sc, " | ".join(cells)))
        ours_rss = peak_hello_rss(rows, OURS)
        w("| peak RSS (after the static warm-up and the hello scenarios) | %s |" % " | ".join(
            "%s (%s vs %s MB)" % (fmt_ratio(ratio(ours_rss, peak_hello_rss(rows, p))), fmt((ours_rss or 0) / 1024, 1),
                                fmt((peak_hello_rss(rows, p) or 0) / 1024, 1)) for p in peers))
        if rss_rows:
            ours_rss = peak_hello_rss(rss_rows, OURS)
            w("| peak RSS under hello load alone (hello-only pass) | %s |" % " | ".join(
                "%s (%s vs %s MB)" % (fmt_ratio(ratio(ours_rss, peak_hello_rss(rss_rows, p))),
                                    fmt((ours_rss or 0) / 1024, 1), fmt((peak_hello_rss(rss_rows, p) or 0) / 1024, 1))
                for p in peers))
        w("")
        if rss_rows:
            w("The hello-only pass (`%s`) runs the same harness with `--scenarios hello-c64,hello-c256`: each "
              "server is warmed up with `/hello` alone, so its peak is what the hello load costs. In the full run "
              "above every server is first warmed up with 5 s of the 64 KiB file as well, and its peak shows what "
              "that warm-up allocated." % os.path.basename(a.rss))
            w("")
            rs = http_summary(rss_rows)
            w("| server | scenario | runs | req/s | req/cpu_s | idle MB | peak MB |")
            w("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
            for (name, sc), v in rs.items():
                w("| %s | %s | %d | %s | %s | %s | %s |" % (name, sc, v["runs"], fmt(v["rps"]), fmt(v["eff"]),
                                                        fmt(v["idle"] / 1024, 1), fmt(v["hwm"] / 1024, 1)))
            w("")

    # ---- targets
    w("## Targets")
    w("")
    w("| target | measured | verdict |")
    w("| --- | --- | --- |")

    def get(name, sc, key):
        v = s.get((name, sc))
        return v[key] if v else None

    def saturated(sc, *servers):
        return any((get(n, sc, "wrk") or 0) >= SATURATED_WRK for n in servers)

    for sc in ("hello-c64", "hello-c256"):
        re_ = ratio(get(OURS, sc, "eff"), get("netty", sc, "eff"))
        rr = ratio(get(OURS, sc, "rps"), get("netty", sc, "rps"))
        ok = None if re_ is None or rr is None else (re_ >= 1.4 and rr >= 1.0)
        w("| %s: ≥ 1.4× Netty req/cpu_s and ≥ 1.0× Netty req/s | %s req/cpu_s, %s req/s | %s |"
          % (sc, fmt_ratio(re_), fmt_ratio(rr), verdict(ok)))
    close = [sc for sc in scenarios if sc.startswith("hello-close")]
    for sc in close:
        key = "eff" if saturated(sc, OURS, "undertow") else "rps"
        r = ratio(get(OURS, sc, key), get("undertow", sc, key))
        w("| %s: ≥ 1.5× Undertow (%s) | %s req/s, %s req/cpu_s | %s |" % (
            sc, "req/cpu_s, wrk saturated" if key == "eff" else "req/s", fmt_ratio(ratio(get(OURS, sc, "rps"), get("undertow", sc, "rps"))),
            fmt_ratio(ratio(get(OURS, sc, "eff"), get("undertow", sc, "eff"))), verdict(None if r is None else r >= 1.5)))
    for sc in [sc for sc in scenarios if sc.startswith("static")]:
        key = "eff" if saturated(sc, OURS, "netty") else "rps"
        r = ratio(get(OURS, sc, key), get("netty", sc, key))
        w("| %s: ≥ 1.0× Netty (%s) | %s req/s, %s req/cpu_s | %s |" % (
            sc, "req/cpu_s, wrk saturated" if key == "eff" else "req/s", fmt_ratio(ratio(get(OURS, sc, "rps"), get("netty", sc, "rps"))),
            fmt_ratio(ratio(get(OURS, sc, "eff"), get("netty", sc, "eff"))), verdict(None if r is None else r >= 1.0)))
    rss_source = rss_rows or rows
    r = ratio(peak_hello_rss(rss_source, OURS), peak_hello_rss(rss_source, "netty"))
    w("| peak RSS under hello load ≤ 0.5× Netty's%s | %s (%s vs %s MB) | %s |" % (
        " (hello-only pass)" if rss_rows else "", fmt_ratio(r), fmt((peak_hello_rss(rss_source, OURS) or 0) / 1024, 1),
        fmt((peak_hello_rss(rss_source, "netty") or 0) / 1024, 1), verdict(None if r is None else r <= 0.5)))

    ws_rows = []
    for f in (a.ws or "").split():
        if os.path.exists(f):
            ws_rows.extend(read_tsv(f))
    ws = collections.OrderedDict()
    for r in ws_rows:
        if r.get("conns_open") in (None, "start-failed"):
            continue
        ws.setdefault((r["name"], r["conns_wanted"]), []).append(r)
    wss = {}
    for k, rs in ws.items():
        wss[k] = {
            "runs": len(rs),
            "open": med([num(r["conns_open"]) for r in rs]),
            "p50": med([num(r["p50_ms"]) for r in rs]),
            "p99": med([num(r["p99_ms"]) for r in rs]),
            "mps": med([num(r["burst_msgs_per_s"]) for r in rs]),
            "lost": sum(int(num(r["lost"]) or 0) for r in rs),
            "idle": med([num(r["rss_idle_kb"]) for r in rs]),
            "per": med([num(r["kb_per_conn"]) for r in rs]),
            "hwm": med([num(r["hwm_kb"]) for r in rs]),
        }
    for n in ("1000", "5000"):
        o, t = wss.get((OURS, n)), wss.get(("netty", n))
        if o and t:
            r = ratio(o["mps"], t["mps"])
            ok = r is not None and r >= 1.3 and o["lost"] == 0 and (o["open"] or 0) >= int(n)
            w("| WS fan-out %s clients: burst msgs/s ≥ 1.3× Netty, none lost | %s, lost %d | %s |"
              % (n, fmt_ratio(r), o["lost"], verdict(ok)))
        else:
            w("| WS fan-out %s clients: burst msgs/s ≥ 1.3× Netty, none lost | not run | — |" % n)
    o, t = wss.get((OURS, "5000")), wss.get(("netty", "5000"))
    if o and t:
        r = ratio(o["idle"], t["idle"])
        w("| RSS with 5,000 idle WS ≤ 0.5× Netty's | %s | %s |" % (fmt_ratio(r), verdict(None if r is None else r <= 0.5)))
    else:
        w("| RSS with 5,000 idle WS ≤ 0.5× Netty's | not run | — |")
    if (OURS_2T, "hello-c64") in s:
        w("| several servers sharing one socket: 1- and 2-thread figures | hello-c64: 1t %s req/s (%s req/cpu_s), "
          "2t %s req/s (%s req/cpu_s) | recorded (see below) |" % (
              fmt(get(OURS, "hello-c64", "rps")), fmt(get(OURS, "hello-c64", "eff")),
              fmt(get(OURS_2T, "hello-c64", "rps")), fmt(get(OURS_2T, "hello-c64", "eff"))))
    w("")

    if (OURS_2T, "hello-c64") in s:
        w("## Several servers sharing one socket")
        w("")
        w("`mongoose-2t` is HelloServer with `-Dmongoose.threads=2`: two `Server`s, each polled by its own "
          "thread, accepting on one shared `ServerSocketChannel`. **The rig's limit:** the harness pins the "
          "server to one core (`taskset -c 1`) and wrk to the other, so on this %s-core machine both threads "
          "share one core; the 2-thread figure can only show the cost of the extra thread (context switches, "
          "two selectors), not scaling. Scaling needs a machine with ≥ 3 cores and `--server-cpu 1-2`."
          % machine_info(None)["nproc"])
        w("")
        w("| scenario | 1 thread req/s | 2 threads req/s | 2t / 1t | 1t req/cpu_s | 2t req/cpu_s |")
        w("| --- | ---: | ---: | ---: | ---: | ---: |")
        for sc in scenarios:
            if (OURS, sc) in s and (OURS_2T, sc) in s:
                w("| %s | %s | %s | %s | %s | %s |" % (sc, fmt(get(OURS, sc, "rps")), fmt(get(OURS_2T, sc, "rps")),
                                                     fmt_ratio(ratio(get(OURS_2T, sc, "rps"), get(OURS, sc, "rps"))),
                                                     fmt(get(OURS, sc, "eff")), fmt(get(OURS_2T, sc, "eff"))))
        w("")

    w("## WebSocket fan-out")
    w("")
    if wss:
        w("| server | clients | runs | open | p50 ms | p99 ms | burst msgs/s | lost | idle RSS MB | kB/conn | peak MB |")
        w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (name, n), v in wss.items():
            w("| %s | %s | %d | %s | %s | %s | %s | %d | %s | %s | %s |" % (
                name, n, v["runs"], fmt(v["open"]), fmt(v["p50"], 3), fmt(v["p99"], 3), fmt(v["mps"]), v["lost"],
                fmt((v["idle"] or 0) / 1024, 1), fmt(v["per"], 1), fmt((v["hwm"] or 0) / 1024, 1)))
        w("")
    if a.ws_note:
        w(a.ws_note)
        w("")

    w("## Hot path (JFR, HelloServer under `wrk -c64` on /hello)")
    w("")
    if a.profile and os.path.exists(a.profile):
        with open(a.profile) as f:
            w(f.read().rstrip())
    else:
        w("No profile in this run (`--no-profile`).")
    w("")
    if a.jmh and os.path.exists(a.jmh):
        w("## JMH (`%s`)" % os.path.basename(a.jmh))
        w("")
        w("Quick settings (`-f 1 -wi 2 -i 3 -w 1 -r 1`), same machine, same background load; the error "
          "column is wide for that reason: read the orders of magnitude.")
        w("")
        w("```")
        with open(a.jmh) as f:
            w(f.read().rstrip())
        w("```")
        w("")
    if a.notes and os.path.exists(a.notes):
        with open(a.notes) as f:
            w(f.read().rstrip())
        w("")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "hotspots":
        sys.stdout.write(hotspots(sys.argv[2]))
        return
    p = argparse.ArgumentParser()
    p.add_argument("cmd", choices=["results"])
    p.add_argument("--http", required=True)
    p.add_argument("--rss", default="")
    p.add_argument("--ws", default="")
    p.add_argument("--ws-note", default="")
    p.add_argument("--profile", default="")
    p.add_argument("--notes", default="")
    p.add_argument("--jmh", default="")
    p.add_argument("--args", default="")
    p.add_argument("--harness", default=os.environ.get("HARNESS", ""))
    a = p.parse_args()
    sys.stdout.write(results(a))


if __name__ == "__main__":
    main()
