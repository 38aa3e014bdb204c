// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// One system of the reference suite: any <see cref="IEquationSystem"/> and a start. <see cref="Of{TSystem}"/> binds a
/// type, so the suite runs unchanged when generated [Equations] declarations replace the hand-written systems.
/// </summary>
public sealed record SystemCase(string Name, double[] Start, Func<double[], EquationSolverOptions?, EquationSolverResult> Solve,
                                SystemFunction Residuals, SystemJacobian JacobianValues, Func<int, SparsityPattern> Pattern)
{
    public static SystemCase Of<TSystem>(string name, double[] start) where TSystem : IEquationSystem
        => new(name, start, (x0, options) => EquationSolver.Solve<TSystem>(x0, options), TSystem.Evaluate, TSystem.Jacobian,
               TSystem.JacobianPattern);

    public EquationSolverResult Run(EquationSolverOptions? options = null) => Solve(Start, options);

    public override string ToString() => Name;
}

/// <summary>
/// The thirteen MINPACK-1 hybrj test systems (VECFCN 1–5 and 7–14 at their standard starts; Watson has no root).
/// The eight of the shared reference set take their starts from Data/optimize/problems.json (copied unchanged from
/// /work/shared/reference/optimize); the others from MINPACK's documentation, as
/// benchmarks/peers/optimize_systems_scipy.py has them.
/// </summary>
public static class SystemSuite
{
    private static readonly Lazy<Dictionary<string, double[]>> SharedStarts = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "optimize", "problems.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() == "root")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("x0").EnumerateArray().Select(v => v.GetDouble()).ToArray());
    });

    private static double[] Shared(string name) => SharedStarts.Value[name];

    private static double[] Fill(int n, Func<int, double> value) => Enumerable.Range(1, n).Select(value).ToArray();

    public static IReadOnlyList<SystemCase> All { get; } =
    [
        SystemCase.Of<RosenbrockSystem>("sys-rosenbrock", Shared("sys-rosenbrock")),
        SystemCase.Of<PowellSingularSystem>("sys-powell-singular", Shared("sys-powell-singular")),
        SystemCase.Of<PowellBadlyScaledSystem>("sys-powell-badly-scaled", Shared("sys-powell-badly-scaled")),
        SystemCase.Of<WoodSystem>("sys-wood", [-3, -1, -3, -1]),
        SystemCase.Of<HelicalValleySystem>("sys-helical-valley", Shared("sys-helical-valley")),
        SystemCase.Of<ChebyquadSystem>("sys-chebyquad-n7", Fill(7, j => j / 8.0)),
        SystemCase.Of<BrownAlmostLinearSystem>("sys-brown-almost-linear-n10", Shared("sys-brown-almost-linear-n10")),
        SystemCase.Of<DiscreteBoundaryValueSystem>("sys-discrete-bv-n10", Shared("sys-discrete-bv-n10")),
        SystemCase.Of<DiscreteIntegralSystem>("sys-discrete-integral-n10", Fill(10, j => j / 11.0 * (j / 11.0 - 1))),
        SystemCase.Of<TrigonometricSystem>("sys-trigonometric-n10", Fill(10, _ => 0.1)),
        SystemCase.Of<VariablyDimensionedSystem>("sys-variably-dimensioned-n10", Fill(10, j => 1 - j / 10.0)),
        SystemCase.Of<BroydenTridiagonalSystem>("sys-broyden-tridiagonal-n100", Shared("sys-broyden-tridiagonal-n100")),
        SystemCase.Of<BroydenBandedSystem>("sys-broyden-banded-n100", Shared("sys-broyden-banded-n100")),
    ];

    public static SystemCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>The reference set's success test for systems.</summary>
    public static bool Solved(EquationSolverResult result) => result.ResidualNorm <= 1e-8;
}
