using ModelCompiler.Generators.Tests.Models;
using ModelCompiler.Ode;
using ModelCompiler.Optimization;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The sparsity the generator detects at compile time is the true one, probed numerically: moving an unknown that lies
/// outside a row's pattern leaves that row's value bit for bit unchanged (its derivative is zero everywhere), and every
/// entry of the pattern is nonzero at some random point. Checked at several sizes for every system in the catalog.
/// </summary>
public class SparsityTests
{
    private const int Points = 6;

    public static TheoryData<string> Systems() => new(SystemCatalog.Systems.Keys.Order());

    [Theory]
    [MemberData(nameof(Systems))]
    public void DetectedPatternIsTheTruePattern(string system) => SystemCatalog.Systems[system](new Prober());

    [Fact]
    public void PatternsHaveTheExpectedStructure()
    {
        Assert.Equal(MatrixStructure.Banded, Odes.HeatSystem.JacobianPattern(50).Structure);
        Assert.Equal(MatrixStructure.Sparse, IndexedSystems.AdvectionSystem.JacobianPattern(50).Structure); // the periodic corners
        Assert.Equal((5, 1), (IndexedSystems.BroydenBandedEquations.JacobianPattern(50).LowerBandwidth,
                              IndexedSystems.BroydenBandedEquations.JacobianPattern(50).UpperBandwidth));
        Assert.Equal("10×10 banded (lower 1, upper 1), 20 nonzeros", IndexedSystems.ExtendedRosenbrockObjective.HessianPattern(10).ToString());
        Assert.Equal(MatrixStructure.Sparse, IndexedSystems.SmoothnessObjective.HessianPattern(50).Structure);
        Assert.Equal(7, Odes.RobertsonSystem.JacobianPattern(3).NonzeroCount); // y3' = k2·y2² reads y2 alone
        Assert.Equal(MatrixStructure.Dense, Objectives.RosenbrockObjective.HessianPattern(2).Structure);
        Assert.Equal(8, Odes.LorenzSystem.JacobianPattern(3).NonzeroCount); // ∂x'/∂z = 0
    }

    [Fact]
    public void APatternIsBuiltOncePerSize()
    {
        Assert.Same(Odes.HeatSystem.JacobianPattern(40), Odes.HeatSystem.JacobianPattern(40));
        Assert.Same(Objectives.RosenbrockNObjective.HessianPattern(40), Objectives.RosenbrockNObjective.HessianPattern(40));
        Assert.NotSame(Odes.HeatSystem.JacobianPattern(40), Odes.HeatSystem.JacobianPattern(41));
    }

    private sealed class Prober : SystemCatalog.IVisitor
    {
        public void VisitOde<TSystem>(string name, SystemDomain domain) where TSystem : IOdeSystem
        {
            var random = new Random(11);
            foreach (int n in Sizes(TSystem.StateCount, TSystem.MinimumStateCount, domain))
            {
                var parameters = domain.SampleParameters(random);
                double t = domain.SampleTime(random);
                Check(name, n, TSystem.JacobianPattern(n), n,
                    y => { var f = new double[n]; TSystem.Evaluate(t, y, parameters, f); return f; },
                    y => { var j = new double[TSystem.JacobianPattern(n).NonzeroCount]; TSystem.Jacobian(t, y, parameters, j); return j; },
                    () => domain.SampleState(random, n));
            }
        }

        public void VisitObjective<TObjective>(string name, SystemDomain domain) where TObjective : IObjective
        {
            var random = new Random(13);
            foreach (int n in Sizes(TObjective.ParameterCount, TObjective.MinimumParameterCount, domain))
            {
                var pattern = TObjective.HessianPattern(n);
                Assert.True(IsSymmetric(pattern), $"{name} n={n}: the Hessian's pattern is not symmetric");
                Check(name, n, pattern, n,
                    x => { var g = new double[n]; TObjective.EvaluateWithGradient(x, g); return g; },
                    x => { var h = new double[pattern.NonzeroCount]; TObjective.Hessian(x, h); return h; },
                    () => domain.SampleState(random, n));
            }
        }

        public void VisitEquations<TEquations>(string name, SystemDomain domain) where TEquations : IEquationSystem
        {
            var random = new Random(17);
            foreach (int n in Sizes(TEquations.ParameterCount, TEquations.MinimumParameterCount, domain))
            {
                int m = TEquations.EquationCount(n);
                var pattern = TEquations.JacobianPattern(n);
                Check(name, n, pattern, m,
                    x => { var r = new double[m]; TEquations.Evaluate(x, r); return r; },
                    x => { var j = new double[pattern.NonzeroCount]; TEquations.Jacobian(x, j); return j; },
                    () => domain.SampleState(random, n));
            }
        }

        private static IEnumerable<int> Sizes(int? fixedCount, int minimum, SystemDomain domain) =>
            SystemCatalog.Sizes(fixedCount, minimum, domain).Append(fixedCount ?? minimum).Distinct();

        /// <param name="rows">The function whose derivative the pattern describes: f for a Jacobian, ∇f for a Hessian.</param>
        private static void Check(string name, int n, SparsityPattern pattern, int m, Func<double[], double[]> rows,
                                  Func<double[], double[]> values, Func<double[]> sample)
        {
            Assert.Equal((m, n), (pattern.RowCount, pattern.ColumnCount));
            var seenNonzero = new bool[pattern.NonzeroCount];
            for (int point = 0; point < Points; point++)
            {
                var x = sample();
                var at = rows(x);
                var entries = values(x);
                for (int k = 0; k < entries.Length; k++)
                    seenNonzero[k] |= entries[k] != 0;
                for (int j = 0; j < n; j++)
                {
                    var moved = (double[])x.Clone();
                    moved[j] += 0.75 + 0.5 * point;
                    var after = rows(moved);
                    for (int i = 0; i < m; i++)
                        if (pattern.IndexOf(i, j) < 0)
                            Assert.True(at[i] == after[i] || (double.IsNaN(at[i]) && double.IsNaN(after[i])),
                                $"{name} n={n}: row {i} changes with unknown {j}, which is outside the pattern");
                }
            }
            for (int k = 0; k < seenNonzero.Length; k++)
                Assert.True(seenNonzero[k], $"{name} n={n}: pattern entry {k} is zero at every point tried");
        }

        private static bool IsSymmetric(SparsityPattern pattern)
        {
            for (int i = 0; i < pattern.RowCount; i++)
                for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                    if (pattern.IndexOf(pattern.ColumnIndices[k], i) < 0)
                        return false;
            return true;
        }
    }
}
