"""Live-view figures through jupyter_client (see run.sh). Prints "<figure> <value> <unit>"."""
import queue
import re
import statistics
import time

from jupyter_client.manager import start_new_kernel

COLUMNS = ("`key` STRING, `value` STRING, topic STRING, `partition` INT, `offset` BIGINT,"
           " `timestamp` TIMESTAMP(3), headers STRING")
RECORDS = 80
COUNT = re.compile(r'<td style="text-align:right">(\d+)</td>')


def run(kc, code, sink):
    msg_id = kc.execute(code)
    while True:
        try:
            m = kc.get_iopub_msg(timeout=60)
        except queue.Empty:
            raise SystemExit("no answer to: " + code)
        sink.append((time.time() * 1000, m))
        if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"):
            break
    reply = kc.get_shell_msg(timeout=60)
    if reply["content"]["status"] != "ok":
        raise SystemExit("cell failed: %s\n%s" % (code, reply["content"]))
    return msg_id


def drain(kc, sink, until_ms):
    while time.time() * 1000 < until_ms:
        try:
            sink.append((time.time() * 1000, kc.get_iopub_msg(timeout=0.05)))
        except queue.Empty:
            pass


def latency(kc):
    seen = []
    run(kc, "%topic create lat_t", seen)
    run(kc, "%%sql\nCREATE STREAM lat_s (" + COLUMNS + ") WITH ('connector' = 'topic', 'topic' = 'lat_t')", seen)
    run(kc, "%%sql --name lat --trigger 100ms\nSELECT COUNT(*) AS n FROM lat_s", seen)
    start = len(seen)
    run(kc, "long[] sentAt = new long[%d];\n"
            "var producer = new Thread(() -> {\n"
            "  var rnd = new java.util.Random(7);\n"
            "  for (int i = 0; i < sentAt.length; i++) {\n"
            "    try { Thread.sleep(300 + rnd.nextInt(100)); } catch (InterruptedException e) { return; }\n"
            "    sentAt[i] = System.currentTimeMillis();\n"
            "    dev.eddy.streaming.api.topic.Topics.shared().send(\"lat_t\", null, \"e\" + i);\n"
            "  }\n"
            "});\n"
            "producer.start();" % RECORDS, seen)
    drain(kc, seen, time.time() * 1000 + RECORDS * 350 + 2000)
    out = []
    run(kc, "producer.join(); System.out.println(Arrays.toString(sentAt));", out)
    sent = [int(x) for x in "".join(m["content"]["text"] for _, m in out if m["msg_type"] == "stream")
            .strip().strip("[]").split(",")]
    first_seen = {}
    for at, m in seen[start:]:
        if m["msg_type"] == "update_display_data":
            for n in COUNT.findall(m["content"]["data"].get("text/html", "")):
                first_seen.setdefault(int(n), at)
    lat = []
    for i, t in enumerate(sent):
        arrivals = [at for n, at in first_seen.items() if n >= i + 1]
        if arrivals:
            lat.append(min(arrivals) - t)
    run(kc, "%stream stop lat", [])
    lat.sort()
    print("live.event_to_screen.p50.ms %.1f ms" % statistics.median(lat))
    print("live.event_to_screen.p99.ms %.1f ms" % lat[min(len(lat) - 1, int(len(lat) * 0.99))])


def iopub_rate(kc):
    seen = []
    run(kc, "%topic create rate_t", seen)
    run(kc, "%%sql\nCREATE STREAM rate_s (" + COLUMNS + ") WITH ('connector' = 'topic', 'topic' = 'rate_t')", seen)
    for i in range(20):
        run(kc, "%%%%sql --name r%d --trigger 100ms --chart bar --x v --y n\n"
                "SELECT `value` AS v, COUNT(*) AS n FROM rate_s GROUP BY `value`" % i, seen)
    run(kc, "var flood = new Thread(() -> {\n"
            "  for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {\n"
            "    dev.eddy.streaming.api.topic.Topics.shared().send(\"rate_t\", null, \"k\" + (i % 20));\n"
            "    if (i % 50 == 0) { try { Thread.sleep(5); } catch (InterruptedException e) { return; } }\n"
            "  }\n"
            "});\n"
            "flood.start();", seen)
    window = []
    begin = time.time() * 1000 + 1000
    drain(kc, window, begin)
    window.clear()
    drain(kc, window, begin + 5000)
    updates = sum(1 for _, m in window if m["msg_type"] == "update_display_data")
    run(kc, "flood.interrupt(); flood.join();", [])
    run(kc, "%stream stop --all", [])
    print("live.iopub_msgs_per_s.20_queries %.1f msgs/s" % (updates / 5.0))


def main():
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        latency(kc)
        iopub_rate(kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
