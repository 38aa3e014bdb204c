#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The ODE work-precision comparison in one run: ModelCompiler's integrators (the benchmarks program's `ode`), CVODE
(ode_cvode.c against Debian's libsundials-dev, built here) and scipy (ode_scipy.py) on the same problems, tolerances,
output times and error metrics, merged into one table per problem and tolerance, sorted by time, with each run's
evaluations and time against CVODE's BDF with the supplied Jacobian and against the fastest scipy method. Every time is
the thread CPU time of one run (best of several), so that other processes on a busy machine inflate it less; the load
average is printed before and after.

    /usr/bin/python3 benchmarks/peers/ode_work_precision.py [problem ...] [--rtol 1e-6,1e-10]

Problems: airy, lorenz, lotka, robertson, vanderpol, brusselator (N = 500, banded). The last section checks the targets:
at CVODE-BDF's error, no more rhs evaluations and no more time than CVODE-BDF, and on the Brusselator fewer LU
factorizations; at the fastest scipy method's error, at least 10x faster than it.
"""
import math
import os
import subprocess
import sys

from peers_common import benchmarks_command

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OURS = ["Dopri5", "DOP853", "NDF", "BDF", "Rodas5P", "Rodas4", "Auto(Dopri5/NDF)"]


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(command, cwd=ROOT):
    print("$ " + " ".join(command), flush=True)
    out = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 9 or parts[0] == "problem":
            if line.strip() and not line.startswith("problem"):
                print("  " + line)
            continue
        name, method, rtol, error, steps, fevals, jacobians, lu, ms = parts
        try:
            error_value = float(error)
        except ValueError:   # a termination such as MaxStepsReached, or FAILED
            error_value = float("nan")
        rows.append({"problem": name, "method": method, "rtol": float(rtol), "error": error_value,
                     "steps": steps, "fevals": int(fevals), "jacobians": jacobians, "lu": lu, "ms": float(ms)})
    return rows


def main():
    args = sys.argv[1:]
    print(f"load average before: {load_average()} ({os.cpu_count()} CPUs)")
    targets = [1e-6, 1e-10]
    if "--rtol" in args:
        i = args.index("--rtol")
        targets = [float(x) for x in args[i + 1].split(",")]
        del args[i:i + 2]
    # Ours on a sweep of tolerances (half decades over the targets' range and a decade beyond), so that our evaluations
    # and time can be read at the peers' errors; the peers at the target tolerances.
    low, high = math.log10(min(targets)) - 2, math.log10(max(targets)) + 2
    sweep = sorted({round(-k / 2, 1) for k in range(int(-2 * high), int(-2 * low) + 1)} | {math.log10(t) for t in targets}, reverse=True)
    sweep_text = ",".join(f"{10 ** e:.3g}" for e in sweep)
    ours = run(benchmarks_command(["ode"] + args + ["--rtol", sweep_text]))
    target_text = ",".join(f"{t:g}" for t in targets)
    cvode = run(["sh", os.path.join(HERE, "ode_cvode.sh")] + args + ["--rtol", target_text])
    scipy = run(["/usr/bin/python3", os.path.join(HERE, "ode_scipy.py")] + args + ["--rtol", target_text])
    print(f"load average after: {load_average()}\n")

    rows = [r for r in ours if any(close(r["rtol"], t) for t in targets)] + cvode + scipy
    keys = []
    for r in rows:
        if (r["problem"], r["rtol"]) not in keys:
            keys.append((r["problem"], r["rtol"]))
    summary = []
    for problem, rtol in keys:
        group = [r for r in rows if r["problem"] == problem and r["rtol"] == rtol]
        reference = next((r for r in group if r["method"] == "CVODE-BDF"), None)
        scipy_runs = [r for r in group if r["method"].startswith(("scipy-", "odeint")) and r["error"] == r["error"]]
        fastest_scipy = min(scipy_runs, key=lambda r: r["ms"]) if scipy_runs else None
        print(f"{problem}, rtol {rtol:.0e}" + (f"  (fastest scipy: {fastest_scipy['method']}, {fastest_scipy['ms']:.3f} ms)" if fastest_scipy else ""))
        print(f"  {'method':18s} {'error':>9s} {'steps':>7s} {'f-evals':>8s} {'Jac':>6s} {'LU':>6s} {'time-ms':>10s}   f/CVODE  t/CVODE  scipy/t")
        for r in sorted(group, key=lambda r: r["ms"]):
            f_ratio = f"{r['fevals'] / reference['fevals']:8.2f}" if reference else "       -"
            t_ratio = f"{r['ms'] / reference['ms']:8.2f}" if reference else "       -"
            s_ratio = f"{fastest_scipy['ms'] / r['ms']:8.1f}" if fastest_scipy else "       -"
            mark = "*" if r["method"] in OURS else " "
            print(f" {mark}{r['method']:18s} {r['error']:9.2e} {r['steps']:>7s} {r['fevals']:8d} {r['jacobians']:>6s} {r['lu']:>6s} "
                  f"{r['ms']:10.3f}  {f_ratio} {t_ratio} {s_ratio}")
        print()
        if reference:
            summary.append((problem, rtol, group, reference, fastest_scipy))

    print("Targets at equal error: each of our methods read at the peer's error on its tolerance sweep (log-log interpolation "
          "between the neighbouring tolerances), the best of them taken:")
    for problem, rtol, group, reference, fastest_scipy in summary:
        curves = {}
        for r in ours:
            if r["problem"] == problem and r["error"] == r["error"] and r["error"] > 0:
                curves.setdefault(r["method"], []).append(r)
        f_at = {m: at_error(c, reference["error"], "fevals") for m, c in curves.items()}
        t_at = {m: at_error(c, reference["error"], "ms") for m, c in curves.items()}
        f_at = {m: v for m, v in f_at.items() if v is not None}
        t_at = {m: v for m, v in t_at.items() if v is not None}
        if not f_at:
            print(f"  {problem:12s} {rtol:6.0e}  no method of ours brackets CVODE-BDF's error {reference['error']:.2e}")
            continue
        fewest = min(f_at, key=f_at.get)
        fastest = min(t_at, key=t_at.get)
        line = (f"  {problem:12s} {rtol:6.0e}  at CVODE-BDF's error {reference['error']:.2e}: {f_at[fewest]:.0f} f-evals by {fewest} "
                f"({f_at[fewest] / reference['fevals']:.2f}x CVODE's {reference['fevals']}), {t_at[fastest]:.3f} ms by {fastest} "
                f"({t_at[fastest] / reference['ms']:.2f}x CVODE's {reference['ms']:.3f})")
        if problem == "brusselator" and reference["lu"].isdigit():
            lu_at = {m: at_error(c, reference["error"], "lu") for m, c in curves.items() if all(r["lu"].isdigit() for r in c)}
            lu_at = {m: v for m, v in lu_at.items() if v is not None and v > 0}
            if lu_at:
                least = min(lu_at, key=lu_at.get)
                line += f"; {lu_at[least]:.0f} LU by {least} against CVODE's {reference['lu']}"
        print(line)
        if fastest_scipy:
            s_at = {m: at_error(c, fastest_scipy["error"], "ms") for m, c in curves.items()}
            s_at = {m: v for m, v in s_at.items() if v is not None}
            if s_at:
                quick = min(s_at, key=s_at.get)
                print(f"  {'':12s} {'':6s}  at {fastest_scipy['method']}'s error {fastest_scipy['error']:.2e}: {s_at[quick]:.3f} ms by {quick}, "
                      f"{fastest_scipy['ms'] / s_at[quick]:.0f}x faster than its {fastest_scipy['ms']:.3f} ms")


def close(a, b):
    return abs(a - b) <= 1e-6 * abs(b)


def at_error(runs, error, key):
    """The value of `key` at `error` on a method's sweep: log-log interpolation between the two runs whose errors bracket it
    (the tightest bracket when the error is not monotone in the tolerance); None outside the sweep."""
    points = sorted((r["error"], float(r[key])) for r in runs if str(r[key]).replace(".", "", 1).isdigit())
    best = None
    for (e1, v1), (e2, v2) in zip(points, points[1:]):
        if e1 <= error <= e2 and v1 > 0 and v2 > 0:
            w = 0 if e2 == e1 else (math.log(error) - math.log(e1)) / (math.log(e2) - math.log(e1))
            value = math.exp(math.log(v1) + w * (math.log(v2) - math.log(v1)))
            best = value if best is None else min(best, value)
    return best

if __name__ == "__main__":
    main()
