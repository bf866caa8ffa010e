"""Kernel latency benchmark: Eddy vs. ipykernel, measured with jupyter_client in the same run.

Start is measured as a client sees it: from creating the KernelManager (what jupyter_client's start_new_kernel
does) until the client's wait_for_ready returns, which is what JupyterLab waits on too (a kernel_info reply and a
message on IOPub, then a flush of IOPub).

Prints one line per figure: "<figure> <value> <unit>" for PREFIX in kernel (Eddy) and ipykernel:
  PREFIX.start.s            start_new_kernel until wait_for_ready returns (median of STARTS)
  PREFIX.first_reply.s      start until the first kernel_info reply, without wait_for_ready's IOPub checks
  PREFIX.kernel_info_rtt.ms kernel_info round trip on a warm kernel (median)
  PREFIX.execute_rtt.ms     `1 + 1` round trip on a warm kernel (median)
  PREFIX.first_cell.s       the first cell's round trip right after wait_for_ready
  PREFIX.idle_rss.mb        resident memory of the kernel once it is idle after its first cell
and kernel.start.ratio (Eddy's start over ipykernel's, same run; the machines are shared and noisy).
"""
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

STARTS = 5
INFO_ROUNDS = 200
EXEC_ROUNDS = 50
IDLE_QUIET_S = 2.0
IDLE_DEADLINE_S = 60.0


def reply_to(kc, msg_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        m = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if m["parent_header"].get("msg_id") == msg_id:
            return m


def launch(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc


def start_as_client(kernel_name):
    """Returns (km, kc, seconds until wait_for_ready returned, seconds from then to the first cell's reply)."""
    t0 = time.perf_counter()
    km, kc = launch(kernel_name)
    kc.wait_for_ready(timeout=120)
    t1 = time.perf_counter()
    reply = reply_to(kc, kc.execute("1 + 1"))
    t2 = time.perf_counter()
    assert reply["content"]["status"] == "ok", reply["content"]
    return km, kc, t1 - t0, t2 - t1


def first_reply(kernel_name):
    """Seconds until the first kernel_info reply (the request waits in ZMQ's queue until the kernel binds)."""
    t0 = time.perf_counter()
    km, kc = launch(kernel_name)
    reply_to(kc, kc.kernel_info())
    t = time.perf_counter() - t0
    stop(km, kc)
    return t


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def median_ms(kc, send, rounds):
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        reply_to(kc, send())
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def drain_iopub(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.01)
        except Exception:
            return


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def idle_rss_mb(pid):
    """Waits until the process has used no CPU for IDLE_QUIET_S (background warm-ups done), then reads VmRSS."""
    deadline = time.monotonic() + IDLE_DEADLINE_S
    last, quiet_since = cpu_ticks(pid), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - quiet_since < IDLE_QUIET_S:
        time.sleep(0.25)  # sampling a process's CPU counter, not waiting for an event
        now = cpu_ticks(pid)
        if now - last > 1:  # a tick or two: heartbeat and timers
            quiet_since = time.monotonic()
        last = now
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS for pid %d" % pid)


def measure_starts(kernels):
    """Start figures per kernel, the kernels taking turns so that a noisy neighbour hits them alike."""
    figures = {name: {"start": [], "reply": [], "first": [], "rss": None} for name in kernels}
    for i in range(STARTS):
        for name in kernels:
            fig = figures[name]
            fig["reply"].append(first_reply(name))
            km, kc, s, f = start_as_client(name)
            fig["start"].append(s)
            fig["first"].append(f)
            if i == 0:
                fig["rss"] = idle_rss_mb(km.provisioner.process.pid)
            stop(km, kc)
    return figures


def measure_round_trips(kernel_name):
    km, kc = launch(kernel_name)
    kc.wait_for_ready(timeout=120)
    # warm the request paths, then measure
    median_ms(kc, kc.kernel_info, 50)
    median_ms(kc, lambda: kc.execute("1 + 1"), 20)
    drain_iopub(kc)
    info = median_ms(kc, kc.kernel_info, INFO_ROUNDS)
    execute = median_ms(kc, lambda: kc.execute("1 + 1"), EXEC_ROUNDS)
    stop(km, kc)
    return info, execute


def report(prefix, fig, info, execute):
    print(f"{prefix}.start.s {statistics.median(fig['start']):.3f} s", flush=True)
    print(f"{prefix}.first_reply.s {statistics.median(fig['reply']):.3f} s", flush=True)
    print(f"{prefix}.kernel_info_rtt.ms {info:.2f} ms", flush=True)
    print(f"{prefix}.execute_rtt.ms {execute:.2f} ms", flush=True)
    print(f"{prefix}.first_cell.s {statistics.median(fig['first']):.3f} s", flush=True)
    print(f"{prefix}.idle_rss.mb {fig['rss']:.0f} MB", flush=True)


if __name__ == "__main__":
    eddy = sys.argv[1] if len(sys.argv) > 1 else "eddy"
    figures = measure_starts([eddy, "python3"])
    report("kernel", figures[eddy], *measure_round_trips(eddy))
    report("ipykernel", figures["python3"], *measure_round_trips("python3"))
    ratio = statistics.median(figures[eddy]["start"]) / statistics.median(figures["python3"]["start"])
    print(f"kernel.start.ratio {ratio:.2f} x", flush=True)
