// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;
using ModelCompiler.Plotting;

namespace OdeJacobian;

/// <summary>The example's two figures, kept apart from its computations.</summary>
public static class ExamplePlots
{
    /// <summary>The x–z projection of both Lorenz trajectories.</summary>
    public static void Lorenz(string path, OdeResult a, OdeResult b) =>
        Plots.Phase(path, [a, b], 0, 2, new OdePlotOptions
        {
            Title = "Lorenz, σ = 10, ρ = 28, β = 3: x–z projection",
            RunNames = ["from (0, 1, 0)", "from (0, 1.01, 0)"],
        });

    /// <summary>The observations and the fitted trajectories of prey and predators.</summary>
    public static void LotkaVolterra(string path, IReadOnlyList<double> times, double[,] observed, OdeFitResult fit) =>
        Plots.Trajectories(path, fit.Solution, new OdePlotOptions
        {
            Title = "Lotka–Volterra: observations and the least-squares fit",
            Observations = new OdeObservations(times, observed),
        });
}
