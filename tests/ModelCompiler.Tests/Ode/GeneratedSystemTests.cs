// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>
/// The integrators on the generated indexed systems: the heat equation's pattern is exactly the tridiagonal one the
/// stencil has (found by differencing the generated f), every method solves it to its exact semi-discrete solution,
/// and the stiff methods factor the generated band.
/// </summary>
public class GeneratedSystemTests
{
    /// <summary>
    /// Detected sparsity equals the true pattern: the positions where differences of the generated f over each state are
    /// nonzero at a random state are exactly the generated pattern's, banded with one diagonal on each side for the heat
    /// equation, and tridiagonal plus the two wrap-around corners (not a band) for diffusion on a ring.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(33)]
    [InlineData(100)]
    public void GeneratedPatternsAreTheTruePatterns(int n)
    {
        var heat = OdeSystems.HeatSystem.JacobianPattern(n);
        Assert.Equal(MatrixStructure.Banded, heat.Structure);
        Assert.Equal(1, heat.LowerBandwidth);
        Assert.Equal(1, heat.UpperBandwidth);
        Assert.Equal(TruePattern(n, (t, y, f) => OdeSystems.HeatSystem.Evaluate(t, y, [0.7, 0.1], f)), Entries(heat));

        var ring = OdeSystems.RingDiffusionSystem.JacobianPattern(n);
        Assert.Equal(TruePattern(n, (t, y, f) => OdeSystems.RingDiffusionSystem.Evaluate(t, y, [0.3], f)), Entries(ring));
        if (n > 4)
            Assert.Equal(MatrixStructure.Sparse, ring.Structure);
    }

    /// <summary>
    /// The heat equation u' = α·u_xx on 64 interior points (h = 1/65), u(0) = sin(πx): the exact solution of the
    /// semi-discrete system is exp(−λt)·sin(πx_i) with λ = (4α/h²)·sin²(πh/2). Every method, with the generated Jacobian
    /// where it uses one, reaches it at t = 0.05 to the tolerance's order; the stiff ones factor the band, 64·(2·1 + 1 + 1)
    /// entries, never the dense 64².
    /// </summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("DOP853")]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    [InlineData("NDF")]
    [InlineData("BDF")]
    [InlineData("Auto")]
    public void EveryMethodSolvesTheHeatEquationOnTheGeneratedBand(string method)
    {
        const int n = 64;
        const double alpha = 1, h = 1.0 / (n + 1), end = 0.05;
        var u0 = Enumerable.Range(1, n).Select(i => Math.Sin(Math.PI * i * h)).ToArray();
        double decay = Math.Exp(-4 * alpha / (h * h) * Math.Pow(Math.Sin(Math.PI * h / 2), 2) * end);
        var result = OdeSolver.Solve(new OdeProblem<OdeSystems.HeatSystem>(u0, 0, end, [alpha, h]), OdeTestProblems.Algorithm(method),
            new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10, OutputTimes = [end], DenseOutput = false });
        Assert.Equal(OdeTermination.Completed, result.Termination);
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(result[0, i] - decay * u0[i]) < 1e-6 * decay,
                $"{method}: u[{i}] = {result[0, i]:R} against {decay * u0[i]:R}");
        var statistics = result.Statistics;
        if (method is "Dopri5" or "DOP853")
        {
            Assert.Equal(0, statistics.LuFactorizations);
            return;
        }
        Assert.True(statistics.LuFactorizations > 0, $"{method} factored nothing");
        Assert.Equal(OdeLinearSolver.Banded, statistics.LinearSolver);
        Assert.Equal(n * 4, statistics.FactorEntries);
    }

    private static HashSet<(int, int)> Entries(SparsityPattern pattern)
    {
        var entries = new HashSet<(int, int)>();
        for (int i = 0; i < pattern.RowCount; i++)
            for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                entries.Add((i, pattern.ColumnIndices[k]));
        return entries;
    }

    /// <summary>Where f changes when one state moves, at a random state: the Jacobian's structural nonzeros.</summary>
    private static HashSet<(int, int)> TruePattern(int n, Action<double, double[], double[]> f)
    {
        var random = new Random(n);
        var y = Enumerable.Range(0, n).Select(_ => random.NextDouble() + 0.5).ToArray();
        var f0 = new double[n];
        var f1 = new double[n];
        f(0.3, y, f0);
        var entries = new HashSet<(int, int)>();
        for (int j = 0; j < n; j++)
        {
            double saved = y[j];
            y[j] += 0.25;
            f(0.3, y, f1);
            y[j] = saved;
            for (int i = 0; i < n; i++)
                if (f1[i] != f0[i])
                    entries.Add((i, j));
        }
        return entries;
    }
}
