// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// CurveFit.StartSolvingLinear: the shared start with the affine parameters solved per curve, against least squares
/// written out here by the normal equations, and what the starts do for a batch whose curves differ in scale.
/// </summary>
public class LinearStartTests
{
    private static readonly double[] Times = Enumerable.Range(0, 40).Select(i => 0.25 * i).ToArray();

    private static double[] Start(CurveStart rule, double[] y, long curve = 0)
    {
        var start = new double[3];
        rule(curve, y, start);
        return start;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>a and b minimizing Σ wᵢ(a·φᵢ + b − yᵢ)² for φ = exp(−t/τ), by the 2×2 normal equations.</summary>
    private static (double A, double B) SolveDecay(double tau, double[] y, double[]? weights = null)
    {
        double s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0;
        for (int i = 0; i < Times.Length; i++)
        {
            double w = weights?[i] ?? 1, phi = Math.Exp(-Times[i] / tau);
            (s00, s01, s11, r0, r1) = (s00 + w * phi * phi, s01 + w * phi, s11 + w, r0 + w * phi * y[i], r1 + w * y[i]);
        }
        double det = s00 * s11 - s01 * s01;
        return ((s11 * r0 - s01 * r1) / det, (s00 * r1 - s01 * r0) / det);
    }

    [Fact]
    public void AmplitudeAndOffsetAreSolvedForEachCurveWithTheLifetimeShared()
    {
        var rule = CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Times, [1, 2.5, 0]);
        double[] exact = Times.Select(t => 4e5 * Math.Exp(-t / 2.5) + 37).ToArray();
        double[] start = Start(rule, exact);
        Assert.Equal(4e5, start[0], 4e5 * 1e-12);
        Assert.Equal(2.5, start[1]);
        Assert.Equal(37, start[2], 1e-7);

        var random = new Random(3);
        double[] noisy = Times.Select(t => 3e-9 * Math.Exp(-t / 1.7) + 1e-10 + 1e-11 * Gaussian(random)).ToArray();
        var (a, b) = SolveDecay(2.5, noisy);
        start = Start(rule, noisy);
        Assert.Equal(a, start[0], Math.Abs(a) * 1e-10);
        Assert.Equal(b, start[2], Math.Abs(a) * 1e-10);
    }

    [Fact]
    public void WeightsBoundsAndFixedParametersOfTheSetupAreKept()
    {
        var random = new Random(4);
        double[] y = Times.Select(t => 10 * Math.Exp(-t / 3) + 0.2 + 0.3 * Gaussian(random)).ToArray();
        double[] sigma = Times.Select((_, i) => 0.1 + 0.05 * (i % 7)).ToArray();
        var weighted = Start(CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Times, [1, 3, 0], new FitSetup { Sigma = sigma }), y);
        var (a, b) = SolveDecay(3, y, sigma.Select(s => 1 / (s * s)).ToArray());
        Assert.Equal(a, weighted[0], Math.Abs(a) * 1e-10);
        Assert.Equal(b, weighted[2], Math.Abs(a) * 1e-10);
        Assert.NotEqual(SolveDecay(3, y).A, weighted[0], Math.Abs(a) * 1e-6); // the weights were used

        // b's least-squares value lies below its bound: clipped there.
        var bounded = Start(CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Times, [1, 3, 0.5],
            new FitSetup { LowerBounds = [double.NegativeInfinity, 0, 0.5] }), y);
        Assert.True(SolveDecay(3, y).B < 0.5);
        Assert.Equal(0.5, bounded[2]);

        // b fixed at 2: a alone is solved, against y − 2.
        var held = Start(CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Times, [1, 3, 2], new FitSetup { Fixed = [false, false, true] }), y);
        double phiY = 0, phiPhi = 0;
        for (int i = 0; i < Times.Length; i++)
        {
            double phi = Math.Exp(-Times[i] / 3);
            (phiY, phiPhi) = (phiY + phi * (y[i] - 2), phiPhi + phi * phi);
        }
        Assert.Equal(2, held[2]);
        Assert.Equal(phiY / phiPhi, held[0], 1e-12 * Math.Abs(held[0]));
    }

    /// <summary>A shared lifetime so short that exp(−t/τ) is exactly 0 after the first point leaves a's column empty past it.</summary>
    [Fact]
    public void AParameterTheDataCannotTellKeepsItsSharedValue()
    {
        double[] late = Times.Skip(1).ToArray();   // from t = 0.25: exp(−t/τ) underflows to 0 at every point
        var rule = CurveFit.StartSolvingLinear<BatchModels.DecayModel>(late, [7, 1e-3, 0]);
        double[] y = late.Select((_, i) => 5.0 + (i % 2)).ToArray();
        var start = new double[3];
        rule(0, y, start);
        Assert.Equal(7, start[0]);
        Assert.Equal(y.Average(), start[2], 1e-12);
    }

    /// <summary>Spots whose brightness spans three decades, from one shared start: the solved starts converge where the shared one does not, in fewer evaluations.</summary>
    [Fact]
    public void SpotsOfEveryBrightnessConvergeFromOneSharedStart()
    {
        const int m = 400, side = 9, n = side * side;
        var random = new Random(5);
        var x = BatchTestCurves.Pixels(side);
        var y = new double[m, n];
        for (int c = 0; c < m; c++)
        {
            double a = Math.Pow(10, 1 + 3 * random.NextDouble()), x0 = 3 + 2 * random.NextDouble(), y0 = 3 + 2 * random.NextDouble();
            double s = 1 + 0.5 * random.NextDouble(), b = a * 0.05 * random.NextDouble();
            for (int i = 0; i < n; i++)
            {
                double du = x[i] - x0, dv = x[n + i] - y0;
                y[c, i] = a * Math.Exp(-(du * du + dv * dv) / (2 * s * s)) + b + Math.Sqrt(a) * 0.3 * Gaussian(random);
            }
        }
        double[] shared = [1, 4, 4, 1.2, 0];
        var plain = CurveFit.FitMany<BatchModels.SpotModel>(x, y, shared);
        CurveStart rule = CurveFit.StartSolvingLinear<BatchModels.SpotModel>(x, shared);
        var solved = CurveFit.FitMany<BatchModels.SpotModel>(x, y, rule);
        Assert.Equal(m, solved.ConvergedCount);
        Assert.True(plain.ConvergedCount < m, $"the shared start converged on all {m} curves; the test needs some it misses");
        Assert.True(solved.Evaluations.Average() < 0.5 * plain.Evaluations.Average(),
                    $"evaluations per curve {solved.Evaluations.Average():F1} against {plain.Evaluations.Average():F1} from the shared start");

        // The rule's starts as a matrix give the same fits, bit for bit.
        var starts = new double[m, 5];
        var start = new double[5];
        for (int c = 0; c < m; c++)
        {
            rule(c, Enumerable.Range(0, n).Select(i => y[c, i]).ToArray(), start);
            for (int j = 0; j < 5; j++)
                starts[c, j] = start[j];
        }
        Assert.Equal(CurveFit.FitMany<BatchModels.SpotModel>(x, y, starts).Parameters, solved.Parameters);
    }

    /// <summary>A batch large enough to compute the rule's starts on several threads gets the starts row order gives, and the first bad curve is still named.</summary>
    [Fact]
    public void ManyCurvesGetTheStartsOfRowOrder()
    {
        const int m = 10_000;
        double[] t = Times.Take(8).ToArray();
        var random = new Random(6);
        var y = new double[m, t.Length];
        for (int c = 0; c < m; c++)
        {
            double a = Math.Pow(10, 3 * random.NextDouble()), tau = 1 + random.NextDouble();
            for (int i = 0; i < t.Length; i++)
                y[c, i] = a * Math.Exp(-t[i] / tau) + 1 + 0.01 * a * Gaussian(random);
        }
        var rule = CurveFit.StartSolvingLinear<BatchModels.DecayModel>(t, [1, 1.5, 0]);
        var starts = new double[m, 3];
        var start = new double[3];
        for (int c = 0; c < m; c++)
        {
            rule(c, Enumerable.Range(0, t.Length).Select(i => y[c, i]).ToArray(), start);
            for (int j = 0; j < 3; j++)
                starts[c, j] = start[j];
        }
        var options = new CurveFitOptions { MaxDegreeOfParallelism = 2 };
        Assert.Equal(CurveFit.FitMany<BatchModels.DecayModel>(t, y, starts, options: options).Parameters,
                     CurveFit.FitMany<BatchModels.DecayModel>(t, y, rule, options: options).Parameters);

        y[9000, 3] = double.PositiveInfinity;
        y[5000, 6] = double.NaN;
        var bad = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, rule, options: options));
        Assert.Contains("y[curve 5000, 6] is NaN", bad.Message);
    }

    /// <summary>
    /// Curves on their own time axes: the rule solves each on its own x, as the shared-x rule made on that x does, bit for
    /// bit; the batch's starts do not depend on the thread count, and a streamed batch gets the same.
    /// </summary>
    [Fact]
    public void CurvesWithTheirOwnXAreSolvedOnTheirOwnPoints()
    {
        const int m = 9000;
        var random = new Random(31);
        var x = new double[m, Times.Length];
        var y = new double[m, Times.Length];
        for (int c = 0; c < m; c++)
        {
            double stretch = 0.5 + random.NextDouble(), a = Math.Pow(10, 1 + 4 * random.NextDouble()), tau = 1 + 2 * random.NextDouble();
            for (int i = 0; i < Times.Length; i++)
            {
                x[c, i] = stretch * Times[i];
                y[c, i] = a * Math.Exp(-x[c, i] / tau) + 3 + Gaussian(random);
            }
        }
        double[] shared = [1, 2.5, 0];
        var rule = CurveFit.StartSolvingLinearOnOwnX<BatchModels.DecayModel>(shared);
        double[] Row(double[,] matrix, int c) => [.. Enumerable.Range(0, Times.Length).Select(i => matrix[c, i])];
        for (int c = 0; c < 50; c++)
        {
            var own = new double[3];
            rule(c, Row(x, c), Row(y, c), own);
            Assert.Equal(Start(CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Row(x, c), shared), Row(y, c)), own);
            Assert.Equal(2.5, own[1]);
        }

        var parallel = CurveFit.FitMany<BatchModels.DecayModel>(x, y, rule);
        var serial = CurveFit.FitMany<BatchModels.DecayModel>(x, y, rule, options: new CurveFitOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(serial.Parameters, parallel.Parameters);
        Assert.Equal(m, parallel.ConvergedCount);
        var fromShared = CurveFit.FitMany<BatchModels.DecayModel>(x, y, new double[,] { { 1, 2.5, 0 } });
        Assert.True(parallel.Evaluations.Average() < 0.5 * fromShared.Evaluations.Average(),
                    $"{parallel.Evaluations.Average()} against {fromShared.Evaluations.Average()} evaluations per curve");
    }

    [Fact]
    public void ACurveWhoseOwnXTheStartCannotTakeIsNamed()
    {
        double[] shared = [1, 2.5, 0];
        var x = new double[3, 4];
        var y = new double[3, 4];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 4; i++)
                (x[c, i], y[c, i]) = (i, 5 * Math.Exp(-i / 2.0) + 1);
        x[2, 1] = double.NaN;
        var log = CurveFit.StartSolvingLinearOnOwnX<BatchModels.ShiftedLogModel>([1, 0.5]);
        var error = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.ShiftedLogModel>(
            new double[,] { { 1, 2 }, { 0.25, 2 } }, new double[,] { { 0, 1 }, { 0, 1 } }, log));
        Assert.Contains("Curve 1: The model is NaN at point 0 at the shared start", error.Message);

        var nan = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(x, y, CurveFit.StartSolvingLinearOnOwnX<BatchModels.DecayModel>(shared)));
        Assert.Contains("x[curve 2, 1] is NaN", nan.Message);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var empty = Assert.Throws<ArgumentException>(() => CurveFit.StartSolvingLinear<BatchModels.SpotModel>(new double[7], [1, 4, 4, 1.2, 0]));
        Assert.Equal("x", empty.ParamName);
        Assert.Contains("points of 2 variables", empty.Message);

        var few = Assert.Throws<ArgumentException>(() => CurveFit.StartSolvingLinear<BatchModels.DecayModel>([0.0, 1], [1, 3, 0]));
        Assert.Equal("x", few.ParamName);
        Assert.Contains("There are 2 points but 3 free parameters", few.Message);

        var length = Assert.Throws<ArgumentException>(() => CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Times, [1, 3]));
        Assert.Contains("initial has 2 values but the model has 3 parameters", length.Message);

        // a·log(x − c) with c above some x: not finite there whatever a is.
        var notFinite = Assert.Throws<ArgumentException>(() => CurveFit.StartSolvingLinear<BatchModels.ShiftedLogModel>(Times, [1, 2]));
        Assert.Contains("The model is NaN at point 0 at the shared start", notFinite.Message);

        // A curve with a NaN keeps the shared start, and the batch names the value.
        var y = new double[3, Times.Length];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < Times.Length; i++)
                y[c, i] = 5 * Math.Exp(-Times[i] / 2) + c;
        y[2, 11] = double.NaN;
        var rule = CurveFit.StartSolvingLinear<BatchModels.DecayModel>(Times, [1, 2, 0]);
        Assert.Equal([1, 2, 0], Start(rule, Enumerable.Range(0, Times.Length).Select(i => y[2, i]).ToArray()));
        var nan = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(Times, y, rule));
        Assert.Contains("y[curve 2, 11] is NaN", nan.Message);

        // Curves one point short of x: said of x and the curves, before the rule sees a row.
        var shape = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(Times, new double[3, Times.Length - 1], rule));
        Assert.Equal("x", shape.ParamName);
        Assert.Contains($"x has {Times.Length} values but the curves have {Times.Length - 1} points", shape.Message);
    }
}
