// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// The work a pass does per point, counted from its code: exponentials, other vector operations (each add,
/// multiply, multiply-add, max, compare or select counts one), and divisions, which are not priced.
/// </summary>
public readonly record struct PointWork(string Name, int Exps, int Operations, int Divisions)
{
    /// <summary>
    /// Prints the CPU-limit statement: the work at this core's measured throughput (<see cref="MachineThroughput"/>),
    /// a lower bound since divisions, loads and stores go unpriced, against <paramref name="measuredNs"/>.
    /// </summary>
    public void Print(string per, double measuredNs)
    {
        var (expNs, opNs) = MachineThroughput.Measure();
        double boundNs = Exps * expNs + Operations * opNs;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "cpu-limit {0}: per point and {1} {2} exp + {3} vector ops{4}; measured {5:F2} ns per exp and {6:F3} ns per vector op " +
            "per lane → bound {7:F2} ns against {8:F2} ns measured on one thread ({9:P0})",
            Name, per, Exps, Operations, Divisions > 0 ? $" + {Divisions} division (not priced)" : "", expNs, opNs, boundNs,
            measuredNs, boundNs / measuredNs));
    }
}
