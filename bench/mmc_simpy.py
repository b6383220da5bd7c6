#!/usr/bin/env python3
"""The reference for bench/simulator_bench.cpp: the same M/M/c queue in SimPy 2.

Debian 12 packages SimPy 2.3.1 (python3-simpy), the old process-and-resource API: customers are
Processes that request, hold and release a Resource with c units, FIFO. Events are counted the way
the C++ simulator counts them: an arrival, a service start and a departure per customer. Only
simulate() is timed, not Python's start-up, in CPU seconds as on the C++ side, so that other work
on a busy machine slows neither.

Prints one line: events_per_second=<float> customers=<int> mean_wait=<float> (in units of 1/mu;
Erlang C gives 0.6687 for the default M/M/10 at rho 0.9, a check that the model is the same).
Exits 3 when SimPy 2 is not installed.
"""
import argparse
import random
import sys
import time

try:
    from SimPy.Simulation import (Process, Resource, activate, hold, initialize, now, release,
                                  request, simulate)
except ImportError:
    # python3-simpy lives in Debian's /usr/lib/python3/dist-packages, which a python3 from pyenv
    # or a virtual environment does not search. SimPy is pure Python, so any python3 can load it.
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        from SimPy.Simulation import (Process, Resource, activate, hold, initialize, now, release,
                                      request, simulate)
    except ImportError:
        print("mmc_simpy.py: SimPy 2 is not installed (apt-get install python3-simpy)",
              file=sys.stderr)
        sys.exit(3)


class Customer(Process):
    def visit(self, servers, service_time, measured, stats):
        arrived = now()
        yield request, self, servers  # service starts when a unit is granted
        if measured:
            stats["wait"] += now() - arrived
        yield hold, self, service_time
        yield release, self, servers  # departure


class Source(Process):
    def generate(self, customers, warmup, lam, mu, servers, rng, stats):
        for i in range(customers):
            c = Customer()
            activate(c, c.visit(servers, rng.expovariate(mu), i >= warmup, stats))
            yield hold, self, rng.expovariate(lam)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000, help="measured customers")
    parser.add_argument("--lambda", dest="lam", type=float, default=9.0)
    parser.add_argument("--mu", type=float, default=1.0)
    parser.add_argument("--servers", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    warmup = args.customers // 10  # as the C++ simulator: a tenth more, simulated and discarded
    total = args.customers + warmup
    stats = {"wait": 0.0}
    initialize()
    servers = Resource(capacity=args.servers, name="servers")
    source = Source()
    activate(source, source.generate(total, warmup, args.lam, args.mu, servers,
                                     random.Random(args.seed), stats))
    start = time.process_time()
    simulate(until=float("inf"))
    elapsed = time.process_time() - start
    events = 3 * total
    print(f"events_per_second={events / elapsed:.1f} customers={total} "
          f"mean_wait={stats['wait'] / args.customers * args.mu:.4f}")


if __name__ == "__main__":
    main()
