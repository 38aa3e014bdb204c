// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares.Nist;
using NistModels = ModelCompiler.Generators.Tests.Models.Nist;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>Exchangeable terms come back in the order of the start (<see cref="CurveFitOptions.KeepStartLabels"/>).</summary>
public class StartLabelsTests
{
    // MGH17 random start 1 of the NIST random-starts benchmark (benchmarks/NIST-random-starts.md, seed 20250917):
    // b1 + b2·exp(−x·b4) + b3·exp(−x·b5) with b2 > 0, b4 ≈ 0.117 and b3 < 0, b5 ≈ 0.021, as the certified b2 = 1.94,
    // b4 = 0.0129 and b3 = −1.46, b5 = 0.0221 (NIST). The fit's path ends with the two exponentials swapped.
    private static readonly double[] Mgh17Start = [0.17876509161666082, 6.106700289538431, -6.473400177345735, 0.11662626632802266, 0.020664019889167492];

    [Fact]
    public void SwappedExponentialsComeBackInTheStartsOrder()
    {
        var problem = NistProblem.Load("MGH17");
        var asFound = CurveFit.Fit<NistModels.MGH17Model>(problem.X, problem.Y, Mgh17Start, new CurveFitOptions { KeepStartLabels = false });
        var labelled = CurveFit.Fit<NistModels.MGH17Model>(problem.X, problem.Y, Mgh17Start);

        Assert.True(asFound["b2"] < 0, asFound.ToString());   // the path's order: the negative amplitude first
        Assert.True(NistSuite.Lre(labelled.Parameters, problem.Certified) >= 6, labelled.ToString());
        Assert.Equal(asFound.ResidualSumOfSquares, labelled.ResidualSumOfSquares);
        // The search's work is counted: P + 1 = 6 Jacobians for the blocks, and 4 model evaluations (the reference and
        // one swap on the probe points, then the relabelled model against the fit's on all points).
        Assert.Equal(asFound.JacobianEvaluations + 6, labelled.JacobianEvaluations);
        Assert.Equal(asFound.FunctionEvaluations + 4, labelled.FunctionEvaluations);
        int[] order = [0, 2, 1, 4, 3];   // b1, then the two blocks (b2, b4) and (b3, b5) exchanged
        double[,] covariance = asFound.Covariance, relabelledCovariance = labelled.Covariance;
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(asFound[order[i]], labelled[i]);
            Assert.Equal(asFound.Parameter(order[i]).StandardError, labelled.Parameter(i).StandardError);
            Assert.Equal(asFound.ParameterNames[i], labelled.Parameter(i).Name);
            for (int j = 0; j < 5; j++)
                Assert.Equal(covariance[order[i], order[j]], relabelledCovariance[i, j]);
        }
    }

    [Fact]
    public void TermsThatAreNotAlikeKeepTheirPlaces()
    {
        // b1·exp(−b2·x) + b3·exp(−(x − b4)²/b5²) + …: Gauss1's decay and its two peaks; from the certified start the fit
        // is already in order, and the decay, alone of its kind, never moves.
        var problem = NistProblem.Load("Gauss1");
        var fit = CurveFit.Fit<NistModels.Gauss1Model>(problem.X, problem.Y, problem.Starts[1]);
        Assert.True(NistSuite.Lre(fit.Parameters, problem.Certified) >= 6, fit.ToString());
    }

    /// <summary>
    /// A formula whose parameters all play different parts (the generator says so) spends nothing on the search: the
    /// fit with labels kept is the fit without, evaluation counts and all. MGH17's alike exponentials keep the search.
    /// </summary>
    [Fact]
    public void FormulasWithoutAlikeTermsSkipTheSearch()
    {
        Assert.False(MayHaveExchangeableTerms<BatchModels.DecayModel>());
        Assert.True(MayHaveExchangeableTerms<NistModels.MGH17Model>());
        double[] t = Enumerable.Range(0, 30).Select(i => 0.2 * i).ToArray();
        double[] y = t.Select(v => 4 * Math.Exp(-v / 1.5) + 0.5 + 0.01 * Math.Sin(9 * v)).ToArray();
        var labelled = CurveFit.Fit<BatchModels.DecayModel>(t, y, [3, 1, 0]);
        var plain = CurveFit.Fit<BatchModels.DecayModel>(t, y, [3, 1, 0], new CurveFitOptions { KeepStartLabels = false });
        Assert.Equal(plain.Parameters, labelled.Parameters);
        Assert.Equal(plain.FunctionEvaluations, labelled.FunctionEvaluations);
        Assert.Equal(plain.JacobianEvaluations, labelled.JacobianEvaluations);
    }

    private static bool MayHaveExchangeableTerms<TModel>() where TModel : IModel => TModel.MayHaveExchangeableTerms;
}
