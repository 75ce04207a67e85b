"""The soak of benchmarks/src/main/java/dev/mp4j/benchmarks/Soak.java, with Python's multiprocessing.

    python3 benchmarks/python/soak.py MINUTES PRODUCERS CONSUMERS

Producers and consumers through one ctx.Queue(10000) (the 'spawn' context, as mp4j's children are new JVMs), for
MINUTES minutes. Producer p puts p << 40 | s for s = 0, 1, 2, ... until told to stop, then reports how many it put.
Each consumer keeps, per producer, the count, sum and sum of squares of the sequence numbers it took, and reports them
once it takes a None: exactly once means that, per producer, the counts add up to n and the sums to those of 0..n-1.
Every 10 s a line gives the items so far and the resident memory of every process; the last line says whether every
item arrived exactly once, and the exit status is 0 if so.
"""
import multiprocessing as mp
import os
import sys
import time

CAPACITY = 10_000
SAMPLE_SECONDS = 10
SEQUENCE = (1 << 40) - 1


def produce(q, stop, me, produced):
    s = 0
    while not stop.is_set():
        q.put(me << 40 | s)
        s += 1
    produced.put((me, s))


def consume(q, me, producers, progress, sums):
    count = [0] * producers
    total = [0] * producers
    squares = [0] * producers
    taken = 0
    while True:
        v = q.get()
        if v is None:
            break
        p = v >> 40
        s = v & SEQUENCE
        count[p] += 1
        total[p] += s
        squares[p] += s * s
        taken += 1
        if taken & 4095 == 0:
            progress[me] = taken
    progress[me] = taken
    sums.put((me, count, total, squares))


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 1
    producers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    consumers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    ctx = mp.get_context("spawn")
    q = ctx.Queue(CAPACITY)
    stop = ctx.Event()
    produced = ctx.Queue()
    sums = ctx.Queue()
    progress = ctx.Array("q", consumers, lock=False)
    cons = [ctx.Process(target=consume, args=(q, c, producers, progress, sums), name=f"Consumer-{c}")
            for c in range(consumers)]
    prods = [ctx.Process(target=produce, args=(q, stop, p, produced), name=f"Producer-{p}") for p in range(producers)]
    for p in cons + prods:
        p.start()
    print(f"soak: python {sys.version.split()[0]}, {minutes:.1f} min, {producers} producers, {consumers} consumers,"
          f" queue of {CAPACITY}")
    print("  s      items    items/s  RSS MiB: parent / producers / consumers")
    t0 = time.monotonic()
    end = t0 + minutes * 60
    last_items, last_at = 0, t0
    first_rss, max_rss, rss = -1, 0, 0
    while time.monotonic() < end:
        time.sleep(max(0.001, min(SAMPLE_SECONDS, end - time.monotonic())))
        now = time.monotonic()
        items = sum(progress)
        parent = rss_kib(os.getpid())
        prod = sum(rss_kib(p.pid) for p in prods)
        con = sum(rss_kib(c.pid) for c in cons)
        rss = parent + prod + con
        first_rss = rss if first_rss < 0 else first_rss
        max_rss = max(max_rss, rss)
        print(f"{int(now - t0):4d} {items:10d} {(items - last_items) / (now - last_at):10.0f}  "
              f"{parent // 1024} / {prod // 1024} / {con // 1024}", flush=True)
        last_items, last_at = items, now
    stop.set()
    counts = dict(produced.get() for _ in prods)
    for p in prods:
        p.join()
    for _ in cons:
        q.put(None)
    reports = [sums.get() for _ in cons]
    for c in cons:
        c.join()
    seconds = time.monotonic() - t0
    exactly_once = True
    for p in range(producers):
        n = counts[p]
        count = sum(r[1][p] for r in reports)
        total = sum(r[2][p] for r in reports)
        squares = sum(r[3][p] for r in reports)
        if count != n or total != n * (n - 1) // 2 or squares != (n - 1) * n * (2 * n - 1) // 6:
            exactly_once = False
            print(f"producer {p} put {n} items; the consumers took {count}")
    total_items = sum(counts.values())
    print(f"result: python {seconds / 60:.1f} min: {total_items} items, {total_items / seconds:.0f} items/s; RSS of all"
          f" processes {first_rss // 1024} MiB at the first sample, {max_rss // 1024} MiB at most, {rss // 1024} MiB at"
          f" the last; exactly once: {'yes' if exactly_once else 'NO'}")
    sys.exit(0 if exactly_once else 1)


if __name__ == "__main__":
    main()
