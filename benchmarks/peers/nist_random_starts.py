#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The NIST StRD problems from random starts, side by side: ModelCompiler's default solver, scipy's least_squares
(method 'lm' and 'trf', analytic Jacobians derived by sympy from the NIST formulas, other settings default),
scipy's curve_fit with its defaults, and Ceres (automatic derivatives, the settings of Ceres' own NIST evaluation;
see nist_random_starts_ceres.cc), every solver from the same starts.

The protocol (benchmarks/ModelCompiler.Benchmarks/RandomStarts.cs): per problem, 50 starts with every parameter
b_j = c_j * 10^u, u = 2 * (r >> 11) * 2^-53 - 1 from SplitMix64 seeded with seed XOR FNV-1a-64(problem name).
The benchmarks program's `starts` draws them, fits them and writes them to starts.csv; this script reads that file (and
checks that its own draw of the same stream gives the same doubles), so the peers start from the very same doubles.
A start is solved when every parameter reaches LRE >= 4 against the certified value; solved up to relabelling when
it does once exchangeable terms are put in one order (Lanczos' and MGH17's exponentials by rate, Gauss1's peaks by
centre with |width|, ENSO's cycles by period with a negative period reflected); and it reaches the certified RSS
when ||r|| <= sqrt(RSS_c * (1 + 1e-6)) + sqrt(n) * eps * max|y| (a millionth of the RSS, give or take one rounding
of each response), the RSS of every solver computed here by one numpy formula.
A start where the model is not finite, or a solver that raises, counts as unsolved.

    /usr/bin/python3 benchmarks/peers/nist_random_starts.py [--seed S] [--count N] [--out DIR] [--skip-ceres]

Installs python3-scipy, python3-sympy and libceres-dev with apt-get if missing.
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import time
import warnings

# Older OpenBLAS builds need these on some processors; they only slow a current numpy (see the project's notes).
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)


def apt_install(*packages):
    subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", *packages], check=True, stdout=subprocess.DEVNULL)


try:
    import numpy as np
    import scipy
    import sympy
    from scipy.optimize import curve_fit, least_squares
    from threadpoolctl import threadpool_info
except ImportError:
    apt_install("python3-scipy", "python3-sympy", "python3-threadpoolctl")
    import numpy as np
    import scipy
    import sympy
    from scipy.optimize import curve_fit, least_squares
    from threadpoolctl import threadpool_info

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers_common import ROOT, run_benchmarks, splitmix64_stream  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "tests", "ModelCompiler.Tests", "Data", "nist")
SEED = 20250917
SOLVED_LRE = 4
RSS_TOLERANCE = 1e-6

# The models of tests/ModelCompiler.Generators.Tests/Models/Nist.cs, in sympy's syntax; Nelson has two variables.
MODELS = {
    "Misra1a": "b1*(1-exp(-b2*x))",
    "Chwirut2": "exp(-b1*x)/(b2+b3*x)",
    "DanWood": "b1*x**b2",
    "Gauss1": "b1*exp(-b2*x) + b3*exp(-(x-b4)**2/b5**2) + b6*exp(-(x-b7)**2/b8**2)",
    "Lanczos3": "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)",
    "Misra1c": "b1*(1-(1+2*b2*x)**(-1/2))",
    "Kirby2": "(b1 + b2*x + b3*x**2) / (1 + b4*x + b5*x**2)",
    "Hahn1": "(b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)",
    "Nelson": "b1 - b2*x1*exp(-b3*x2)",
    "MGH17": "b1 + b2*exp(-x*b4) + b3*exp(-x*b5)",
    "Lanczos1": "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)",
    "ENSO": "b1 + b2*cos(2*pi*x/12) + b3*sin(2*pi*x/12) + b5*cos(2*pi*x/b4) + b6*sin(2*pi*x/b4)"
            " + b8*cos(2*pi*x/b7) + b9*sin(2*pi*x/b7)",
    "MGH09": "b1*(x**2+x*b2) / (x**2+x*b3+b4)",
    "Thurber": "(b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)",
    "BoxBOD": "b1*(1-exp(-b2*x))",
    "MGH10": "b1 * exp(b2/(x+b3))",
    "Bennett5": "b1 * (b2+x)**(-1/b3)",
}


class Problem:
    """One StRD file: certified values and RSS, the response (log y for Nelson) and the variables (columns)."""

    def __init__(self, name):
        self.name = name
        certified, rows, data = [], [], False
        with open(os.path.join(DATA, name + ".dat")) as f:
            for line in f:
                fields = line.split()
                if data:
                    if fields:
                        rows.append([float(v) for v in fields])
                elif len(fields) == 6 and fields[0].startswith("b") and fields[1] == "=":
                    certified.append(float(fields[4]))
                elif line.startswith("Residual Sum of Squares:"):
                    self.rss = float(fields[-1])
                elif line.startswith("Data:") and fields[1] == "y":
                    data = True
        rows = np.array(rows)
        self.certified = np.array(certified)
        self.y = np.array([math.log(v) for v in rows[:, 0]]) if name == "Nelson" else rows[:, 0]
        self.x = [rows[:, j] for j in range(1, rows.shape[1])]
        variables = sympy.symbols("x1 x2") if name == "Nelson" else (sympy.Symbol("x"),)
        params = sympy.symbols(" ".join(f"b{j + 1}" for j in range(len(certified))))
        expr = sympy.sympify(MODELS[name], locals={str(s): s for s in (*variables, *params)})
        f = sympy.lambdify((*variables, *params), expr, "numpy")
        grads = [sympy.lambdify((*variables, *params), sympy.diff(expr, p), "numpy") for p in params]
        n = len(self.y)
        self.f = lambda b: np.broadcast_to(f(*self.x, *b), (n,)).astype(float)
        self.jac = lambda b: np.column_stack([np.broadcast_to(g(*self.x, *b), (n,)) for g in grads]).astype(float)

    def rss_of(self, b):
        with np.errstate(all="ignore"):
            r = self.f(b) - self.y
        return float(r @ r)

    def reaches_rss(self, b):
        rounding = math.sqrt(len(self.y)) * np.finfo(float).eps * np.max(np.abs(self.y))
        rss = self.rss_of(b)
        return math.isfinite(rss) and math.sqrt(rss) <= math.sqrt(self.rss * (1 + RSS_TOLERANCE)) + rounding


def fnv1a(name):
    h = 0xCBF29CE484222325
    for c in name.encode("ascii"):
        h = ((h ^ c) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def draw(name, certified, seed, count):
    r = splitmix64_stream(seed ^ fnv1a(name), count * len(certified)).reshape(count, len(certified))
    u = 2 * ((r >> np.uint64(11)).astype(float) * (1.0 / 9007199254740992.0)) - 1
    return np.array([[c * 10.0 ** float(v) for c, v in zip(certified, row)] for row in u])


def canonical(name, b):
    """The parameters with exchangeable terms in one order (RandomStarts.Canonical)."""
    b = np.array(b, dtype=float)

    def sort_groups(groups, key):
        values = sorted((b[g].copy() for g in groups), key=lambda v: v[key])
        for g, v in zip(groups, values):
            b[g] = v

    if name in ("Lanczos1", "Lanczos3"):
        sort_groups([[0, 1], [2, 3], [4, 5]], 1)
    elif name == "MGH17":
        sort_groups([[1, 3], [2, 4]], 1)
    elif name == "Gauss1":
        b[4], b[7] = abs(b[4]), abs(b[7])
        sort_groups([[2, 3, 4], [5, 6, 7]], 1)
    elif name == "ENSO":
        for period in (3, 6):
            if b[period] < 0:
                b[period], b[period + 2] = -b[period], -b[period + 2]
        sort_groups([[3, 4, 5], [6, 7, 8]], 0)
    return b


def lre(b, c):
    """min over j of -log10(|b_j - c_j| / |c_j|), capped at 11; 0 when not finite."""
    worst = 11.0
    for bj, cj in zip(b, c):
        if not math.isfinite(bj):
            return 0.0
        rel = abs(bj - cj) / abs(cj)
        worst = min(worst, 11.0 if rel == 0 else min(max(-math.log10(rel), 0.0), 11.0))
    return worst


def score(problem, b):
    """(solved, solved up to relabelling, reaches the certified RSS) for final parameters b (None: failed)."""
    if b is None or not all(math.isfinite(v) for v in b):
        return (False, False, False)
    return (lre(b, problem.certified) >= SOLVED_LRE,
            lre(canonical(problem.name, b), canonical(problem.name, problem.certified)) >= SOLVED_LRE,
            problem.reaches_rss(b))


def run_scipy(problem, starts):
    """Final parameters per start for least_squares lm, least_squares trf and curve_fit (None where it raised)."""
    out = {"scipy-lm": [], "scipy-trf": [], "curve_fit": []}
    times = dict.fromkeys(out, 0.0)
    residual = lambda b: problem.f(b) - problem.y  # noqa: E731
    xdata = np.vstack(problem.x) if len(problem.x) > 1 else problem.x[0]
    model = lambda x, *b: problem.f(b)  # noqa: E731 (the variables are problem.x, the same as xdata)
    for start in starts:
        for method in ("lm", "trf"):
            t0 = time.perf_counter()
            try:
                out[f"scipy-{method}"].append(least_squares(residual, start, jac=problem.jac, method=method).x)
            except (ValueError, np.linalg.LinAlgError):
                out[f"scipy-{method}"].append(None)
            times[f"scipy-{method}"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        try:
            out["curve_fit"].append(curve_fit(model, xdata, problem.y, p0=start)[0])
        except (RuntimeError, ValueError, np.linalg.LinAlgError):
            out["curve_fit"].append(None)
        times["curve_fit"] += time.perf_counter() - t0
    return out, times


def build_ceres(out_dir):
    source = os.path.join(HERE, "nist_random_starts_ceres.cc")
    binary = os.path.join(out_dir, "nist_random_starts_ceres")
    if os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(source):
        return binary
    if not os.path.exists("/usr/include/ceres/ceres.h"):
        apt_install("libceres-dev")
    subprocess.run(["g++", "-O2", "-std=c++17", "-I/usr/include/eigen3", source, "-o", binary, "-lceres", "-lglog"],
                   check=True)
    return binary


def run_ceres(binary, problems, starts):
    lines = []
    for name, problem in problems.items():
        n, v, p = len(problem.y), len(problem.x), len(problem.certified)
        lines.append(f"problem {name} {n} {v} {p}")
        for i in range(n):
            lines.append(" ".join(repr(float(t)) for t in (problem.y[i], *(col[i] for col in problem.x))))
        lines.append(f"starts {len(starts[name])}")
        lines.extend(" ".join(repr(float(t)) for t in s) for s in starts[name])
    t0 = time.perf_counter()
    out = subprocess.run([binary], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    elapsed = time.perf_counter() - t0
    results = {name: [None] * len(starts[name]) for name in problems}
    for line in out.splitlines():
        f = line.split()
        results[f[0]][int(f[1])] = np.array([float(t) for t in f[5:]])
    return results, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--out", default=os.path.join(ROOT, "artifacts", "nist-random-starts"))
    parser.add_argument("--skip-dotnet", action="store_true", help="reuse OUT/starts.csv and OUT/modelcompiler.csv")
    parser.add_argument("--skip-ceres", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    print(f"numpy {np.__version__}, scipy {scipy.__version__}, sympy {sympy.__version__}")
    pools = threadpool_info()
    for pool in pools:
        print(f"  {pool.get('internal_api')} {pool.get('version')} kernel {pool.get('architecture')}, "
              f"{pool.get('num_threads')} threads")
    if not pools:
        print("  threadpoolctl finds no BLAS or OpenMP thread pool in this process")
    if not args.skip_dotnet:
        run_benchmarks(["starts", "--seed", args.seed, "--count", args.count, "--out", args.out], capture=False)

    problems, starts, ours = {}, {}, {}
    with open(os.path.join(args.out, "starts.csv")) as f:
        for row in csv.DictReader(f):
            starts.setdefault(row["problem"], []).append(np.array([float(t) for t in row["parameters"].split()]))
    with open(os.path.join(args.out, "modelcompiler.csv")) as f:
        for row in csv.DictReader(f):
            b = np.array([float(t) for t in row["parameters"].split()]) if row["parameters"] else None
            ours.setdefault(row["problem"], []).append((b, row["status"]))
    mismatched = 0
    for name in starts:
        problems[name] = Problem(name)
        mismatched += int(np.sum(draw(name, problems[name].certified, args.seed, len(starts[name])) != np.array(starts[name])))
    print(f"starts.csv: {sum(map(len, starts.values()))} starts of {len(starts)} problems; "
          f"this script's own draw differs in {mismatched} doubles (the CSV's are used)")

    solvers = ["ModelCompiler", "Ceres", "scipy-lm", "scipy-trf", "curve_fit"]
    finals = {s: {} for s in solvers}
    times = dict.fromkeys(solvers, 0.0)
    disagreements = 0
    for name, problem in problems.items():
        finals["ModelCompiler"][name] = [b for b, _ in ours[name]]
        for (b, status), (solved, relabelled, _) in zip(ours[name], (score(problem, b) for b, _ in ours[name])):
            disagreements += (status == "solved") != solved or (status in ("solved", "relabelled")) != relabelled
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            by_scipy, t = run_scipy(problem, starts[name])
        for solver, values in by_scipy.items():
            finals[solver][name] = values
            times[solver] += t[solver]
    if disagreements:
        print(f"warning: this script scores {disagreements} of ModelCompiler's starts differently from the C# report")
    if args.skip_ceres:
        solvers.remove("Ceres")
    else:
        finals["Ceres"], times["Ceres"] = run_ceres(build_ceres(args.out), problems, starts)

    scores = {s: {name: [score(problems[name], b) for b in finals[s][name]] for name in problems} for s in solvers}
    peers = [s for s in solvers if s != "ModelCompiler"]
    for k, title in enumerate(["Solved (LRE >= 4 on every parameter)", "Solved up to relabelling of exchangeable terms",
                               "Reached the certified RSS"]):
        print(f"\n{title}, of {args.count} starts per problem:")
        print(f"{'Problem':<10}" + "".join(f"{s:>15}" for s in solvers) + f"{'peers union':>13}{'all union':>11}")
        totals = dict.fromkeys(solvers + ["peers", "all"], 0)
        for name in problems:
            counts = {s: sum(sc[k] for sc in scores[s][name]) for s in solvers}
            peer_union = sum(any(scores[s][name][i][k] for s in peers) for i in range(len(starts[name])))
            all_union = sum(any(scores[s][name][i][k] for s in solvers) for i in range(len(starts[name])))
            best_peer = max(counts[s] for s in peers)
            mark = " <" if counts["ModelCompiler"] < best_peer - 1 else ""
            print(f"{name:<10}" + "".join(f"{counts[s]:>15}" for s in solvers) + f"{peer_union:>13}{all_union:>11}{mark}")
            for s in solvers:
                totals[s] += counts[s]
            totals["peers"] += peer_union
            totals["all"] += all_union
        n = sum(map(len, starts.values()))
        print(f"{'Total':<10}" + "".join(f"{totals[s]:>15}" for s in solvers) + f"{totals['peers']:>13}{totals['all']:>11}")
        print(f"{'%':<10}" + "".join(f"{100 * totals[s] / n:>15.1f}" for s in solvers)
              + f"{100 * totals['peers'] / n:>13.1f}{100 * totals['all'] / n:>11.1f}")
    print("\n'<' marks a problem where ModelCompiler is more than one start behind the best peer.")
    print("Solver time over all starts (s): " + ", ".join(f"{s} {times[s]:.2f}" for s in solvers if s != "ModelCompiler")
          + " (ModelCompiler's per-start times are in modelcompiler.csv)")


if __name__ == "__main__":
    main()
