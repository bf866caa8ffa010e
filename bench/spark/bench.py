"""Time from a %%sql cell to the first rows of its live view on screen (the first display_data or
update_display_data of that cell whose table has a row), through jupyter_client, on the embedded engine and on the
Spark Connect server at EDDY_SPARK_URL. Run by SparkBench (see run.sh). Prints "<figure> <value> <unit>"."""
import os
import queue
import statistics
import time

from jupyter_client.manager import start_new_kernel

RUNS = 3


def run(kc, code, timeout=300):
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            if reply["content"]["status"] != "ok":
                raise SystemExit("cell failed: %s\n%s" % (code, reply["content"]))
            return


def first_rows(kc, engine, name, timeout=300):
    """Seconds from sending the cell to the first message of it that shows a table row."""
    code = ("%%%%sql --engine %s --name %s --trigger 1s\n"
            "SELECT player, COUNT(*) AS n FROM bench_events GROUP BY player" % (engine, name))
    sent = time.monotonic()
    msg_id = kc.execute(code)
    while True:
        left = sent + timeout - time.monotonic()
        if left <= 0:
            raise SystemExit("no rows on screen for " + name)
        try:
            m = kc.get_iopub_msg(timeout=left)
        except queue.Empty:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "error":
            raise SystemExit("%s failed: %s" % (name, m["content"]["evalue"]))
        if m["msg_type"] in ("display_data", "update_display_data") \
                and "<td" in m["content"]["data"].get("text/html", ""):
            return time.monotonic() - sent


def main():
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=120)
    try:
        run(kc, "%engine connect spark " + os.environ["EDDY_SPARK_URL"])
        run(kc, "%%%%sql\nCREATE STREAM bench_events (player STRING, n BIGINT, ts TIMESTAMP(3)) WITH ("
                "'connector' = 'file', 'path' = '%s', 'format' = 'json', 'maxFilesPerTrigger' = '1')"
                % os.environ["BENCH_INPUT"])
        times = {"local": [], "spark": []}
        for i in range(RUNS + 1):  # the first of each is a warm-up
            for engine in ("local", "spark"):
                name = "first_%s_%d" % (engine, i)
                t = first_rows(kc, engine, name)
                run(kc, "%stream stop " + name)
                if i > 0:
                    times[engine].append(t)
        local, spark = statistics.median(times["local"]), statistics.median(times["spark"])
        print("spark.embedded.sql_to_first_rows %.0f ms" % (local * 1000))
        print("spark.remote.sql_to_first_rows %.0f ms" % (spark * 1000))
        print("spark.remote_vs_embedded.sql_to_first_rows_ratio %.1f x" % (spark / local))
        run(kc, "%engine disconnect")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
