// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// Every log-likelihood trace is a total over the points, one entry per iteration, taken at the parameters the
/// iteration started from (its E-step); scikit-learn's per-point lower bound stays beside it for parity.
/// </summary>
public sealed class TraceConventionTests
{
    [Fact]
    public void GaussianMixtureTraceIsTheTotalLogLikelihoodAtTheParametersEachIterationStartsFrom()
    {
        double[,] x = SyntheticMixtures.ThreeClusters2D(3000, 7);
        int n = x.GetLength(0);
        var gmm = new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { MaxIterations = 1, Tolerance = 0, WarmStart = true } });
        gmm.Fit(x);
        for (int step = 0; step < 4; step++)
        {
            double total = gmm.ScoreSamples(x).Sum();
            gmm.Fit(x);
            Assert.Single(gmm.FitSummary.LogLikelihoodTrace);
            Assertions.Relative(total, gmm.FitSummary.LogLikelihoodTrace[0], 1e-12, $"total log-likelihood, step {step}");
            Assertions.Relative(total / n, gmm.FitSummary.LowerBoundTrace[0], 1e-12, $"scikit-learn's mean, step {step}");
        }
    }
}
