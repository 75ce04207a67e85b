#!/usr/bin/env python3
"""Python `multiprocessing` baseline for the mp4j JMH benchmarks.

This is the side-by-side baseline for the Java library's JMH benchmarks.
Every workload that has a second party runs it in a real peer process (never
a thread); workloads 7 and 9 have no second party and run in the parent
alone. Only the standard library is used; it targets CPython 3.11. Nothing
is pinned to CPUs.

Usage
-----
    python3 bench_multiprocessing.py                      # full run, spawn, 5 reps
    python3 bench_multiprocessing.py --quick              # smoke run (small N, 2 reps)
    python3 bench_multiprocessing.py --start-method fork  # fork | spawn | forkserver
    python3 bench_multiprocessing.py --reps 7 --json out.json
    python3 bench_multiprocessing.py --only pipe_roundtrip_bytes,queue_1to1_int
    python3 bench_multiprocessing.py --only big_queue_to_child_200MB,big_pipe_round_trip_200MB

Methodology (shared by all workloads)
-------------------------------------
* The start method comes from ``multiprocessing.get_context(METHOD)``
  (default 'spawn'). The global default is never changed.
* Each workload first runs one warm-up (its result is thrown away), then
  ``--reps`` measured repetitions (default 5). The table shows the MEDIAN of
  the per-repetition values, plus the min and max. The machine is shared and
  noisy, so compare medians.
* Timestamps: ``time.perf_counter_ns()`` for timing inside one process and
  ``time.monotonic_ns()`` for timing across processes. On Linux both read
  CLOCK_MONOTONIC, which is the same clock for every process on the machine.
* The GC is left at its defaults. Queues are ``ctx.Queue()`` with the default
  maxsize=0 (unbounded). Pipes are ``ctx.Pipe(duplex=True)``.
* Start-up is excluded from the throughput workloads. Every worker process
  sets its own "ready" Event and then waits on one shared "start" Event. The
  parent waits until all ready Events are set, takes t0 and then sets start.
* The heavy modules (argparse, json, statistics, platform) are imported only
  inside main(). A 'spawn' or 'forkserver' child re-imports this file, and
  this keeps that import cheap.

Workloads (the constants they use are pinned right below this docstring)
------------------------------------------------------------------------
1. pipe_roundtrip_bytes  [unit: us per round trip, lower is better]
   A duplex Pipe to one echo child. The parent calls send_bytes(PAYLOAD_64),
   where PAYLOAD_64 is the 64 bytes 0x00..0x3F. The child calls recv_bytes()
   and send_bytes() with the same bytes, and the parent calls recv_bytes().
   One round trip = send + echoed reply received. Each round trip is timed
   on its own. A repetition's value is the MEDIAN round trip of
   PIPE_ROUNDTRIPS round trips. The same child serves the warm-up
   (PIPE_WARMUP_ROUNDTRIPS round trips) and all repetitions. Its start-up is
   not measured. An empty message stops the child. The JSON also holds each
   repetition's mean round trip.

2. pipe_roundtrip_object  [unit: us per round trip, lower is better]
   The same as 1, but the parent sends PAYLOAD_OBJ = (42, "hello", 3.14)
   with send() / recv(), which pickles it. The child echoes with
   recv() / send(). None stops the child.

3. queue_1to1_int  [unit: messages per second, higher is better]
   One ctx.Queue, one producer child, and the parent as the consumer. Each
   repetition starts a new producer. Once started, the producer puts the
   ints 0, 1, ..., N-1 in that order with q.put(i), where
   N = QUEUE_1TO1_INT_N. There is no sentinel. The parent calls q.get()
   exactly N times. Time = t0 (just before the start Event is set) to the
   moment the parent's N-th get() returns. Value = N / time. The parent
   checks that the last item is N-1. The warm-up run uses N // 10 items.

4. queue_1to1_1k  [unit: messages per second, higher is better]
   The same as 3. Each item is PAYLOAD_1K: 1024 bytes, byte k = k % 256. The
   same bytes object is put every time, and each put pickles it again in the
   queue's feeder thread. N = QUEUE_1TO1_1K_N.

5. queue_2to2_int, queue_2to2_1k  [unit: total messages per second, higher is better]
   One shared ctx.Queue with 2 producer children and 2 consumer children.
   Each repetition starts new processes. N_total = QUEUE_2TO2_INT_N (or
   QUEUE_2TO2_1K_N), so each producer puts N_total // 2 items (the ints
   0..N_total//2-1, or PAYLOAD_1K), then one sentinel (None). Each consumer
   calls get() in a loop and counts the non-None items. It stops at the first
   None it receives, so each consumer takes exactly one sentinel. Each
   producer puts its sentinel after all its own items, so every item comes
   before the last sentinel. When a consumer reaches its sentinel, it takes
   t_end with time.monotonic_ns() and reports (count, t_end) to the parent
   on a separate result queue. Time = t0 to max(t_end). Value =
   N_total / time. The parent checks that the two counts add up to
   N_total. The warm-up run uses N_total // 10 items.

6. process_start_join  [unit: ms, lower is better]
   Times ctx.Process(target=_noop).start() followed by .join(), where _noop
   is an empty function at module level. A repetition's value is the MEDIAN
   of PROCESS_RUNS start->join times. The warm-up is PROCESS_WARMUP_RUNS
   runs. With 'spawn', this includes starting a fresh interpreter and
   re-importing this file.

7. lock_uncontended, rlock_uncontended  [unit: ns per acquire+release, lower is better]
   In the parent alone: lock = ctx.Lock() (or ctx.RLock()). acquire and
   release are bound to locals first, then a tight loop
   ``for _ in range(N): acquire(); release()`` runs with N = LOCK_N, timed
   as a whole with time.perf_counter_ns(). Value = elapsed_ns / N, so the
   for-loop overhead is included. The warm-up is one full run of N.

8. locked_increments_2x100k  [unit: seconds, lower is better]
   v = ctx.Value('i', 0); its get_lock() is a ctx.RLock(). Two worker
   children; each sets its ready Event, waits on the shared start Event,
   then runs LOCKED_INCREMENTS times (per worker, 100_000)
   ``with v.get_lock(): v.value += 1`` -- written exactly like that, so each
   iteration calls get_lock(), and the v.value read and write each take the
   same RLock again (recursively, as the synchronized wrapper does). Right
   after its loop the worker takes t_end = time.monotonic_ns() and stores it
   in its slot of ends = ctx.Array('q', 2, lock=False), then exits. The
   parent takes t0 = time.monotonic_ns() just before setting start, joins
   both workers, and the value is (max(ends) - t0) / 1e9. The parent raises
   unless v.value == 2 * LOCKED_INCREMENTS (200_000). Start-up is excluded.
   Each repetition starts new workers and a new Value. The warm-up run uses
   LOCKED_INCREMENTS // 10 increments per worker.

9. shm_write_64mib, shm_read_64mib  [unit: GB/s, GB = 1e9 bytes, higher is better]
   In the parent alone: ``from multiprocessing import shared_memory``;
   shm = shared_memory.SharedMemory(create=True, size=SHM_SIZE), with
   SHM_SIZE = 64 MiB = 67_108_864 bytes. src = bytes(range(256)) *
   (SHM_SIZE // 256) is built once per workload; dst = bytearray(SHM_SIZE).
   write: ``shm.buf[:] = src``. read: ``memoryview(dst)[:] = shm.buf``
   (for read, shm.buf is filled from src once before the warm-up).
   Each copy is timed on its own with time.perf_counter_ns(). A
   repetition does SHM_COPIES copies one at a time, and its value =
   SHM_SIZE / 1e9 / (MEDIAN copy time in s). The warm-up is
   SHM_WARMUP_COPIES copies (it faults in the pages of shm and dst). At
   the end all memoryviews are released, then shm.close() and
   shm.unlink() run, so the resource_tracker has nothing to report.

10. event_wake_latency  [unit: us, lower is better]
   Events go and waiting = ctx.Event(), a one-way ctx.Pipe(duplex=False)
   for the reply. One child is started once and loops a fixed number of
   times (warm-up + reps * R, passed to it up front): waiting.set();
   go.wait(); t1 = time.monotonic_ns(); go.clear(); send(t1) on the pipe
   (conn.send, i.e. a pickled int). For each wake the parent waits for
   waiting, clears it, sleeps time.sleep(EVENT_PARK_S) (5 ms) so the child
   is surely parked in go.wait(), then takes t0 = time.monotonic_ns() and
   calls go.set(), then recv()s t1. Latency = (t1 - t0) / 1e3 us. A
   repetition's value is the MEDIAN of R = EVENT_WAKES wakes. The same
   child serves the warm-up (one run of R wakes) and all repetitions; its
   start-up is not measured. The JSON also holds each repetition's min,
   mean and p99.

Pool workloads (11-15) share this set-up. pool = ctx.Pool(POOL_WORKERS),
i.e. ctx.Pool(2) with no initializer and the default maxtasksperchild=None
(the Pool's own handler threads in the parent pickle and send the tasks and
receive the results; the workers are real processes).
The worker function is the module-level ``def _square(x): return x * x``;
the trivial task is the module-level ``def _one(): return 1``. Workloads
11-14 create ONE pool per workload, outside the timing; the same pool serves
the warm-up (one full-size run, which also absorbs the workers' start-up)
and all repetitions, and is then closed with pool.close(); pool.join(). Each
run is timed as a whole with time.perf_counter_ns() in the parent, one run
per repetition. Result checks happen after the clock stops.

11. pool_map_1m_chunk10000  [unit: s per map, lower is better]
   data = list(range(N)) with N = POOL_MAP_N (1_000_000), built once per
   workload, outside the timing. One run = ``out = pool.map(_square, data,
   chunksize=POOL_MAP_CHUNKSIZE)`` (10_000, so 100 chunks). Value = the
   seconds that call takes. The parent checks len(out) == N and that out[k]
   == k * k for k = 0, 1, N // 2 and N - 1.

12. pool_map_1m_default  [unit: s per map, lower is better]
   The same as 11, but ``pool.map(_square, data)`` with the default
   chunksize, which CPython computes as ceil(N / (4 * 2 workers)) =
   125_000 for N = 1_000_000, so 8 chunks (12_500 with --quick).

13. pool_apply_async_10k  [unit: us per task, lower is better]
   One run = ``rs = [pool.apply_async(_one) for _ in range(N)]``, then
   ``total = sum(r.get() for r in rs)`` (every .get() without a timeout),
   with N = POOL_APPLY_N (10_000). The clock covers the whole run: all
   submits and all gets. Value = run time / N, in us. The parent checks
   total == N.

14. pool_imap_unordered_100k_chunk1000  [unit: s per run, lower is better]
   One run = ``total = 0; for r in pool.imap_unordered(_square, range(N),
   chunksize=POOL_IMAP_CHUNKSIZE): total += r`` with N = POOL_IMAP_N
   (100_000) and chunksize 1_000 (100 chunks); the range is passed lazily.
   Value = the seconds that loop takes. The parent checks total ==
   sum(k * k for k < N) = (N - 1) * N * (2N - 1) / 6 (exact Python ints).

15. pool_create_to_first_result  [unit: ms, lower is better]
   One creation: t0 = time.perf_counter_ns(); pool = ctx.Pool(2);
   r = pool.apply(_one); t1 = time.perf_counter_ns(); then pool.close();
   pool.join() (not timed; the next creation starts only after the join).
   The parent checks r == 1. Time = (t1 - t0) / 1e6 ms. A repetition's value
   is the MEDIAN of POOL_CREATE_RUNS (5) creations. The warm-up is
   POOL_CREATE_WARMUP_RUNS (2) creations. With 'spawn' this includes
   starting at least one fresh interpreter that re-imports this file (apply
   returns as soon as the first worker has run the task; the second worker
   may still be starting). The JSON also holds each repetition's min, max
   and mean.

Big-message workloads (16-17) share this set-up. BIG_PAYLOAD =
bytes(range(256)) * (BIG_SIZE // 256), BIG_SIZE = 200 MiB = 209_715_200
bytes (byte k = k % 256), built once per workload, outside the timing. One
child is started once per workload and serves the warm-up (BIG_WARMUP_OPS =
1 operation, which also absorbs the child's start-up) and all repetitions.
A repetition is ONE operation, timed on its own with time.perf_counter_ns()
in the parent; its value is that time in ms (so the table's median is the
median operation). Each operation moves 200 MiB, so keep --reps modest.
The JSON also holds each repetition's MiB/s (MiB moved / time).

16. big_queue_to_child_200MB  [unit: ms per operation, lower is better]
   Two ctx.Queue()s, q and acks. One operation = q.put(BIG_PAYLOAD) (the
   feeder thread pickles it and writes it to the queue's pipe), then
   acks.get(): the child _big_taker does item = q.get() and acks.put(len(item)).
   The parent checks the acknowledged length == BIG_SIZE. None stops the child.

17. big_pipe_round_trip_200MB  [unit: ms per operation, lower is better]
   A duplex Pipe to one _echo_bytes child (as in workload 1). One operation =
   send_bytes(BIG_PAYLOAD), then recv_bytes() of the whole 200 MiB echoed
   back. send_bytes/recv_bytes (the raw bytes path, no pickling) matches mp4j's
   sendBytes/recvBytes of a byte[]. The parent checks the echo == BIG_PAYLOAD
   after the clock stops. An empty message stops the child.

--quick uses the *_QUICK constants and 2 repetitions (the big-message
workloads keep their 200 MiB and use the 2 repetitions).
"""

import multiprocessing as mp
import os
import sys
import time

# --------------------------------------------------------------------------
# Pinned constants: the Java side must use exactly these.
# --------------------------------------------------------------------------
PAYLOAD_64 = bytes(range(64))                            # 64 bytes 0x00..0x3F
PAYLOAD_OBJ = (42, "hello", 3.14)                        # small pickled object
PAYLOAD_1K = bytes(k % 256 for k in range(1024))         # 1 KiB, byte k = k % 256

PIPE_WARMUP_ROUNDTRIPS = 1_000
PIPE_ROUNDTRIPS = 5_000             # round trips per repetition (each timed)
QUEUE_1TO1_INT_N = 200_000
QUEUE_1TO1_1K_N = 50_000
QUEUE_2TO2_INT_N = 200_000          # total, over 2 producers (100_000 each)
QUEUE_2TO2_1K_N = 50_000            # total, over 2 producers (25_000 each)
PROCESS_WARMUP_RUNS = 3
PROCESS_RUNS = 20                   # start->join runs per repetition
LOCK_N = 2_000_000                  # acquire+release pairs per run
LOCKED_INCREMENTS = 100_000         # per worker (2 workers -> 200_000)
SHM_SIZE = 64 * 1024 * 1024         # 64 MiB
SHM_WARMUP_COPIES = 3
SHM_COPIES = 10                     # copies per repetition (each timed)
EVENT_WAKES = 200                   # wakes per repetition (each timed)
EVENT_PARK_S = 0.005                # sleep before go.set() so the waiter is parked
POOL_WORKERS = 2                    # ctx.Pool(2) in every pool workload
POOL_MAP_N = 1_000_000              # len(data) for pool.map
POOL_MAP_CHUNKSIZE = 10_000         # pool_map_1m_chunk10000 (default one: ceil(N / 8))
POOL_APPLY_N = 10_000               # apply_async tasks per run
POOL_IMAP_N = 100_000               # imap_unordered inputs per run
POOL_IMAP_CHUNKSIZE = 1_000
POOL_CREATE_WARMUP_RUNS = 2
POOL_CREATE_RUNS = 5                # Pool creations per repetition (median taken)
BIG_SIZE = 200 * 1024 * 1024        # 200 MiB, one message of the big-message workloads
BIG_WARMUP_OPS = 1                  # warm-up operations (also absorb the child's start-up)
DEFAULT_REPS = 5

# --quick (smoke test) values
PIPE_WARMUP_ROUNDTRIPS_QUICK = 200
PIPE_ROUNDTRIPS_QUICK = 2_000
QUEUE_1TO1_INT_N_QUICK = 20_000
QUEUE_1TO1_1K_N_QUICK = 5_000
QUEUE_2TO2_INT_N_QUICK = 20_000
QUEUE_2TO2_1K_N_QUICK = 5_000
PROCESS_WARMUP_RUNS_QUICK = 1
PROCESS_RUNS_QUICK = 5
LOCK_N_QUICK = 200_000
EVENT_WAKES_QUICK = 20
POOL_MAP_N_QUICK = 100_000
POOL_APPLY_N_QUICK = 1_000
POOL_IMAP_N_QUICK = 10_000
POOL_CREATE_WARMUP_RUNS_QUICK = 1
POOL_CREATE_RUNS_QUICK = 3
QUICK_REPS = 2

READY_TIMEOUT_S = 60.0              # safety timeout for child start-up / results

WORKLOADS = [
    "pipe_roundtrip_bytes",
    "pipe_roundtrip_object",
    "queue_1to1_int",
    "queue_1to1_1k",
    "queue_2to2_int",
    "queue_2to2_1k",
    "process_start_join",
    "lock_uncontended",
    "rlock_uncontended",
    "locked_increments_2x100k",
    "shm_write_64mib",
    "shm_read_64mib",
    "event_wake_latency",
    "pool_map_1m_chunk10000",
    "pool_map_1m_default",
    "pool_apply_async_10k",
    "pool_imap_unordered_100k_chunk1000",
    "pool_create_to_first_result",
    "big_queue_to_child_200MB",
    "big_pipe_round_trip_200MB",
    "manager_dict_put",
    "manager_dict_get",
    "manager_method_call",
    "listener_client_roundtrip",
]

MANAGER_WARMUP_OPS = 2_000
MANAGER_OPS = 20_000                # ops per repetition (timed as a whole: mean us/op)
MANAGER_OPS_QUICK = 2_000


# --------------------------------------------------------------------------
# Child-process targets (module level so 'spawn'/'forkserver' can pickle them)
# --------------------------------------------------------------------------
def _noop():
    pass


def _echo_bytes(conn):
    recv, send = conn.recv_bytes, conn.send_bytes
    while True:
        m = recv()
        if not m:              # empty message = stop
            break
        send(m)
    conn.close()


def _echo_object(conn):
    recv, send = conn.recv, conn.send
    while True:
        o = recv()
        if o is None:          # None = stop
            break
        send(o)
    conn.close()


def _producer(q, kind, n, sentinel, ready, start):
    ready.set()
    start.wait()
    put = q.put
    if kind == "int":
        for i in range(n):
            put(i)
    else:
        item = PAYLOAD_1K
        for _ in range(n):
            put(item)
    if sentinel:
        put(None)
    # At exit the Queue's finalizer joins the feeder thread, so everything is flushed.


def _consumer(q, results, cid, ready):
    get = q.get
    count = 0
    ready.set()
    while True:
        item = get()
        if item is None:
            break
        count += 1
    t_end = time.monotonic_ns()
    results.put((cid, count, t_end))


def _locked_incrementer(v, n, ends, idx, ready, start):
    ready.set()
    start.wait()
    for _ in range(n):
        with v.get_lock():
            v.value += 1
    ends[idx] = time.monotonic_ns()


def _square(x):
    return x * x


def _one():
    return 1


def _event_waiter(go, waiting, conn, total):
    now = time.monotonic_ns
    for _ in range(total):
        waiting.set()
        go.wait()
        t1 = now()
        go.clear()
        conn.send(t1)
    conn.close()


def _big_taker(q, acks):
    get, put = q.get, acks.put
    while True:
        item = get()
        if item is None:       # None = stop
            break
        put(len(item))
    # At exit the acks Queue's finalizer joins its feeder thread, so the last ack is flushed.


# --------------------------------------------------------------------------
# Workload drivers. Each returns (rep_values, extra_per_rep).
# --------------------------------------------------------------------------
def _wait_all(events, what):
    deadline = time.monotonic() + READY_TIMEOUT_S
    for ev in events:
        if not ev.wait(max(0.0, deadline - time.monotonic())):
            raise RuntimeError(f"{what}: child did not become ready in time")


class _Counter:
    """A user's object served by a manager: manager_method_call calls add()."""

    def __init__(self):
        self.n = 0

    def add(self, k):
        self.n += k
        return self.n


from multiprocessing.managers import BaseManager  # noqa: E402


class _CounterManager(BaseManager):
    pass


_CounterManager.register("Counter", _Counter)


def bench_manager(ctx, op, warmup, n, reps):
    """Managed dict put/get, or a method call on a registered object, from this process to the manager's."""
    if op == "call":
        m = _CounterManager(ctx=ctx)
        m.start()
        counter = m.Counter()

        def one(i):
            counter.add(1)
    else:
        m = ctx.Manager()
        d = m.dict()
        d["k"] = 0
        if op == "put":
            def one(i):
                d["k"] = i
        else:
            def one(i):
                return d["k"]
    pc = time.perf_counter_ns
    try:
        for i in range(warmup):
            one(i)
        values = []
        for _ in range(reps):
            t = pc()
            for i in range(n):
                one(i)
            values.append((pc() - t) / n / 1e3)
        return values, [{"mean_us": v} for v in values]
    finally:
        m.shutdown()


def _echo_client(address, authkey):
    from multiprocessing.connection import Client
    with Client(address, authkey=authkey) as conn:
        while True:
            m = conn.recv_bytes()
            if not m:
                return
            conn.send_bytes(m)


def bench_listener(ctx, warmup, roundtrips, reps):
    """Listener/Client: a 64-byte round trip over TCP on localhost to an echoing client process."""
    from multiprocessing.connection import Listener
    key = os.urandom(32)
    with Listener(("127.0.0.1", 0), authkey=key) as listener:
        p = ctx.Process(target=_echo_client, args=(listener.address, key), daemon=True)
        p.start()
        with listener.accept() as conn:
            pc = time.perf_counter_ns
            try:
                for _ in range(warmup):
                    conn.send_bytes(PAYLOAD_64)
                    conn.recv_bytes()
                values, extras = [], []
                for _ in range(reps):
                    samples = [0] * roundtrips
                    for i in range(roundtrips):
                        t = pc()
                        conn.send_bytes(PAYLOAD_64)
                        r = conn.recv_bytes()
                        samples[i] = pc() - t
                    if r != PAYLOAD_64:
                        raise AssertionError("echo mismatch")
                    samples.sort()
                    median_us = _median_sorted(samples) / 1e3
                    values.append(median_us)
                    extras.append({"median_us": median_us, "min_us": samples[0] / 1e3})
                return values, extras
            finally:
                conn.send_bytes(b"")
                p.join(10)
                if p.is_alive():
                    p.terminate()
                    p.join()


def bench_pipe(ctx, mode, warmup, roundtrips, reps):
    parent, child = ctx.Pipe(duplex=True)
    target = _echo_bytes if mode == "bytes" else _echo_object
    p = ctx.Process(target=target, args=(child,), daemon=True)
    p.start()
    child.close()
    if mode == "bytes":
        send, recv, payload, stop = parent.send_bytes, parent.recv_bytes, PAYLOAD_64, b""
    else:
        send, recv, payload, stop = parent.send, parent.recv, PAYLOAD_OBJ, None
    pc = time.perf_counter_ns
    try:
        for _ in range(warmup):
            send(payload)
            recv()
        values, extras = [], []
        for _ in range(reps):
            samples = [0] * roundtrips
            t_start = pc()
            for i in range(roundtrips):
                t = pc()
                send(payload)
                r = recv()
                samples[i] = pc() - t
            t_total = pc() - t_start
            if r != payload:
                raise AssertionError(f"echo mismatch: {r!r}")
            samples.sort()
            median_us = _median_sorted(samples) / 1e3
            values.append(median_us)
            extras.append({
                "median_us": median_us,
                "mean_us": t_total / roundtrips / 1e3,
                "p99_us": samples[int(0.99 * (roundtrips - 1))] / 1e3,
                "min_us": samples[0] / 1e3,
            })
        return values, extras
    finally:
        send(stop)
        p.join(10)
        if p.is_alive():
            p.terminate()
            p.join()
        parent.close()


def _run_queue_1to1(ctx, kind, n):
    q = ctx.Queue()
    ready, start = ctx.Event(), ctx.Event()
    p = ctx.Process(target=_producer, args=(q, kind, n, False, ready, start), daemon=True)
    p.start()
    _wait_all([ready], "queue_1to1")
    get = q.get
    item = None
    t0 = time.monotonic_ns()
    start.set()
    for _ in range(n):
        item = get()
    t1 = time.monotonic_ns()
    p.join(READY_TIMEOUT_S)
    if p.exitcode != 0:
        raise RuntimeError(f"producer exit code {p.exitcode}")
    if kind == "int" and item != n - 1:
        raise AssertionError(f"last item {item!r} != {n - 1}")
    if kind == "1k" and item != PAYLOAD_1K:
        raise AssertionError("1k payload mismatch")
    q.close()
    q.join_thread()
    secs = (t1 - t0) / 1e9
    return n / secs, {"n": n, "seconds": secs}


def _run_queue_2to2(ctx, kind, n_total):
    per_producer = n_total // 2
    q = ctx.Queue()
    results = ctx.Queue()
    start = ctx.Event()
    ready = [ctx.Event() for _ in range(4)]
    consumers = [ctx.Process(target=_consumer, args=(q, results, c, ready[c]), daemon=True)
                 for c in range(2)]
    producers = [ctx.Process(target=_producer,
                             args=(q, kind, per_producer, True, ready[2 + k], start), daemon=True)
                 for k in range(2)]
    procs = consumers + producers
    for p in procs:
        p.start()
    _wait_all(ready, "queue_2to2")
    t0 = time.monotonic_ns()
    start.set()
    res = [results.get(timeout=READY_TIMEOUT_S + n_total / 1000) for _ in range(2)]
    for p in procs:
        p.join(READY_TIMEOUT_S)
        if p.exitcode != 0:
            raise RuntimeError(f"worker exit code {p.exitcode}")
    counts = sorted((cid, cnt) for cid, cnt, _ in res)
    total = sum(cnt for _, cnt in counts)
    if total != 2 * per_producer:
        raise AssertionError(f"consumed {total} != {2 * per_producer}")
    t_end = max(t for _, _, t in res)
    secs = (t_end - t0) / 1e9
    return total / secs, {"n": total, "seconds": secs,
                          "per_consumer_counts": [c for _, c in counts]}


def bench_queue(ctx, shape, kind, n, reps):
    run = _run_queue_1to1 if shape == "1to1" else _run_queue_2to2
    run(ctx, kind, max(2, n // 10))            # warm-up, discarded
    values, extras = [], []
    for _ in range(reps):
        v, ex = run(ctx, kind, n)
        values.append(v)
        extras.append(ex)
    return values, extras


def bench_process(ctx, warmup, runs, reps):
    pc = time.perf_counter_ns

    def one():
        p = ctx.Process(target=_noop)
        t = pc()
        p.start()
        p.join()
        dt = pc() - t
        if p.exitcode != 0:
            raise RuntimeError(f"exit code {p.exitcode}")
        return dt

    return _repeat_runs(one, warmup, runs, reps)


def bench_lock(ctx, kind, n, reps):
    lock = ctx.Lock() if kind == "lock" else ctx.RLock()
    acquire, release = lock.acquire, lock.release
    pc = time.perf_counter_ns

    def one():
        t = pc()
        for _ in range(n):
            acquire()
            release()
        return (pc() - t) / n

    one()                                      # warm-up, discarded
    values = [one() for _ in range(reps)]
    return values, [{"n": n, "ns_per_op": v} for v in values]


def _run_locked_increments(ctx, n):
    v = ctx.Value("i", 0)
    ends = ctx.Array("q", 2, lock=False)
    start = ctx.Event()
    ready = [ctx.Event() for _ in range(2)]
    procs = [ctx.Process(target=_locked_incrementer,
                         args=(v, n, ends, k, ready[k], start), daemon=True)
             for k in range(2)]
    for p in procs:
        p.start()
    _wait_all(ready, "locked_increments")
    t0 = time.monotonic_ns()
    start.set()
    for p in procs:
        p.join(READY_TIMEOUT_S + n / 1000)
        if p.exitcode != 0:
            raise RuntimeError(f"worker exit code {p.exitcode}")
    secs = (max(ends[:]) - t0) / 1e9
    if v.value != 2 * n:
        raise AssertionError(f"v.value {v.value} != {2 * n}")
    return secs, {"n_per_worker": n, "final_value": v.value, "seconds": secs}


def bench_locked_increments(ctx, n, reps):
    _run_locked_increments(ctx, max(1, n // 10))   # warm-up, discarded
    values, extras = [], []
    for _ in range(reps):
        v, ex = _run_locked_increments(ctx, n)
        values.append(v)
        extras.append(ex)
    return values, extras


def bench_shm(direction, warmup, copies, reps):
    from multiprocessing import shared_memory

    size = SHM_SIZE
    src = bytes(range(256)) * (size // 256)
    dst = bytearray(size)
    shm = shared_memory.SharedMemory(create=True, size=size)
    pc = time.perf_counter_ns
    dview = None
    try:
        buf = shm.buf
        dview = memoryview(dst)
        if direction == "write":
            def copy():
                buf[:] = src
        else:
            buf[:] = src                           # fill once so there is data to read

            def copy():
                dview[:] = buf

        def one():
            t = pc()
            copy()
            return pc() - t

        for _ in range(warmup):
            one()
        if direction == "read" and bytes(dview[:256]) != src[:256]:
            raise AssertionError("shm read mismatch")
        values, extras = [], []
        for _ in range(reps):
            samples = sorted(one() for _ in range(copies))
            med_s = _median_sorted(samples) / 1e9
            gbps = size / 1e9 / med_s
            values.append(gbps)
            extras.append({"median_copy_ms": med_s * 1e3,
                           "min_copy_ms": samples[0] / 1e6,
                           "max_copy_ms": samples[-1] / 1e6,
                           "best_gbps": size / samples[0]})
        if direction == "write" and bytes(buf[-256:]) != src[-256:]:
            raise AssertionError("shm write mismatch")
        return values, extras
    finally:
        # close() fails with BufferError while views of shm.buf exist: drop ours first.
        copy = one = None
        buf = None
        if dview is not None:
            dview.release()
        shm.close()
        shm.unlink()                           # also unregisters from the resource_tracker


def bench_event_wake(ctx, wakes, reps):
    go, waiting = ctx.Event(), ctx.Event()
    r_conn, w_conn = ctx.Pipe(duplex=False)
    total = wakes * (1 + reps)                 # warm-up + reps, served by one child
    p = ctx.Process(target=_event_waiter, args=(go, waiting, w_conn, total), daemon=True)
    p.start()
    w_conn.close()
    now = time.monotonic_ns
    sleep = time.sleep
    recv = r_conn.recv

    def one():
        if not waiting.wait(READY_TIMEOUT_S):
            raise RuntimeError("event_wake_latency: child did not reach go.wait() in time")
        waiting.clear()
        sleep(EVENT_PARK_S)
        t0 = now()
        go.set()
        t1 = recv()
        return t1 - t0

    try:
        for _ in range(wakes):
            one()                              # warm-up, discarded
        values, extras = [], []
        for _ in range(reps):
            samples = sorted(one() for _ in range(wakes))
            med_us = _median_sorted(samples) / 1e3
            values.append(med_us)
            extras.append({"median_us": med_us, "min_us": samples[0] / 1e3,
                           "p99_us": samples[int(0.99 * (wakes - 1))] / 1e3,
                           "mean_us": sum(samples) / wakes / 1e3})
        p.join(READY_TIMEOUT_S)
        if p.exitcode != 0:
            raise RuntimeError(f"waiter exit code {p.exitcode}")
        return values, extras
    finally:
        if p.is_alive():
            p.terminate()
            p.join()
        r_conn.close()


def _big_values(one, warmup, reps, moved):
    """Calls one() warmup times, then reps times; each rep's value is one call's ns, in ms."""
    for _ in range(warmup):
        one()                                  # warm-up, discarded
    values, extras = [], []
    for _ in range(reps):
        dt = one()
        ms = dt / 1e6
        values.append(ms)
        extras.append({"ms": ms, "mib_moved": moved / 2**20,
                       "mib_per_s": moved / 2**20 / (dt / 1e9)})
    return values, extras


def bench_big_queue(ctx, warmup, reps):
    payload = bytes(range(256)) * (BIG_SIZE // 256)    # built once, outside the timing
    q, acks = ctx.Queue(), ctx.Queue()
    p = ctx.Process(target=_big_taker, args=(q, acks), daemon=True)
    p.start()
    pc = time.perf_counter_ns
    put, get = q.put, acks.get

    def one():
        t = pc()
        put(payload)
        n = get(timeout=READY_TIMEOUT_S)
        dt = pc() - t
        if n != BIG_SIZE:
            raise AssertionError(f"the child took {n} bytes, not {BIG_SIZE}")
        return dt

    ok = False
    try:
        out = _big_values(one, warmup, reps, BIG_SIZE)
        ok = True
        return out
    finally:
        if ok:
            put(None)
            p.join(READY_TIMEOUT_S)
        if p.is_alive():
            p.terminate()
            p.join()
        for qq in (q, acks):
            qq.close()
            if ok:
                qq.join_thread()
            else:
                qq.cancel_join_thread()        # a dead child may have left the pipe full
        if ok and p.exitcode != 0:
            raise RuntimeError(f"taker exit code {p.exitcode}")


def bench_big_pipe(ctx, warmup, reps):
    payload = bytes(range(256)) * (BIG_SIZE // 256)    # built once, outside the timing
    parent, child = ctx.Pipe(duplex=True)
    p = ctx.Process(target=_echo_bytes, args=(child,), daemon=True)
    p.start()
    child.close()
    pc = time.perf_counter_ns
    # send_bytes/recv_bytes, not send/recv: the raw bytes path, as mp4j's sendBytes/recvBytes of a byte[]
    # (send() would pickle the 200 MiB bytes into one more copy first).
    send, recv = parent.send_bytes, parent.recv_bytes

    def one():
        t = pc()
        send(payload)
        r = recv()
        dt = pc() - t
        if r != payload:                       # checked after the clock stops
            raise AssertionError(f"echo mismatch: {len(r)} bytes back of {len(payload)}")
        return dt

    try:
        return _big_values(one, warmup, reps, 2 * BIG_SIZE)
    finally:
        try:
            send(b"")
        except OSError:
            pass                               # the child is gone already
        p.join(READY_TIMEOUT_S)
        if p.is_alive():
            p.terminate()
            p.join()
        parent.close()


def _close_pool(pool, ok):
    if ok:
        pool.close()
    else:
        pool.terminate()                       # a failed run may have tasks in flight
    pool.join()


def _with_pool(ctx, fn):
    """Run fn(pool) on one ctx.Pool(POOL_WORKERS); close+join it after (terminate on error)."""
    pool = ctx.Pool(POOL_WORKERS)
    ok = False
    try:
        out = fn(pool)
        ok = True
        return out
    finally:
        _close_pool(pool, ok)


def bench_pool_map(ctx, n, chunksize, reps):
    data = list(range(n))                      # built once, outside the timing
    pc = time.perf_counter_ns
    # What CPython's Pool.map picks when chunksize is None (reported only).
    eff_chunk = chunksize if chunksize is not None else -(-n // (POOL_WORKERS * 4))

    def one(pool):
        t = pc()
        if chunksize is None:
            out = pool.map(_square, data)
        else:
            out = pool.map(_square, data, chunksize=chunksize)
        dt = pc() - t
        if len(out) != n:
            raise AssertionError(f"map returned {len(out)} items, expected {n}")
        for k in (0, 1, n // 2, n - 1):
            if out[k] != k * k:
                raise AssertionError(f"map out[{k}] = {out[k]!r} != {k * k}")
        return dt / 1e9

    def run(pool):
        one(pool)                              # warm-up, discarded
        values = [one(pool) for _ in range(reps)]
        return values, [{"n": n, "chunksize": eff_chunk, "seconds": v} for v in values]

    return _with_pool(ctx, run)


def bench_pool_apply_async(ctx, n, reps):
    pc = time.perf_counter_ns

    def one(pool):
        apply_async = pool.apply_async
        t = pc()
        rs = [apply_async(_one) for _ in range(n)]
        total = sum(r.get() for r in rs)
        dt = pc() - t
        if total != n:
            raise AssertionError(f"apply_async sum {total} != {n}")
        return dt

    def run(pool):
        one(pool)                              # warm-up, discarded
        values, extras = [], []
        for _ in range(reps):
            dt = one(pool)
            us = dt / n / 1e3
            values.append(us)
            extras.append({"n": n, "total_s": dt / 1e9, "us_per_task": us})
        return values, extras

    return _with_pool(ctx, run)


def bench_pool_imap_unordered(ctx, n, chunksize, reps):
    pc = time.perf_counter_ns
    expected = (n - 1) * n * (2 * n - 1) // 6  # sum of k*k for k in range(n)

    def one(pool):
        t = pc()
        total = 0
        for r in pool.imap_unordered(_square, range(n), chunksize=chunksize):
            total += r
        dt = pc() - t
        if total != expected:
            raise AssertionError(f"imap_unordered sum {total} != {expected}")
        return dt / 1e9

    def run(pool):
        one(pool)                              # warm-up, discarded
        values = [one(pool) for _ in range(reps)]
        return values, [{"n": n, "chunksize": chunksize, "seconds": v} for v in values]

    return _with_pool(ctx, run)


def bench_pool_create(ctx, warmup, runs, reps):
    pc = time.perf_counter_ns

    def one():
        ok = False
        t0 = pc()
        pool = ctx.Pool(POOL_WORKERS)
        try:
            r = pool.apply(_one)
            t1 = pc()
            ok = True
        finally:
            _close_pool(pool, ok)              # not timed
        if r != 1:
            raise AssertionError(f"apply(_one) returned {r!r}")
        return t1 - t0

    return _repeat_runs(one, warmup, runs, reps)


def _repeat_runs(one, warmup, runs, reps):
    """Calls one() warmup times, then reps times runs times; each rep's value is its median, in ms.

    one() returns nanoseconds. The extras keep each rep's median, min, max and mean.
    """
    for _ in range(warmup):
        one()
    values, extras = [], []
    for _ in range(reps):
        samples = sorted(one() for _ in range(runs))
        med_ms = _median_sorted(samples) / 1e6
        values.append(med_ms)
        extras.append({"median_ms": med_ms, "min_ms": samples[0] / 1e6,
                       "max_ms": samples[-1] / 1e6,
                       "mean_ms": sum(samples) / len(samples) / 1e6})
    return values, extras


def _median_sorted(s):
    n = len(s)
    m = n // 2
    return s[m] if n % 2 else (s[m - 1] + s[m]) / 2


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------
def main(argv=None):
    import argparse
    import json
    import platform
    import statistics

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--start-method", choices=["fork", "spawn", "forkserver"], default="spawn")
    ap.add_argument("--reps", type=int, default=None,
                    help=f"measured repetitions per workload (default {DEFAULT_REPS}, "
                         f"--quick: {QUICK_REPS})")
    ap.add_argument("--quick", action="store_true", help="fast smoke run: small N, 2 reps")
    ap.add_argument("--only", default=None,
                    help="comma-separated subset of: " + ",".join(WORKLOADS))
    ap.add_argument("--json", metavar="PATH", default=None, help="also write results as JSON")
    args = ap.parse_args(argv)

    selected = WORKLOADS
    if args.only:
        selected = [w.strip() for w in args.only.split(",") if w.strip()]
        bad = [w for w in selected if w not in WORKLOADS]
        if bad:
            ap.error(f"unknown workload(s): {', '.join(bad)}; choose from {', '.join(WORKLOADS)}")
    reps = args.reps if args.reps is not None else (QUICK_REPS if args.quick else DEFAULT_REPS)
    if reps < 1:
        ap.error("--reps must be >= 1")

    q = args.quick
    cfg = {
        "pipe_warmup_roundtrips": PIPE_WARMUP_ROUNDTRIPS_QUICK if q else PIPE_WARMUP_ROUNDTRIPS,
        "pipe_roundtrips": PIPE_ROUNDTRIPS_QUICK if q else PIPE_ROUNDTRIPS,
        "queue_1to1_int_n": QUEUE_1TO1_INT_N_QUICK if q else QUEUE_1TO1_INT_N,
        "queue_1to1_1k_n": QUEUE_1TO1_1K_N_QUICK if q else QUEUE_1TO1_1K_N,
        "queue_2to2_int_n": QUEUE_2TO2_INT_N_QUICK if q else QUEUE_2TO2_INT_N,
        "queue_2to2_1k_n": QUEUE_2TO2_1K_N_QUICK if q else QUEUE_2TO2_1K_N,
        "process_warmup_runs": PROCESS_WARMUP_RUNS_QUICK if q else PROCESS_WARMUP_RUNS,
        "process_runs": PROCESS_RUNS_QUICK if q else PROCESS_RUNS,
        "lock_n": LOCK_N_QUICK if q else LOCK_N,
        "locked_increments": LOCKED_INCREMENTS,
        "shm_size": SHM_SIZE,
        "shm_warmup_copies": SHM_WARMUP_COPIES,
        "shm_copies": SHM_COPIES,
        "event_wakes": EVENT_WAKES_QUICK if q else EVENT_WAKES,
        "event_park_s": EVENT_PARK_S,
        "pool_workers": POOL_WORKERS,
        "pool_map_n": POOL_MAP_N_QUICK if q else POOL_MAP_N,
        "pool_map_chunksize": POOL_MAP_CHUNKSIZE,
        "pool_apply_n": POOL_APPLY_N_QUICK if q else POOL_APPLY_N,
        "pool_imap_n": POOL_IMAP_N_QUICK if q else POOL_IMAP_N,
        "pool_imap_chunksize": POOL_IMAP_CHUNKSIZE,
        "pool_create_warmup_runs": POOL_CREATE_WARMUP_RUNS_QUICK if q else POOL_CREATE_WARMUP_RUNS,
        "pool_create_runs": POOL_CREATE_RUNS_QUICK if q else POOL_CREATE_RUNS,
        "big_size": BIG_SIZE,
        "big_warmup_ops": BIG_WARMUP_OPS,
        "manager_warmup_ops": MANAGER_WARMUP_OPS,
        "manager_ops": MANAGER_OPS_QUICK if q else MANAGER_OPS,
    }

    ctx = mp.get_context(args.start_method)
    specs = {
        "manager_dict_put": ("us/op", "lower",
                             lambda: bench_manager(ctx, "put", cfg["manager_warmup_ops"], cfg["manager_ops"], reps),
                             f"d['k'] = i, {cfg['manager_ops']} ops/rep, mean"),
        "manager_dict_get": ("us/op", "lower",
                             lambda: bench_manager(ctx, "get", cfg["manager_warmup_ops"], cfg["manager_ops"], reps),
                             f"d['k'], {cfg['manager_ops']} ops/rep, mean"),
        "manager_method_call": ("us/op", "lower",
                                lambda: bench_manager(ctx, "call", cfg["manager_warmup_ops"], cfg["manager_ops"],
                                                      reps),
                                f"counter.add(1) on a registered object, {cfg['manager_ops']} ops/rep, mean"),
        "listener_client_roundtrip": ("us/roundtrip", "lower",
                                      lambda: bench_listener(ctx, cfg["pipe_warmup_roundtrips"],
                                                             cfg["pipe_roundtrips"], reps),
                                      f"64 B over TCP localhost, {cfg['pipe_roundtrips']} rt/rep, median"),
        "pipe_roundtrip_bytes": ("us/roundtrip", "lower",
                                 lambda: bench_pipe(ctx, "bytes", cfg["pipe_warmup_roundtrips"],
                                                    cfg["pipe_roundtrips"], reps),
                                 f"64 B, {cfg['pipe_roundtrips']} rt/rep"),
        "pipe_roundtrip_object": ("us/roundtrip", "lower",
                                  lambda: bench_pipe(ctx, "object", cfg["pipe_warmup_roundtrips"],
                                                     cfg["pipe_roundtrips"], reps),
                                  f"(42,'hello',3.14), {cfg['pipe_roundtrips']} rt/rep"),
        "queue_1to1_int": ("msg/s", "higher",
                           lambda: bench_queue(ctx, "1to1", "int", cfg["queue_1to1_int_n"], reps),
                           f"N={cfg['queue_1to1_int_n']}"),
        "queue_1to1_1k": ("msg/s", "higher",
                          lambda: bench_queue(ctx, "1to1", "1k", cfg["queue_1to1_1k_n"], reps),
                          f"N={cfg['queue_1to1_1k_n']}, 1024 B"),
        "queue_2to2_int": ("msg/s", "higher",
                           lambda: bench_queue(ctx, "2to2", "int", cfg["queue_2to2_int_n"], reps),
                           f"N={cfg['queue_2to2_int_n']} total"),
        "queue_2to2_1k": ("msg/s", "higher",
                          lambda: bench_queue(ctx, "2to2", "1k", cfg["queue_2to2_1k_n"], reps),
                          f"N={cfg['queue_2to2_1k_n']} total, 1024 B"),
        "process_start_join": ("ms", "lower",
                               lambda: bench_process(ctx, cfg["process_warmup_runs"],
                                                     cfg["process_runs"], reps),
                               f"{cfg['process_runs']} runs/rep"),
        "lock_uncontended": ("ns/op", "lower",
                             lambda: bench_lock(ctx, "lock", cfg["lock_n"], reps),
                             f"N={cfg['lock_n']} acquire+release"),
        "rlock_uncontended": ("ns/op", "lower",
                              lambda: bench_lock(ctx, "rlock", cfg["lock_n"], reps),
                              f"N={cfg['lock_n']} acquire+release"),
        "locked_increments_2x100k": ("s", "lower",
                                     lambda: bench_locked_increments(
                                         ctx, cfg["locked_increments"], reps),
                                     f"2 workers x {cfg['locked_increments']}"),
        "shm_write_64mib": ("GB/s", "higher",
                            lambda: bench_shm("write", cfg["shm_warmup_copies"],
                                              cfg["shm_copies"], reps),
                            f"64 MiB, {cfg['shm_copies']} copies/rep"),
        "shm_read_64mib": ("GB/s", "higher",
                           lambda: bench_shm("read", cfg["shm_warmup_copies"],
                                             cfg["shm_copies"], reps),
                           f"64 MiB, {cfg['shm_copies']} copies/rep"),
        "event_wake_latency": ("us", "lower",
                               lambda: bench_event_wake(ctx, cfg["event_wakes"], reps),
                               f"{cfg['event_wakes']} wakes/rep"),
        "pool_map_1m_chunk10000": ("s", "lower",
                                   lambda: bench_pool_map(ctx, cfg["pool_map_n"],
                                                          cfg["pool_map_chunksize"], reps),
                                   f"Pool(2), N={cfg['pool_map_n']}, "
                                   f"chunksize={cfg['pool_map_chunksize']}"),
        "pool_map_1m_default": ("s", "lower",
                                lambda: bench_pool_map(ctx, cfg["pool_map_n"], None, reps),
                                f"Pool(2), N={cfg['pool_map_n']}, chunksize=default "
                                f"({-(-cfg['pool_map_n'] // (cfg['pool_workers'] * 4))})"),
        "pool_apply_async_10k": ("us/task", "lower",
                                 lambda: bench_pool_apply_async(ctx, cfg["pool_apply_n"], reps),
                                 f"Pool(2), N={cfg['pool_apply_n']} apply_async+get"),
        "pool_imap_unordered_100k_chunk1000": ("s", "lower",
                                               lambda: bench_pool_imap_unordered(
                                                   ctx, cfg["pool_imap_n"],
                                                   cfg["pool_imap_chunksize"], reps),
                                               f"Pool(2), N={cfg['pool_imap_n']}, "
                                               f"chunksize={cfg['pool_imap_chunksize']}"),
        "pool_create_to_first_result": ("ms", "lower",
                                        lambda: bench_pool_create(
                                            ctx, cfg["pool_create_warmup_runs"],
                                            cfg["pool_create_runs"], reps),
                                        f"Pool(2)+apply(_one), "
                                        f"{cfg['pool_create_runs']} creations/rep"),
        "big_queue_to_child_200MB": ("ms", "lower",
                                     lambda: bench_big_queue(ctx, cfg["big_warmup_ops"], reps),
                                     f"{cfg['big_size']} B put + len ack, 1 op/rep"),
        "big_pipe_round_trip_200MB": ("ms", "lower",
                                      lambda: bench_big_pipe(ctx, cfg["big_warmup_ops"], reps),
                                      f"{cfg['big_size']} B send_bytes + echo recv_bytes, 1 op/rep"),
    }

    try:
        load_before = os.getloadavg()
    except OSError:
        load_before = None
    print(f"# Python {platform.python_version()} ({platform.python_implementation()}) "
          f"on {platform.platform()}, nproc={os.cpu_count()}, "
          f"start_method={args.start_method}, reps={reps}, quick={args.quick}", flush=True)
    if load_before:
        print(f"# loadavg at start: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}",
              flush=True)

    results = {}
    t_all = time.perf_counter()
    for name in selected:
        unit, better, fn, params = specs[name]
        t = time.perf_counter()
        print(f"  running {name} ...", end="", flush=True)
        values, extras = fn()
        el = time.perf_counter() - t
        med = statistics.median(values)
        print(f" median {_fmt(med, unit)} {unit} ({el:.1f}s)", flush=True)
        results[name] = {
            "unit": unit, "better": better, "params": params,
            "median": med, "min": min(values), "max": max(values),
            "reps": values, "rep_details": extras, "elapsed_s": el,
        }
    total_s = time.perf_counter() - t_all

    # Table
    nw = max([24] + [len(n) for n in results])
    hdr = f"{'workload':<{nw}} {'unit':<13} {'median':>12} {'min':>12} {'max':>12}  params"
    print()
    print(hdr)
    print("-" * len(hdr) + "-" * 20)
    for name, r in results.items():
        u = r["unit"]
        print(f"{name:<{nw}} {u:<13} {_fmt(r['median'], u):>12} {_fmt(r['min'], u):>12} "
              f"{_fmt(r['max'], u):>12}  {r['params']}")
    print(f"\n# total wall time {total_s:.1f}s")

    if args.json:
        try:
            load_after = os.getloadavg()
        except OSError:
            load_after = None
        doc = {
            "benchmark": "python-multiprocessing-baseline",
            "timestamp_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "python_version": platform.python_version(),
            "python_implementation": platform.python_implementation(),
            "executable": sys.executable,
            "platform": platform.platform(),
            "nproc": os.cpu_count(),
            "loadavg_before": load_before,
            "loadavg_after": load_after,
            "start_method": args.start_method,
            "reps": reps,
            "quick": args.quick,
            "config": cfg,
            "payloads": {
                "PAYLOAD_64": "bytes(range(64))",
                "PAYLOAD_OBJ": repr(PAYLOAD_OBJ),
                "PAYLOAD_1K": "bytes(k % 256 for k in range(1024))",
                "SHM_SRC": "bytes(range(256)) * (SHM_SIZE // 256)",
                "BIG_PAYLOAD": "bytes(range(256)) * (BIG_SIZE // 256)",
            },
            "total_wall_s": total_s,
            "results": results,
        }
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=2)
        print(f"# JSON written to {args.json}")
    return 0


def _fmt(v, unit):
    if unit == "msg/s":
        return f"{v:,.0f}"
    if unit in ("ms", "GB/s"):
        return f"{v:.2f}"
    if unit == "s":
        return f"{v:.3f}" if v >= 0.1 else f"{v:.4f}"   # short pool runs keep 3 digits
    return f"{v:.1f}"


if __name__ == "__main__":
    sys.exit(main())
