# SPDX-License-Identifier: MIT
"""What the peer scripts share: the SplitMix64 stream their data come from (the C# benchmarks draw the same numbers)
and the run of ModelCompiler's quick timing of the same problem, printed beside the peer's times as ratios.
Standard library only at import (numpy inside the functions that need it), so it can be imported before a script
installs its own dependencies."""
import os
import subprocess

GOLDEN = 0x9E3779B97F4A7C15
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def splitmix64_stream(seed, count):
    """The first `count` outputs of SplitMix64 from `seed` (uint64 arithmetic wraps modulo 2^64)."""
    import numpy as np
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, count + 1, dtype=np.uint64) * np.uint64(GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def benchmarks_command(arguments):
    """Builds ModelCompiler.Benchmarks and returns the command that runs it with `arguments`. Not `dotnet run`: its
    MSBuild node keeps about two thirds of a core busy for as long as the program runs, which on two cores takes a
    third of a two-thread timing away."""
    project = os.path.join(ROOT, "benchmarks", "ModelCompiler.Benchmarks")
    subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q", project], check=True, capture_output=True)
    program = os.path.join(project, "bin", "Release", "net10.0", "ModelCompiler.Benchmarks.dll")
    return ["dotnet", program] + [str(a) for a in arguments]


def run_benchmarks(arguments, capture=True):
    """Builds ModelCompiler.Benchmarks and runs it with `arguments`; returns its standard output when `capture`."""
    return subprocess.run(benchmarks_command(arguments), check=True, capture_output=capture, text=True).stdout


def compare_with_modelcompiler(command, points, iterations, peer, peer_ms):
    """Runs the benchmarks' `command points iterations`, prints its lines and the ratio peer / ModelCompiler for every
    thread label (e.g. "1-thread") the peer was timed at, from the lines "modelcompiler <label> <ms> …"."""
    out = run_benchmarks([command, points, iterations])
    print(out.strip())
    for line in out.splitlines():
        parts = line.split()
        if len(parts) > 2 and parts[0] == "modelcompiler" and parts[1] in peer_ms:
            print(f"ratio {peer} / ModelCompiler ({parts[1]}): {peer_ms[parts[1]] / float(parts[2]):.1f}x")


def blas_info():
    """Which BLAS numpy runs on, and on how many threads (and any other thread pool, such as scikit-learn's OpenMP)."""
    try:
        from threadpoolctl import threadpool_info
        pools = threadpool_info()
    except ImportError:
        pools = []
    parts = [f"{i.get('user_api')} {i.get('internal_api')} {i.get('architecture')} threads={i.get('num_threads')}" for i in pools]
    if not any(i.get("user_api") == "blas" for i in pools):
        # threadpoolctl does not see every BLAS (Debian's ATLAS, which runs on one thread): name the loaded libraries.
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line or "lapack" in line}
        libraries = sorted(p for p in paths if os.path.basename(p).startswith("lib"))   # not Python's own wrappers
        found = ", ".join(os.path.realpath(path) for path in libraries) or "none loaded"
        parts.append(f"BLAS unseen by threadpoolctl, libraries: {found}")
    return "; ".join(parts)