// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;
using ModelCompiler.Ode.Integration;
using ModelCompiler.Ode.LinearAlgebra;

namespace ModelCompiler.Tests.Ode;

/// <summary>The dense, banded and sparse LU factorizations of M = d·I − s·J, alone and inside the stiff methods.</summary>
public class LinearSolverTests
{
    [Theory]
    [InlineData(OdeLinearSolver.Dense, 12, 1.0)]
    [InlineData(OdeLinearSolver.Banded, 40, 1.0)]
    [InlineData(OdeLinearSolver.Sparse, 40, 1.0)]
    [InlineData(OdeLinearSolver.Dense, 12, 0.0)]
    [InlineData(OdeLinearSolver.Banded, 40, 0.0)]
    [InlineData(OdeLinearSolver.Sparse, 40, 0.0)]
    public void FactorAndSolveReproduceTheRightHandSide(OdeLinearSolver kind, int n, double diagonal)
    {
        // With d = 0 the matrix is −s·J, whose diagonal is small against the off-diagonals: pivoting is needed.
        // The check is the residual (backward error), since random matrices can be ill-conditioned.
        var random = new Random(7);
        var pattern = kind switch
        {
            OdeLinearSolver.Dense => SparsityPattern.Dense(n, n),
            OdeLinearSolver.Banded => SparsityPattern.Banded(n, 2, 3),
            _ => RandomSparsePattern(n, random),
        };
        var values = new double[pattern.NonzeroCount];
        for (int i = 0; i < n; i++)
            for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                values[k] = pattern.ColumnIndices[k] == i ? 1e-3 * random.NextDouble() : random.NextDouble() * 2 - 1;
        var matrix = NewtonMatrix.Create(pattern, kind);
        Assert.Equal(kind, matrix.Kind);
        for (int round = 0; round < 3; round++)
        {
            // The second and third factorizations reuse the sparse structure (numeric refactorization).
            double scale = 0.5 + round;
            Assert.True(matrix.Factor(values, diagonal, scale));
            var x = Enumerable.Range(0, n).Select(i => Math.Sin(i + round)).ToArray();
            var b = Multiply(pattern, values, diagonal, scale, x);
            var solved = (double[])b.Clone();
            matrix.Solve(solved);
            // Backward stability: the residual of the computed solution is at the rounding level of M·x.
            var residual = Multiply(pattern, values, diagonal, scale, solved);
            double size = 0, worst = 0;
            for (int i = 0; i < n; i++)
            {
                size = Math.Max(size, Math.Abs(b[i]));
                worst = Math.Max(worst, Math.Abs(residual[i] - b[i]));
            }
            Assert.True(worst < 1e-12 * size, $"{kind} round {round}: residual {worst:E2} against |b| {size:E2}");
        }
    }

    [Fact]
    public void SingularMatricesAreReportedNotFactored()
    {
        var pattern = SparsityPattern.Banded(6, 1, 1);
        var zeros = new double[pattern.NonzeroCount];
        foreach (var kind in new[] { OdeLinearSolver.Dense, OdeLinearSolver.Banded, OdeLinearSolver.Sparse })
            Assert.False(NewtonMatrix.Create(pattern, kind).Factor(zeros, 0, 1), kind.ToString());
    }

    [Fact]
    public void AutomaticChoiceFollowsThePattern()
    {
        Assert.Equal(OdeLinearSolver.Dense, NewtonMatrix.Create(SparsityPattern.Banded(10, 1, 1), OdeLinearSolver.Automatic).Kind);
        Assert.Equal(OdeLinearSolver.Banded, NewtonMatrix.Create(SparsityPattern.Banded(100, 2, 2), OdeLinearSolver.Automatic).Kind);
        Assert.Equal(OdeLinearSolver.Sparse, NewtonMatrix.Create(OdeSystems.RingDiffusionSystem.JacobianPattern(100), OdeLinearSolver.Automatic).Kind);
        Assert.Equal(OdeLinearSolver.Dense, NewtonMatrix.Create(SparsityPattern.Dense(40, 40), OdeLinearSolver.Automatic).Kind);
    }

    /// <summary>
    /// The Brusselator with 32 points (64 states, band 2): the band is what is factored (64·(2·2 + 2 + 1) entries, not
    /// 64²), and dense, banded and sparse LU give the same solution.
    /// </summary>
    [Theory]
    [InlineData("NDF")]
    [InlineData("Rodas5P")]
    public void BrusselatorFactorsTheBandAndAgreesWithDenseAndSparse(string method)
    {
        var y0 = BrusselatorSystem.InitialState(32);
        var problem = new OdeProblem<BrusselatorSystem>(y0, 0, 10, [0.02]);
        OdeResult Run(OdeLinearSolver kind) => OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method),
            new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-8, DenseOutput = false, OutputTimes = [10], LinearSolver = kind });
        var automatic = Run(OdeLinearSolver.Automatic);
        var dense = Run(OdeLinearSolver.Dense);
        var sparse = Run(OdeLinearSolver.Sparse);
        Assert.Equal(OdeLinearSolver.Banded, automatic.Statistics.LinearSolver);
        Assert.Equal(64 * 7, automatic.Statistics.FactorEntries);
        Assert.Equal(OdeLinearSolver.Dense, dense.Statistics.LinearSolver);
        Assert.Equal(64 * 64, dense.Statistics.FactorEntries);
        Assert.Equal(OdeLinearSolver.Sparse, sparse.Statistics.LinearSolver);
        Assert.True(sparse.Statistics.FactorEntries <= 64 * 7, $"sparse LU stores {sparse.Statistics.FactorEntries} entries");
        for (int j = 0; j < 64; j++)
        {
            Assert.True(Math.Abs(automatic[0, j] - dense[0, j]) < 1e-9, $"banded and dense differ at {j}: {automatic[0, j]} {dense[0, j]}");
            Assert.True(Math.Abs(automatic[0, j] - sparse[0, j]) < 1e-9, $"banded and sparse differ at {j}: {automatic[0, j]} {sparse[0, j]}");
        }
    }

    /// <summary>Diffusion on a ring (wrap-around stencil, not a band) goes to the sparse LU and matches the exact decay.</summary>
    [Theory]
    [InlineData("NDF")]
    [InlineData("Rodas4")]
    public void RingDiffusionUsesSparseLuAndMatchesTheExactSolution(string method)
    {
        const int n = 200;
        const double diffusion = 1e-3;
        var y0 = Enumerable.Range(0, n).Select(i => Math.Sin(2 * Math.PI * i / n)).ToArray();
        var problem = new OdeProblem<OdeSystems.RingDiffusionSystem>(y0, 0, 5, [diffusion]);
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method),
            new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10, OutputTimes = [5] });
        Assert.Equal(OdeLinearSolver.Sparse, result.Statistics.LinearSolver);
        Assert.True(result.Statistics.FactorEntries < 6 * n, $"{result.Statistics.FactorEntries} entries for n = {n}");
        // The discrete Laplacian's eigenvalue for the mode sin(2πi/n): −4Dn²·sin²(π/n).
        double decay = Math.Exp(-4 * diffusion * n * n * Math.Pow(Math.Sin(Math.PI / n), 2) * 5);
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(result[0, i] - decay * y0[i]) < 1e-6, $"y[{i}] = {result[0, i]} against {decay * y0[i]}");
    }

    [Fact]
    public void MinimumDegreeKeepsATridiagonalMatrixFreeOfFill()
    {
        var pattern = SparsityPattern.Banded(50, 1, 1);
        var order = MinimumDegree.Order(pattern);
        Assert.Equal(Enumerable.Range(0, 50), order.Order());
        var lu = new SparseLu(pattern);
        var values = Enumerable.Repeat(1.0, pattern.NonzeroCount).ToArray();
        Assert.True(lu.Factor(values, 4, 1));
        Assert.Equal(pattern.NonzeroCount, lu.FactorEntries);
    }

    private static SparsityPattern RandomSparsePattern(int n, Random random)
    {
        var entries = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            entries.Add((i, i));
            for (int k = 0; k < 3; k++)
                entries.Add((i, random.Next(n)));
        }
        return SparsityPattern.FromEntries(n, n, entries);
    }

    private static double[] Multiply(SparsityPattern pattern, double[] values, double diagonal, double scale, double[] x)
    {
        int n = x.Length;
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = diagonal * x[i];
            for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                b[i] -= scale * values[k] * x[pattern.ColumnIndices[k]];
        }
        return b;
    }
}
