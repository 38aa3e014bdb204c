// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

public class StudentTTests
{
    [Theory]
    [InlineData(0.975, 1)]
    [InlineData(0.975, 4)]
    [InlineData(0.975, 30)]
    [InlineData(0.995, 7)]
    [InlineData(0.6, 2.5)]
    [InlineData(0.025, 12)]
    [InlineData(0.975, 1e6)]
    public void QuantileMatchesMathNet(double probability, double dof)
    {
        double expected = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, dof, probability);
        double actual = StudentT.InverseCdf(probability, dof);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"{actual:R} vs {expected:R}");
    }

    [Fact]
    public void KnownTableValue()
        // t(0.975, 10) = 2.228138851986274 (standard t table; scipy.stats.t.ppf(0.975, 10)).
        => Assert.Equal(2.228138851986274, StudentT.InverseCdf(0.975, 10), 12);

    [Fact]
    public void TheRememberedQuantileIsForTheArgumentsAskedAbout()
    {
        // Alternating arguments: each answer must be its own, not the one remembered from the call before.
        double[] dofs = [10, 11, 10, 10, 3, 11];
        double[] probabilities = [0.975, 0.975, 0.975, 0.995, 0.995, 0.975];
        for (int i = 0; i < dofs.Length; i++)
        {
            double expected = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, dofs[i], probabilities[i]);
            double actual = StudentT.InverseCdf(probabilities[i], dofs[i]);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"t({probabilities[i]}, {dofs[i]}) = {actual:R}, MathNet {expected:R}");
        }
    }
}
