// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// The trust-region step vectorized across lanes (VectorLaneBatchSolver) against the same step taken lane by lane
/// (LaneBatchSolver): every lane's arithmetic is the scalar iteration's, so every result must be equal bit for
/// bit, over curves that take each way out of the iteration: converged with and without polish, rejected steps,
/// budgets spent, exact fits, non-finite starts, curves whose normal equations are unsafe, binding bounds and a fixed parameter.
/// </summary>
public class VectorLaneStepTests
{
    private static BatchProblem Problem<TModel>(double[] x, double[,] y, double[,] starts, BatchFitSetup? setup = null) where TModel : IModel =>
        BatchProblem.Build(x, null, y, starts, setup ?? BatchFitSetup.None, TModel.VariableCount, TModel.ParameterCount, TModel.ParameterNames);

    private static BatchFitResult AssertSameAsScalarLanes<TModel>(BatchProblem problem, CurveFitOptions? options = null) where TModel : IModel
    {
        options ??= new CurveFitOptions();
        if (Vector256.IsHardwareAccelerated)
        {
            var solver = LaneBatchSolver<TModel>.Create(problem, options, new BatchFitResult("", TModel.ParameterNames, 1, 1), problem.FixedOf(0));
            Assert.StartsWith("VectorLaneBatchSolver", solver.GetType().Name);
        }
        var vector = BatchFitter.Fit<TModel>(problem, options, null, CancellationToken.None);
        var scalar = BatchFitter.Fit<TModel>(problem, options, null, CancellationToken.None, vectorSteps: false);
        for (int c = 0; c < problem.CurveCount; c++)
        {
            Assert.True(scalar.Terminations[c] == vector.Terminations[c], $"curve {c}: {vector.Terminations[c]} vs {scalar.Terminations[c]}");
            Assert.True(scalar.Iterations[c] == vector.Iterations[c], $"curve {c} iterations: {vector.Iterations[c]} vs {scalar.Iterations[c]}");
            Assert.True(scalar.Evaluations[c] == vector.Evaluations[c], $"curve {c} evaluations: {vector.Evaluations[c]} vs {scalar.Evaluations[c]}");
            Assert.True(scalar.ResidualSumOfSquares[c].Equals(vector.ResidualSumOfSquares[c]),
                        $"curve {c} RSS {vector.ResidualSumOfSquares[c]:R} vs {scalar.ResidualSumOfSquares[c]:R}");
        }
        Assert.Equal(scalar.Parameters, vector.Parameters);
        Assert.Equal(scalar.StandardErrors, vector.StandardErrors);
        return vector;
    }

    /// <summary>Decays of 40 points from a fixed seed, with kinds of curves mixed in by index.</summary>
    private static (double[] T, double[,] Y, double[,] Starts) MixedDecays(int m)
    {
        const int n = 40;
        var random = new Random(11);
        double[] t = Enumerable.Range(0, n).Select(i => 0.2 * i).ToArray();
        var y = new double[m, n];
        var starts = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            double a = 2 + 20 * random.NextDouble(), tau = 0.3 + 4 * random.NextDouble(), b = random.NextDouble() - 0.5;
            double noise = c % 7 == 0 ? 0 : 0.05 * a;                        // every 7th curve is exact
            for (int i = 0; i < n; i++)
                y[c, i] = c % 11 == 0 ? b                                      // every 11th is a constant: rank deficient
                    : a * Math.Exp(-t[i] / tau) + b + noise * (random.NextDouble() - 0.5);
            (starts[c, 0], starts[c, 1], starts[c, 2]) = c % 5 == 0
                ? (0.01 * a, 50 * tau, 10)                                      // every 5th starts far off
                : (a * (0.5 + random.NextDouble()), tau * (0.5 + random.NextDouble()), 0);
            if (c % 13 == 0)
                starts[c, 1] = 1e-300;                                         // t/τ overflows: not finite at the start
        }
        return (t, y, starts);
    }

    [Fact]
    public void DecaysOfEveryKindEqualTheScalarLanes()
    {
        var (t, y, starts) = MixedDecays(3000);
        var result = AssertSameAsScalarLanes<BatchModels.DecayModel>(Problem<BatchModels.DecayModel>(t, y, starts));
        // The mix reaches these ways out (counted once: 231, 787, 333, 245 and 1,404 of 3,000, the last mostly steps
        // whose reductions ‖f‖² no longer resolves, TrustRegion.BelowResolution).
        var kinds = result.Terminations.ToHashSet();
        Assert.Superset(kinds, new HashSet<FitTermination>
        {
            FitTermination.NonFiniteStart, FitTermination.FunctionTolerance, FitTermination.ParameterTolerance,
            FitTermination.ExactSolution, FitTermination.MachinePrecision,
        });
    }

    /// <summary>
    /// Lifetimes in seconds and currents in picoamps are fitted as in any other units: with t scaled by 2⁻²⁰ and y by
    /// 2⁻⁴⁰ the lanes take the same route, none of the curves sent to the single-curve solver for its units alone
    /// (which would add its evaluations), and give the unscaled results scaled. Not to the bit: the pivot order
    /// follows the columns' sizes.
    /// </summary>
    [Fact]
    public void DecaysInTinyUnitsGiveTheUnscaledResultsScaled()
    {
        const double time = 1.0 / (1 << 20), amplitude = time * time;
        var (t, y, starts) = MixedDecays(1000);
        int m = y.GetLength(0), n = t.Length;
        var tinyY = new double[m, n];
        var tinyStarts = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            for (int i = 0; i < n; i++)
                tinyY[c, i] = amplitude * y[c, i];
            (tinyStarts[c, 0], tinyStarts[c, 1], tinyStarts[c, 2]) = (amplitude * starts[c, 0], time * starts[c, 1], amplitude * starts[c, 2]);
        }
        var usual = BatchFitter.Fit<BatchModels.DecayModel>(Problem<BatchModels.DecayModel>(t, y, starts), new CurveFitOptions(), null, CancellationToken.None);
        var tiny = AssertSameAsScalarLanes<BatchModels.DecayModel>(Problem<BatchModels.DecayModel>(t.Select(v => time * v).ToArray(), tinyY, tinyStarts));
        // Which convergence test is met first may differ by a rounding (a function and a parameter tolerance met at once).
        for (int c = 0; c < m; c++)
            Assert.True(usual.IsConverged(c) ? tiny.IsConverged(c) : usual.Terminations[c] == tiny.Terminations[c],
                        $"curve {c}: {tiny.Terminations[c]} vs {usual.Terminations[c]}");
        // The far starts (every 5th) wander some 200 evaluations near a direction the data barely determine, where which
        // pivot counts as rounding (TrustRegion's rank tolerance) follows the pivot order: their counts differ by up to 15%.
        long usualEvaluations = 0, tinyEvaluations = 0;
        for (int c = 0; c < m; c++)
            if (c % 5 != 0)
                (usualEvaluations, tinyEvaluations) = (usualEvaluations + usual.Evaluations[c], tinyEvaluations + tiny.Evaluations[c]);
        Assert.True(Math.Abs(tinyEvaluations - usualEvaluations) <= usualEvaluations / 100, $"{tinyEvaluations} evaluations against {usualEvaluations}");
        double[] units = [amplitude, time, amplitude];
        for (int c = 0; c < m; c++)
        {
            if (usual.Terminations[c] == FitTermination.NonFiniteStart || c % 11 == 0) // constants: a is 0 to rounding, τ undetermined
                continue;
            for (int j = 0; j < 3; j++)
            {
                double expected = units[j] * usual.Parameters[c * 3 + j], error = units[j] * usual.StandardErrors[c * 3 + j];
                Assert.True(Math.Abs(tiny.Parameters[c * 3 + j] - expected) <= 1e-10 * (Math.Abs(expected) + error),
                            $"curve {c} parameter {j}: {tiny.Parameters[c * 3 + j]:R} vs {expected:R}");
                Assert.True(Math.Abs(tiny.StandardErrors[c * 3 + j] - error) <= 1e-8 * error,
                            $"curve {c} error {j}: {tiny.StandardErrors[c * 3 + j]:R} vs {error:R}");
            }
        }
    }

    [Fact]
    public void WeightedDecaysWithoutPolishAndWithSmallBudgetsEqualTheScalarLanes()
    {
        var (t, y, starts) = MixedDecays(1000);
        var sigma = new double[y.GetLength(0), y.GetLength(1)];
        for (int c = 0; c < sigma.GetLength(0); c++)
            for (int i = 0; i < sigma.GetLength(1); i++)
                sigma[c, i] = 0.5 + (i + c) % 4;
        var problem = Problem<BatchModels.DecayModel>(t, y, starts, new BatchFitSetup { Sigma = sigma });
        AssertSameAsScalarLanes<BatchModels.DecayModel>(problem, new CurveFitOptions { PolishSolution = false });
        AssertSameAsScalarLanes<BatchModels.DecayModel>(problem, new CurveFitOptions { MaxFunctionEvaluations = 6 });
    }

    [Fact]
    public void SpotsEqualTheScalarLanes()
    {
        var (x, y, starts) = BatchTestCurves.FarStartSpots();
        AssertSameAsScalarLanes<BatchModels.SpotModel>(Problem<BatchModels.SpotModel>(x, y, starts));
    }

    [Fact]
    public void BoundedDecaysEqualTheScalarLanes()
    {
        // Per-curve bounds that bind for some curves: τ capped below the truth on every third curve, b held at or
        // above 0.2 on every fourth, a loose box elsewhere; starts inside.
        var (t, y, starts) = MixedDecays(2000);
        int m = y.GetLength(0);
        var lower = new double[m, 3];
        var upper = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            (lower[c, 0], lower[c, 1], lower[c, 2]) = (0, 1e-3, c % 4 == 0 ? 0.2 : -10);
            (upper[c, 0], upper[c, 1], upper[c, 2]) = (1e3, c % 3 == 0 ? 1.0 : 1e3, 10);
            for (int j = 0; j < 3; j++)
                starts[c, j] = Math.Clamp(starts[c, j], lower[c, j], upper[c, j]);
        }
        var problem = Problem<BatchModels.DecayModel>(t, y, starts, new BatchFitSetup { LowerBounds = lower, UpperBounds = upper });
        var result = AssertSameAsScalarLanes<BatchModels.DecayModel>(problem);
        // The bounds did bind: some τ ended on its cap of 1.
        Assert.Contains(Enumerable.Range(0, m), c => c % 3 == 0 && result.ParametersOf(c)[1] == 1.0);
    }

    [Fact]
    public void ASharedFixedParameterEqualsTheScalarLanes()
    {
        // b held at each curve's own start (0 or 10), with τ bounded: the lanes iterate over a and τ only.
        var (t, y, starts) = MixedDecays(1500);
        int m = y.GetLength(0);
        var lower = new double[1, 3];
        var upper = new double[1, 3];
        (lower[0, 0], lower[0, 1], lower[0, 2]) = (double.NegativeInfinity, 0.05, double.NegativeInfinity);
        (upper[0, 0], upper[0, 1], upper[0, 2]) = (double.PositiveInfinity, 60, double.PositiveInfinity);
        for (int c = 0; c < m; c++)
            starts[c, 1] = Math.Clamp(starts[c, 1], 0.05, 60);
        var problem = Problem<BatchModels.DecayModel>(t, y, starts, new BatchFitSetup
        {
            Fixed = new bool[,] { { false, false, true } }, LowerBounds = lower, UpperBounds = upper,
        });
        var result = AssertSameAsScalarLanes<BatchModels.DecayModel>(problem);
        for (int c = 0; c < m; c++)
        {
            Assert.Equal(starts[c, 2], result.ParametersOf(c)[2]);
            Assert.Equal(0, result.StandardErrorsOf(c)[2]);
        }
    }

    /// <summary>
    /// Large-residual curves held on a bound, whose polish takes Broyden's corrected and shortened steps
    /// (PolishSecant): the vectorized lanes take them lane by lane in the scalar code, with the same bits.
    /// </summary>
    [Fact]
    public void LargeResidualPolishIsTheScalarLanes()
    {
        const int m = 64, n = 30;
        var (t, y) = BatchTestCurves.CappedDecays(m, n, seed: 5);
        var problem = Problem<BatchModels.DecayModel>(t, y, new double[,] { { 5.5, 2, 0.5 } }, new BatchFitSetup
        {
            LowerBounds = new double[,] { { 0, 0.5, double.NegativeInfinity } },
            UpperBounds = new double[,] { { 6, 10, double.PositiveInfinity } },
        });
        var result = AssertSameAsScalarLanes<BatchModels.DecayModel>(problem);
        Assert.All(Enumerable.Range(0, m), c => Assert.Equal(6, result.ParametersOf(c)[0]));
    }

    /// <summary>
    /// Curves that fix different parameters are fitted group by group, each with its own free parameters in the
    /// vectorized step: three groups (none fixed, b fixed, τ and b fixed), interleaved, with bounds.
    /// </summary>
    [Fact]
    public void FixedParametersThatDifferBetweenCurvesAreVectorizedGroupByGroup()
    {
        const int m = 120;
        var (t, y, starts) = MixedDecays(m);
        var perCurve = new bool[m, 3];
        for (int c = 0; c < m; c++)
        {
            perCurve[c, 2] = c % 3 != 0;
            perCurve[c, 1] = c % 3 == 2;
        }
        var lower = new double[,] { { double.NegativeInfinity, 0, 0 } };  // b ≥ 0 binds on about half the free backgrounds
        var upper = new double[,] { { double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity } };
        var problem = Problem<BatchModels.DecayModel>(t, y, starts, new BatchFitSetup { Fixed = perCurve, LowerBounds = lower, UpperBounds = upper });
        var groups = BatchFitter.FixedGroups(problem)!;
        Assert.Equal([0, 1, 2], groups.Select(g => g.Representative));
        for (int g = 0; g < 3; g++)
            Assert.Equal(Enumerable.Range(0, m).Where(c => c % 3 == g), groups[g].Curves);
        var result = AssertSameAsScalarLanes<BatchModels.DecayModel>(problem);
        for (int c = 0; c < m; c++)
        {
            for (int j = 1; j < 3; j++)
                if (perCurve[c, j])
                    Assert.Equal(starts[c, j], result.ParametersOf(c)[j]);
        }
    }

    /// <summary>With more than 16 different sets of fixed parameters, the curves are fitted lane by lane; the same results.</summary>
    [Fact]
    public void ManySetsOfFixedParametersTakeTheScalarLanes()
    {
        const int m = 40;
        var (t, y, starts) = MixedDecays(m);
        var model = new bool[m, 3];
        for (int c = 0; c < m; c++)
            model[c, c % 3] = c % 2 == 0; // 4 patterns: enough to group
        var grouped = Problem<BatchModels.DecayModel>(t, y, starts, new BatchFitSetup { Fixed = model });
        AssertSameAsScalarLanes<BatchModels.DecayModel>(grouped);

        // A model with 5 parameters can fix them in up to 31 ways.
        var x = Enumerable.Range(0, 81).Select(i => (double)(i % 9)).Concat(Enumerable.Range(0, 81).Select(i => (double)(i / 9))).ToArray();
        var random = new Random(3);
        var spots = new double[64, 81];
        var spotStarts = new double[64, 5];
        var patterns = new bool[64, 5];
        for (int c = 0; c < 64; c++)
        {
            for (int i = 0; i < 81; i++)
            {
                double du = x[i] - 4, dv = x[81 + i] - 4;
                spots[c, i] = 100 * Math.Exp(-(du * du + dv * dv) / 4.5) + 10 + random.NextDouble();
            }
            (spotStarts[c, 0], spotStarts[c, 1], spotStarts[c, 2], spotStarts[c, 3], spotStarts[c, 4]) = (90, 4.2, 3.9, 1.4, 9);
            for (int j = 0; j < 5; j++)
                patterns[c, j] = (c >> j & 1) == 1 && j != 0; // 16 patterns over the last four, then a fifth…
            patterns[c, 0] = c >= 48 && (c & 30) != 30;        // …makes 23 (not all five)
        }
        var many = BatchProblem.Build(x, null, spots, spotStarts, new BatchFitSetup { Fixed = patterns }, 2, 5, BatchModels.SpotModel.ParameterNames);
        Assert.Equal(4, BatchFitter.FixedGroups(grouped)!.Count);
        Assert.Null(BatchFitter.FixedGroups(many));
        AssertSameAsScalarLanes<BatchModels.SpotModel>(many);
    }
}
