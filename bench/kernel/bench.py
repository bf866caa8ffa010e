"""Kernel latency benchmark: Eddy vs. ipykernel, measured with jupyter_client in the same run.

Prints one line per figure: "<figure> <value> <unit>" (PREFIX.start.s, PREFIX.kernel_info_rtt.ms,
PREFIX.execute_rtt.ms, PREFIX.first_cell.s) for PREFIX in kernel (Eddy) and ipykernel.
"""
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

STARTS = 3
INFO_ROUNDS = 200
EXEC_ROUNDS = 50


def reply_to(kc, msg_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        m = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if m["parent_header"].get("msg_id") == msg_id:
            return m


def start(kernel_name):
    """Returns (km, kc, seconds to first kernel_info_reply, seconds from then to the first cell's reply)."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # The request waits in ZMQ's queue until the kernel has bound its shell socket.
    reply_to(kc, kc.kernel_info())
    t1 = time.perf_counter()
    reply = reply_to(kc, kc.execute("1 + 1"))
    t2 = time.perf_counter()
    assert reply["content"]["status"] == "ok", reply["content"]
    return km, kc, t1 - t0, t2 - t1


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


def measure(kernel_name, prefix):
    starts, firsts = [], []
    for i in range(STARTS):
        km, kc, s, f = start(kernel_name)
        starts.append(s)
        firsts.append(f)
        if i < STARTS - 1:
            stop(km, kc)
    # warm the request paths, then measure on the last kernel
    median_ms(kc, kc.kernel_info, 50)
    median_ms(kc, lambda: kc.execute("1 + 1"), 20)
    drain_iopub(kc)
    info = median_ms(kc, kc.kernel_info, INFO_ROUNDS)
    execute = median_ms(kc, lambda: kc.execute("1 + 1"), EXEC_ROUNDS)
    stop(km, kc)
    print(f"{prefix}.start.s {statistics.median(starts):.3f} s", flush=True)
    print(f"{prefix}.kernel_info_rtt.ms {info:.2f} ms", flush=True)
    print(f"{prefix}.execute_rtt.ms {execute:.2f} ms", flush=True)
    print(f"{prefix}.first_cell.s {statistics.median(firsts):.3f} s", flush=True)


if __name__ == "__main__":
    measure(sys.argv[1] if len(sys.argv) > 1 else "eddy", "kernel")
    measure("python3", "ipykernel")
