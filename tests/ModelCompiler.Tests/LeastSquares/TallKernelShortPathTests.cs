// SPDX-License-Identifier: MIT
using ModelCompiler.Kernels;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// A generated tall kernel (one fit, many points) runs its vector loop with exp on the short path first and, when a
/// point's argument is out of that path's range, runs the loop again on the general path. The rerun must replace the
/// first pass, sums and residuals alike, so that the result is the reference's.
/// </summary>
public class TallKernelShortPathTests
{
    [Theory]
    [InlineData(2.0)]      // every argument in range
    [InlineData(1e-3)]     // −t/τ below −708 from t = 0.75 on: e^x underflows to 0 there
    public void PointsOutOfTheShortRangeGetTheReferenceSums(double tau)
    {
        const int n = 45, p = 3;
        var t = Enumerable.Range(0, n).Select(i => 0.25 * i).ToArray();
        var random = new Random(5);
        var y = Enumerable.Range(0, n).Select(_ => 100 * random.NextDouble()).ToArray();
        double[] parameters = [50, tau, 3];
        int length = NormalEquationsLayout.Length(p);
        var expected = new double[length];
        var expectedResiduals = new double[n];
        ModelKernels.AccumulateNormalEquations<BatchModels.DecayModel>(t, n, parameters, y, [], expectedResiduals, expected);
        var actual = new double[length];
        var residuals = new double[n];
        BatchModels.DecayModel.AccumulateNormalEquations(t, n, parameters, y, [], residuals, actual);
        for (int s = 0; s < length; s++)
            Assert.True(Math.Abs(actual[s] - expected[s]) <= 1e-13 * Math.Max(1, Math.Abs(expected[s])),
                $"sum {s}: {actual[s]:R}, reference {expected[s]:R}");
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(residuals[i] - expectedResiduals[i]) <= 1e-13 * Math.Max(1, Math.Abs(y[i])),
                $"residual {i}: {residuals[i]:R}, reference {expectedResiduals[i]:R}");
    }
}
