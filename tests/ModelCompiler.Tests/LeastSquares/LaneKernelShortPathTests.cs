// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;
using ModelCompiler.Kernels;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// A generated lane kernel computes exp on its short path first and, when a lane's argument is out of that path's
/// range, runs the call again on the general path. The rerun must replace the first pass, not add to it, and must not
/// move another lane's bits.
/// </summary>
public class LaneKernelShortPathTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void ALaneOutOfTheShortRangeLeavesTheOtherLanesBitsAndGetsTheGeneralResult(int lanes)
    {
        if (lanes == 8 && !Vector512.IsHardwareAccelerated || lanes == 4 && !Vector256.IsHardwareAccelerated)
            lanes = 3; // the scalar path: the same contract, trivially
        const int n = 40, p = 3, outside = 2;
        var t = Enumerable.Range(0, n).Select(i => 0.25 * i).ToArray();
        var random = new Random(11);
        var y = Enumerable.Range(0, n * lanes).Select(_ => 100 * random.NextDouble()).ToArray();
        var parameters = new double[p * lanes];
        for (int l = 0; l < lanes; l++)
        {
            parameters[l] = 50 + l;
            parameters[lanes + l] = 2 + 0.5 * l;
            parameters[2 * lanes + l] = 3;
        }
        int length = NormalEquationsLayout.Length(p);
        var inRange = new double[length * lanes];
        BatchModels.DecayModel.AccumulateNormalEquationsLanes(t, parameters, y, [], inRange);

        // τ = 1e-3 puts −t/τ below −708 from t = 0.75 on: e^x underflows to 0 there.
        parameters[lanes + outside] = 1e-3;
        var mixed = new double[length * lanes];
        BatchModels.DecayModel.AccumulateNormalEquationsLanes(t, parameters, y, [], mixed);

        for (int l = 0; l < lanes; l++)
        {
            if (l == outside)
                continue;
            for (int s = 0; s < length; s++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(inRange[s * lanes + l]), BitConverter.DoubleToInt64Bits(mixed[s * lanes + l]));
        }
        double[] laneY = [.. Enumerable.Range(0, n).Select(i => y[i * lanes + outside])];
        double[] laneParameters = [parameters[outside], parameters[lanes + outside], parameters[2 * lanes + outside]];
        var expected = new double[length];
        ModelKernels.AccumulateNormalEquations<BatchModels.DecayModel>(t, n, laneParameters, laneY, [], new double[n], expected);
        for (int s = 0; s < length; s++)
        {
            double actual = mixed[s * lanes + outside];
            Assert.True(Math.Abs(actual - expected[s]) <= 1e-13 * Math.Max(1, Math.Abs(expected[s])),
                $"sum {s} of the lane out of range: {actual:R}, reference {expected[s]:R}");
        }
    }
}
