// SPDX-License-Identifier: MIT
using ModelCompiler.Examples;
using ModelCompiler.Ode;

namespace OdeJacobian;

/// <summary>The example's two figures, kept apart from its computations so that the plotting library can change alone.</summary>
public static class Plots
{
    /// <summary>The x–z projection of both Lorenz trajectories.</summary>
    public static void Lorenz(string path, OdeResult a, OdeResult b) =>
        new SvgPlot("Lorenz, σ = 10, ρ = 28, β = 3: x–z projection")
            .Line("from (0, 1, 0)", a.Component(0), a.Component(2))
            .Line("from (0, 1.01, 0)", b.Component(0), b.Component(2))
            .Save(path);

    /// <summary>The observations and the fitted trajectories of prey and predators.</summary>
    public static void LotkaVolterra(string path, IReadOnlyList<double> times, double[,] observed, OdeFitResult fit)
    {
        var dense = fit.Solution.Solution!;
        var t = Enumerable.Range(0, 401).Select(i => dense.StartTime + (dense.EndTime - dense.StartTime) * i / 400).ToArray();
        var curves = dense.Evaluate(t);
        new SvgPlot("Lotka–Volterra: observations and the least-squares fit")
            .Points("prey observed", times, Enumerable.Range(0, times.Count).Select(i => observed[i, 0]).ToArray())
            .Points("predators observed", times, Enumerable.Range(0, times.Count).Select(i => observed[i, 1]).ToArray())
            .Line("prey fitted", t, t.Select((_, i) => curves[i, 0]).ToArray())
            .Line("predators fitted", t, t.Select((_, i) => curves[i, 1]).ToArray())
            .Save(path);
    }
}
