// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>Models of the batch tests, compiled by the generator so that its lane kernels run.</summary>
public static partial class BatchModels
{
    [Model("a*exp(-t/tau) + b")]
    public static partial double Decay(double t, double a, double tau, double b);

    [Model("a*exp(-((u-x0)^2 + (v-y0)^2)/(2*s^2)) + b")]
    public static partial double Spot([Variable] double u, [Variable] double v, double a, double x0, double y0, double s, double b);

    // Not finite where x ≤ c: a start with c above some x fails there.
    [Model("a*log(x - c)")]
    public static partial double ShiftedLog(double x, double a, double c);
}

/// <summary>
/// CurveFit.FitMany against CurveFit.Fit curve by curve, and the batch's own promises: results that do not depend
/// on the partition or the thread count, per-curve settings, per-curve failures, progress and cancellation.
/// </summary>
public class BatchFitTests
{
    private static double[] DecayTimes(int n) => Enumerable.Range(0, n).Select(i => 0.25 * i).ToArray();

    /// <summary>Curves of a·exp(−t/τ) + b with a, τ, b drawn per curve and Gaussian noise, from a fixed seed.</summary>
    private static (double[] T, double[,] Y, double[,] Truth) DecayCurves(int m, int n, int seed)
    {
        var random = new Random(seed);
        double[] t = DecayTimes(n);
        var y = new double[m, n];
        var truth = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            double a = 5 + 10 * random.NextDouble(), tau = 1 + 3 * random.NextDouble(), b = random.NextDouble();
            (truth[c, 0], truth[c, 1], truth[c, 2]) = (a, tau, b);
            for (int i = 0; i < n; i++)
                y[c, i] = a * Math.Exp(-t[i] / tau) + b + 0.1 * Gaussian(random);
        }
        return (t, y, truth);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Row(double[,] matrix, int row) =>
        Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[row, j]).ToArray();

    /// <summary>|batch − single| ≤ 1e-10 relative, on the scale of the value or its standard error, whichever is larger.</summary>
    private static void AssertMatchesSingleFit(BatchFitResult batch, int curve, CurveFitResult single)
    {
        Assert.True(single.IsConverged && batch.IsConverged(curve), $"curve {curve}: {single.Termination} vs {batch.Terminations[curve]}");
        for (int j = 0; j < batch.ParameterCount; j++)
        {
            double expected = single[j], actual = batch.ParametersOf(curve)[j];
            double se = single.Parameter(j).StandardError;
            double scale = Math.Max(Math.Abs(expected), se);
            Assert.True(Math.Abs(actual - expected) <= 1e-10 * scale, $"curve {curve} parameter {j}: {actual:R} vs {expected:R}");
            double actualSe = batch.StandardErrorsOf(curve)[j];
            Assert.True(Math.Abs(actualSe - se) <= 1e-10 * Math.Max(se, 1e-300), $"curve {curve} standard error {j}: {actualSe:R} vs {se:R}");
        }
        double rss = single.ResidualSumOfSquares;
        Assert.True(Math.Abs(batch.ResidualSumOfSquares[curve] - rss) <= 1e-10 * rss, $"curve {curve} RSS {batch.ResidualSumOfSquares[curve]:R} vs {rss:R}");
    }

    [Fact]
    public void AnEmptyResultHasItsShapeAndRefusesNegativeCounts()
    {
        var empty = new BatchFitResult("a*exp(-t/tau) + b", ["a", "tau", "b"], curveCount: 4, pointCount: 64);
        Assert.Equal(12, empty.Parameters.Length);
        Assert.Equal(12, empty.StandardErrors.Length);
        Assert.Equal(4, empty.ResidualSumOfSquares.Length);
        Assert.Equal("curveCount", Assert.Throws<ArgumentException>(() => new BatchFitResult("a", ["a"], -1, 3)).ParamName);
        Assert.Equal("pointCount", Assert.Throws<ArgumentException>(() => new BatchFitResult("a", ["a"], 1, -3)).ParamName);
    }

    [Fact]
    public void TenThousandCurvesMatchSingleFits()
    {
        const int m = 10_000, n = 24;
        var (t, y, _) = DecayCurves(m, n, seed: 1);
        double[] start = [8, 2, 0.5];
        var batch = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start);
        Assert.Equal(m, batch.CurveCount);
        for (int c = 0; c < m; c++)
            AssertMatchesSingleFit(batch, c, CurveFit.Fit<BatchModels.DecayModel>(t, Row(y, c), start));
    }

    [Fact]
    public void SpotsWithPerCurveStartsMatchSingleFits()
    {
        // 2-D Gaussian spots on 9×9 pixels, two variables: x is column-major n×2 and shared by every curve.
        const int m = 300, side = 9, n = side * side;
        var random = new Random(2);
        var x = BatchTestCurves.Pixels(side);
        var y = new double[m, n];
        var starts = new double[m, 5];
        for (int c = 0; c < m; c++)
        {
            double a = 50 + 100 * random.NextDouble(), x0 = 3 + 2 * random.NextDouble(), y0 = 3 + 2 * random.NextDouble();
            double s = 1 + 0.5 * random.NextDouble(), b = 5 + 5 * random.NextDouble();
            for (int i = 0; i < n; i++)
            {
                double du = x[i] - x0, dv = x[n + i] - y0;
                y[c, i] = a * Math.Exp(-(du * du + dv * dv) / (2 * s * s)) + b + Math.Sqrt(a) * 0.3 * Gaussian(random);
            }
            (starts[c, 0], starts[c, 1], starts[c, 2], starts[c, 3], starts[c, 4]) = (a * 0.8, 4, 4, 1.2, b + 1);
        }
        var batch = CurveFit.FitMany<BatchModels.SpotModel>(x, y, starts);
        for (int c = 0; c < m; c++)
            AssertMatchesSingleFit(batch, c, CurveFit.Fit<BatchModels.SpotModel>(x, Row(y, c), Row(starts, c)));
    }

    [Fact]
    public void SpotsWithTheirOwnPixelsAndSigmaMatchSingleFits()
    {
        // Five parameters: on 256-bit vectors the lane kernel stores each block's rows and sums them in groups (the
        // fused loop's 27 vectors outnumber the registers). Each curve's own grid and sigma take its per-lane loads and
        // weights; 7×7 = 49 points leave a short last block.
        const int m = 120, side = 7, n = side * side;
        var random = new Random(21);
        var pixels = BatchTestCurves.Pixels(side);
        var x = new double[m, 2 * n];
        var y = new double[m, n];
        var sigma = new double[m, n];
        var starts = new double[m, 5];
        for (int c = 0; c < m; c++)
        {
            double shiftU = random.NextDouble() - 0.5, shiftV = random.NextDouble() - 0.5;
            double a = 50 + 100 * random.NextDouble(), x0 = 2.5 + random.NextDouble(), y0 = 2.5 + random.NextDouble();
            double s = 0.9 + 0.4 * random.NextDouble(), b = 5 + 5 * random.NextDouble();
            for (int i = 0; i < n; i++)
            {
                x[c, i] = pixels[i] + shiftU;
                x[c, n + i] = pixels[n + i] + shiftV;
                double du = x[c, i] - x0, dv = x[c, n + i] - y0;
                double mean = a * Math.Exp(-(du * du + dv * dv) / (2 * s * s)) + b;
                sigma[c, i] = Math.Sqrt(mean);
                y[c, i] = mean + sigma[c, i] * Gaussian(random);
            }
            (starts[c, 0], starts[c, 1], starts[c, 2], starts[c, 3], starts[c, 4]) = (a * 0.8, 3, 3, 1.2, b + 1);
        }
        var batch = CurveFit.FitMany<BatchModels.SpotModel>(x, y, starts, new BatchFitSetup { Sigma = sigma });
        for (int c = 0; c < m; c++)
            AssertMatchesSingleFit(batch, c, CurveFit.Fit<BatchModels.SpotModel>(Row(x, c), Row(y, c), Row(starts, c),
                                                                                  new FitSetup { Sigma = Row(sigma, c) }));
    }

    [Fact]
    public void PerCurveXWeightsBoundsAndFixedParametersMatchSingleFits()
    {
        const int m = 200, n = 30;
        var (_, y, _) = DecayCurves(m, n, seed: 3);
        var random = new Random(4);
        var x = new double[m, n];
        var sigma = new double[m, n];
        var fixedFlags = new bool[m, 3];
        var lower = new double[m, 3];
        var upper = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            for (int i = 0; i < n; i++)
            {
                x[c, i] = 0.25 * i + 0.01 * random.NextDouble();
                sigma[c, i] = 0.05 + 0.1 * random.NextDouble();
            }
            fixedFlags[c, 2] = c % 3 == 0;                    // a third of the curves hold b at its start
            (lower[c, 0], lower[c, 1], lower[c, 2]) = (0, 0.5, double.NegativeInfinity);
            (upper[c, 0], upper[c, 1], upper[c, 2]) = (c % 5 == 0 ? 6 : double.PositiveInfinity, 10, double.PositiveInfinity);
        }
        double[] start = [5.5, 2, 0.5];
        var setup = new BatchFitSetup { Sigma = sigma, Fixed = fixedFlags, LowerBounds = lower, UpperBounds = upper };
        var batch = CurveFit.FitMany<BatchModels.DecayModel>(x, y, new double[,] { { 5.5, 2, 0.5 } }, setup);
        for (int c = 0; c < m; c++)
        {
            var single = CurveFit.Fit<BatchModels.DecayModel>(Row(x, c), Row(y, c), start, new FitSetup
            {
                Sigma = Row(sigma, c),
                Fixed = [false, false, fixedFlags[c, 2]],
                LowerBounds = Row(lower, c),
                UpperBounds = Row(upper, c),
            });
            AssertMatchesSingleFit(batch, c, single);
            if (fixedFlags[c, 2])
                Assert.Equal(0.5, batch.ParametersOf(c)[2]);
        }
        Assert.Contains(Enumerable.Range(0, m), c => batch.ParametersOf(c)[0] == 6); // some curves end on a bound
    }

    [Fact]
    public void ResultsDoNotDependOnPartitionOrThreads()
    {
        const int m = 203, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 5);
        double[] start = [8, 2, 0.5];
        var all = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start, options: new CurveFitOptions { MaxDegreeOfParallelism = 2 });
        var serial = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start, options: new CurveFitOptions { MaxDegreeOfParallelism = 1 });
        const int first = 37, count = 101;
        var part = new double[count, n];
        for (int c = 0; c < count; c++)
            for (int i = 0; i < n; i++)
                part[c, i] = y[first + c, i];
        var partition = CurveFit.FitMany<BatchModels.DecayModel>(t, part, start);
        Assert.Equal(all.Parameters, serial.Parameters);
        Assert.Equal(all.StandardErrors, serial.StandardErrors);
        for (int c = 0; c < count; c++)
        {
            Assert.Equal(all.ParametersOf(first + c).ToArray(), partition.ParametersOf(c).ToArray());
            Assert.Equal(all.ResidualSumOfSquares[first + c], partition.ResidualSumOfSquares[c]);
            Assert.Equal(all.Terminations[first + c], partition.Terminations[c]);
        }
    }

    [Fact]
    public void ANonFiniteStartIsReportedForItsCurveAlone()
    {
        double[] x = Enumerable.Range(1, 12).Select(i => (double)i).ToArray();
        var y = new double[3, 12];
        for (int i = 0; i < 12; i++)
            (y[0, i], y[1, i], y[2, i]) = (2 * Math.Log(x[i]), 3 * Math.Log(x[i] + 1), Math.Log(x[i] - 0.5));
        var starts = new double[,] { { 1, 0 }, { 1, 5 }, { 1, 0.2 } }; // curve 1 starts with log of negatives
        var batch = CurveFit.FitMany<BatchModels.ShiftedLogModel>(x, y, starts);
        Assert.Equal(FitTermination.NonFiniteStart, batch.Terminations[1]);
        Assert.Equal([1.0, 5.0], batch.ParametersOf(1).ToArray());
        Assert.True(batch.IsConverged(0) && batch.IsConverged(2), batch.ToString());
        Assert.Equal(2, batch.ParametersOf(0)[0], 1e-9);
        Assert.Contains("1 NonFiniteStart", batch.ToString());
    }

    [Fact]
    public void BadInputNamesTheCurveAndThePoint()
    {
        double[] t = DecayTimes(5);
        var y = new double[4, 5];
        y[2, 3] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, [1.0, 1, 0]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("y[curve 2, 3] is NaN", e.Message);

        y[2, 3] = 0;
        e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, new double[3, 3]));
        Assert.Equal("initial", e.ParamName);
        Assert.Contains("one per curve (4)", e.Message);

        var sigma = new double[1, 5] { { 1, 1, 1, -1, 1 } };
        e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, [1.0, 1, 0], new BatchFitSetup { Sigma = sigma }));
        Assert.Contains("sigma[curve 0, point 3] is -1", e.Message);

        e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(new double[4], y, [1.0, 1, 0]));
        Assert.Equal("x", e.ParamName);

        double[] badT = [0, 1, 2, 3, double.PositiveInfinity];
        e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(badT, y, [1.0, 1, 0]));
        Assert.Contains("x at point 4, variable 0 is Infinity", e.Message);

        var starts = new double[4, 3];
        starts[3, 1] = double.NaN;
        e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, starts));
        Assert.Contains("initial[curve 3, 1] is NaN", e.Message);
    }

    [Fact]
    public void ALargeBatchNamesItsFirstNonFiniteValue()
    {
        // 20,000 curves are summed in parallel blocks of 4,096; the first bad value in curve order is named, whichever
        // block finishes first, and a value whose square overflows is no bad value.
        double[] t = DecayTimes(64);
        var y = new double[20_000, 64];
        for (int c = 0; c < 20_000; c++)
            for (int i = 0; i < 64; i++)
                y[c, i] = 100 * Math.Exp(-t[i] / 5) + 1;
        y[19_000, 7] = double.NegativeInfinity;
        y[5_000, 3] = 1e300;
        y[13_000, 60] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, [100.0, 5, 1]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("y[curve 13000, 60] is NaN", e.Message);
    }

    /// <summary>
    /// A curve too small or too large to square is refused by name, as the single fit refuses it; a curve so large
    /// that the lanes' normal equations would overflow (before, it came back as a non-finite start) is fitted by the
    /// single-curve solver, with its result, while the others keep the lanes' results.
    /// </summary>
    [Fact]
    public void CurvesOnExtremeScalesAreRefusedOrFittedAlone()
    {
        const int m = 20, n = 24;
        var (t, y, _) = DecayCurves(m, n, seed: 12);
        double[] start = [8, 2, 0.5];
        var ordinary = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start);

        var tiny = (double[,])y.Clone();
        for (int i = 0; i < n; i++)
            tiny[13, i] *= 1e-200;
        var e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, tiny, start));
        Assert.Contains("y of curve 13 is too small", e.Message);

        var overflowing = (double[,])y.Clone();
        for (int i = 0; i < n; i++)
            overflowing[7, i] *= 1e160;   // Σy² near 1e323: the RSS would be infinite
        e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, overflowing, start));
        Assert.Contains("y of curve 7 is too large", e.Message);

        var huge = (double[,])y.Clone();
        var starts = new double[m, 3];
        for (int c = 0; c < m; c++)
            (starts[c, 0], starts[c, 1], starts[c, 2]) = (8, 2, 0.5);
        for (int i = 0; i < n; i++)
            huge[5, i] *= 1e140;          // Σy² near 1e283, beyond the lanes' 1e250
        (starts[5, 0], starts[5, 2]) = (8e140, 0.5e140);
        var batch = CurveFit.FitMany<BatchModels.DecayModel>(t, huge, starts);
        var single = CurveFit.Fit<BatchModels.DecayModel>(t, Row(huge, 5), [8e140, 2, 0.5e140]);
        Assert.True(double.IsFinite(single.ResidualSumOfSquares) && double.IsFinite(single.Parameter(0).StandardError), single.ToString());
        Assert.True(single.IsConverged, single.ToString());
        Assert.Equal(single.Termination, batch.Terminations[5]);
        Assert.Equal(single.Parameters, batch.ParametersOf(5).ToArray());
        Assert.Equal(single["tau"], ordinary.ParametersOf(5)[1], 1e-9);
        for (int c = 0; c < m; c++)
            if (c != 5)
                Assert.Equal(ordinary.ParametersOf(c).ToArray(), batch.ParametersOf(c).ToArray());

        // Curves fitted alone answer cancellation too: here no lane ever takes a curve.
        for (int c = 0; c < m; c++)
        {
            for (int i = 0; i < n; i++)
                huge[c, i] = 1e140 * y[c, i];
            (starts[c, 0], starts[c, 2]) = (8e140, 0.5e140);
        }
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CurveFit.FitMany<BatchModels.DecayModel>(
            t, huge, starts, options: new CurveFitOptions { MaxDegreeOfParallelism = 1 }, cancellationToken: cancelled.Token));
    }

    /// <summary>
    /// a·b·x + c fitted to lines converges with a and b known only as their product: converged, but not determined, as
    /// the infinite standard errors say; fixing b determines the rest.
    /// </summary>
    [Fact]
    public void ConfoundedParametersConvergeWithoutBeingDetermined()
    {
        double[] x = [.. Enumerable.Range(0, 10).Select(i => (double)i)];
        var y = new double[3, x.Length];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < x.Length; i++)
                y[c, i] = (2 + c) * x[i] + 1 + 0.01 * Math.Sin(c + 5 * i);
        var batch = CurveFit.FitMany<ProjectionModels.ProductModel>(x, y, [1.0, 1, 0]);
        for (int c = 0; c < 3; c++)
        {
            Assert.True(batch.IsConverged(c), batch.ToString());
            Assert.False(batch.IsDetermined(c), batch.ToString());
            Assert.Equal(double.PositiveInfinity, batch.StandardErrorsOf(c)[0]);
        }
        Assert.Contains("3 converged (100.00%), 3 of them with a parameter the data do not determine (standard error ∞).", batch.ToString());

        var fixedB = new BatchFitSetup { Fixed = new bool[,] { { false, true, false } } };
        var determined = CurveFit.FitMany<ProjectionModels.ProductModel>(x, y, [1.0, 1, 0], fixedB);
        Assert.All(Enumerable.Range(0, 3), c => Assert.True(determined.IsDetermined(c), determined.ToString()));
        Assert.EndsWith("3 converged (100.00%).", determined.ToString());
    }

    [Fact]
    public void ProgressReachesEveryCurveAndCancellationStops()
    {
        const int m = 500, n = 16;
        var (t, y, _) = DecayCurves(m, n, seed: 6);
        var reports = new List<BatchFitProgress>();
        var progress = new SynchronousProgress<BatchFitProgress>(p => { lock (reports) reports.Add(p); });
        var batch = CurveFit.FitMany<BatchModels.DecayModel>(t, y, [8.0, 2, 0.5], progress: progress);
        Assert.Contains(reports, r => r.CurvesFinished == m && r.CurveCount == m);
        Assert.Equal(batch.ConvergedCount, reports.Max(r => r.Converged));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, y, [8.0, 2, 0.5], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void StreamedCurvesFromAMappedFileGiveTheInMemoryResults()
    {
        const int m = 300, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 7);
        double[] start = [8, 2, 0.5];
        var inMemory = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start);

        string path = Path.GetTempFileName();
        try
        {
            using (var file = File.Create(path))
                BinaryCurveReader.Write(file, y);
            using var reader = new BinaryCurveReader(path, n);
            Assert.Equal(m, reader.CurveCount);
            var output = new MemoryStream();
            var blocks = new List<long>();
            var tally = CurveFit.FitMany<BatchModels.DecayModel>(t, new FewAtATime(reader, 7), new RecordingWriter(new BinaryBatchFitWriter(output), blocks), start);
            Assert.Equal(new BatchFitProgress(m, m, inMemory.ConvergedCount), tally);
            Assert.Equal(Enumerable.Range(0, (m + 6) / 7).Select(b => 7L * b), blocks); // in order, block by block

            double[] rows = new double[output.Length / 8];
            Buffer.BlockCopy(output.ToArray(), 0, rows, 0, (int)output.Length);
            const int width = 2 * 3 + 2;
            Assert.Equal(m * width, rows.Length);
            for (int c = 0; c < m; c++)
            {
                Assert.Equal(inMemory.ParametersOf(c).ToArray(), rows.AsSpan(c * width, 3).ToArray());
                Assert.Equal(inMemory.StandardErrorsOf(c).ToArray(), rows.AsSpan(c * width + 3, 3).ToArray());
                Assert.Equal(inMemory.ResidualSumOfSquares[c], rows[c * width + 6]);
                Assert.Equal((double)(int)inMemory.Terminations[c], rows[c * width + 7]);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A reader that gives each curve its σ (Poisson-like: √y) weights the streamed fit as a per-curve Sigma matrix does in memory.</summary>
    [Fact]
    public void StreamedCurvesWithTheirOwnSigmaGiveTheInMemoryResults()
    {
        const int m = 200, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 8);
        var sigma = new double[m, n];
        for (int c = 0; c < m; c++)
            for (int i = 0; i < n; i++)
                sigma[c, i] = Math.Sqrt(Math.Max(Math.Abs(y[c, i]), 0.01)) * (1 + c % 3);
        double[] start = [8, 2, 0.5];
        var inMemory = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start, new BatchFitSetup { Sigma = sigma });
        var unweighted = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start);

        var results = new List<BatchFitResult>();
        var blocks = new List<long>();
        var writer = new RecordingWriter(new CollectingWriter(results), blocks);
        CurveFit.FitMany<BatchModels.DecayModel>(t, new RowsWithSigma(y, sigma, 9), writer, start);
        Assert.Equal(Enumerable.Range(0, (m + 8) / 9).Select(b => 9L * b), blocks);
        int curve = 0;
        foreach (var block in results)
        {
            for (int c = 0; c < block.CurveCount; c++, curve++)
            {
                Assert.Equal(inMemory.ParametersOf(curve).ToArray(), block.ParametersOf(c).ToArray());
                Assert.Equal(inMemory.StandardErrorsOf(curve).ToArray(), block.StandardErrorsOf(c).ToArray());
                Assert.Equal(inMemory.ResidualSumOfSquares[curve], block.ResidualSumOfSquares[c]);
            }
        }
        Assert.Equal(m, curve);
        Assert.NotEqual(unweighted.ParametersOf(0).ToArray(), results[0].ParametersOf(0).ToArray()); // the weights were used

        var both = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(
            t, new RowsWithSigma(y, sigma, 9), writer, start, new BatchFitSetup { Sigma = new double[1, n] }));
        Assert.Contains("The reader gives each curve its own sigma", both.Message);
    }

    /// <summary>
    /// Curves streamed with their own x (and σ) give what the in-memory per-curve-x fit gives them, bit for bit, for a
    /// model of one variable and one of two; the x is the curve's own, not the first block's.
    /// </summary>
    [Fact]
    public void StreamedCurvesWithTheirOwnXGiveTheInMemoryResults()
    {
        const int m = 100, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 12);
        var random = new Random(13);
        var x = new double[m, n];
        var sigma = new double[m, n];
        for (int c = 0; c < m; c++)
            for (int i = 0; i < n; i++)
            {
                x[c, i] = t[i] * (0.8 + 0.4 * (c % 7) / 6.0) + 0.01 * random.NextDouble(); // each curve on its own time axis
                sigma[c, i] = 0.05 + 0.1 * random.NextDouble();
            }
        double[] start = [8, 2, 0.5];
        var inMemory = CurveFit.FitMany<BatchModels.DecayModel>(x, y, AsRow(start), new BatchFitSetup { Sigma = sigma });
        var results = new List<BatchFitResult>();
        var blocks = new List<long>();
        CurveFit.FitMany<BatchModels.DecayModel>(new RowsWithX(y, sigma, x, 9), new RecordingWriter(new CollectingWriter(results), blocks), start);
        Assert.Equal(Enumerable.Range(0, (m + 8) / 9).Select(b => 9L * b), blocks);
        AssertSameCurves(inMemory, results);
        var sharedX = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start, new BatchFitSetup { Sigma = sigma });
        Assert.NotEqual(sharedX.ParametersOf(m - 1).ToArray(), results[^1].ParametersOf(results[^1].CurveCount - 1).ToArray());

        // Two variables: each spot on its own shifted pixel grid, x as n·2 values per curve, started by a rule.
        const int side = 5, spots = 30, points = side * side;
        var pixels = BatchTestCurves.Pixels(side);
        var grid = new double[spots, 2 * points];
        var counts = new double[spots, points];
        for (int c = 0; c < spots; c++)
        {
            double shiftU = random.NextDouble() - 0.5, shiftV = random.NextDouble() - 0.5;
            for (int i = 0; i < points; i++)
            {
                (grid[c, i], grid[c, points + i]) = (pixels[i] + shiftU, pixels[points + i] + shiftV);
                double du = grid[c, i] - 2.1, dv = grid[c, points + i] - 1.9;
                counts[c, i] = 80 * Math.Exp(-(du * du + dv * dv) / 2) + 4 + Gaussian(random);
            }
        }
        var spotStarts = new double[spots, 5];
        for (int c = 0; c < spots; c++)
            (spotStarts[c, 0], spotStarts[c, 1], spotStarts[c, 2], spotStarts[c, 3], spotStarts[c, 4]) = (60 + c, 2, 2, 1.2, 5);
        var spotsInMemory = CurveFit.FitMany<BatchModels.SpotModel>(grid, counts, spotStarts);
        var spotResults = new List<BatchFitResult>();
        CurveFit.FitMany<BatchModels.SpotModel>(new RowsWithX(counts, null, grid, 7), new CollectingWriter(spotResults),
                                                (curve, _, _, s) => (s[0], s[1], s[2], s[3], s[4]) = (60 + curve, 2, 2, 1.2, 5));
        AssertSameCurves(spotsInMemory, spotResults);
    }

    [Fact]
    public void StreamedXMustComeFromOnePlace()
    {
        const int m = 30, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 14);
        var x = new double[m, n];
        for (int c = 0; c < m; c++)
            for (int i = 0; i < n; i++)
                x[c, i] = t[i];
        double[] start = [8, 2, 0.5];

        var none = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(new RowsOf(y, 9), new CollectingWriter([]), start));
        Assert.Contains("gives no x of its own", none.Message);
        var both = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(t, new RowsWithX(y, null, x, 9), new CollectingWriter([]), start));
        Assert.Contains("gives each curve its own x", both.Message);

        x[20, 3] = double.NaN;
        var results = new List<BatchFitResult>();
        var bad = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(new RowsWithX(y, null, x, 9), new CollectingWriter(results), start));
        Assert.Contains("x[curve 20, 3] is NaN", bad.Message);
        Assert.Equal(2, results.Count); // the blocks before curve 20's were written
    }

    [Fact]
    public void StreamedCurvesTakeTheirOwnRowsOfTheSetup()
    {
        // Per-curve bounds and fixed parameters, one row per curve of the stream, equal the in-memory fit's bit for bit;
        // a streamed batch refused any setup of more than one row.
        const int m = 30, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 15);
        var lower = new double[m, 3];
        var upper = new double[m, 3];
        var isFixed = new bool[m, 3];
        for (int c = 0; c < m; c++)
        {
            lower[c, 0] = lower[c, 2] = double.NegativeInfinity;
            lower[c, 1] = 0.1;
            upper[c, 0] = upper[c, 2] = double.PositiveInfinity;
            upper[c, 1] = c % 2 == 0 ? 1.2 : 10;   // holds the lifetime of every other curve on its bound
            isFixed[c, 2] = c % 3 == 0;            // and the offset of every third at its start
        }
        var setup = new BatchFitSetup { LowerBounds = lower, UpperBounds = upper, Fixed = isFixed };
        double[] start = [8, 1, 0.5];
        var inMemory = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start, setup);
        Assert.Contains(Enumerable.Range(0, m), c => inMemory.ParametersOf(c)[1] == 1.2);

        var results = new List<BatchFitResult>();
        CurveFit.FitMany<BatchModels.DecayModel>(t, new RowsOf(y, 9), new CollectingWriter(results), start, setup);
        AssertSameCurves(inMemory, results);

        // Fewer rows than curves: the curve without a row is named, and the blocks before it were written.
        var shortSetup = setup with { UpperBounds = Rows(upper, 20) };
        var written = new List<BatchFitResult>();
        var error = Assert.Throws<ArgumentException>(() =>
            CurveFit.FitMany<BatchModels.DecayModel>(t, new RowsOf(y, 9), new CollectingWriter(written), start, shortSetup));
        Assert.Contains("UpperBounds has 20 rows, one per curve, but the stream has a curve 20", error.Message);
        Assert.Equal(2, written.Count);
    }

    private static double[,] Rows(double[,] matrix, int rows)
    {
        var result = new double[rows, matrix.GetLength(1)];
        Array.Copy(matrix, result, rows * matrix.GetLength(1));
        return result;
    }

    private static double[,] AsRow(double[] values)
    {
        var row = new double[1, values.Length];
        for (int j = 0; j < values.Length; j++)
            row[0, j] = values[j];
        return row;
    }

    /// <summary>Each streamed block's curves have the in-memory batch's parameters, standard errors and sums of squares, bit for bit.</summary>
    private static void AssertSameCurves(BatchFitResult inMemory, List<BatchFitResult> blocks)
    {
        int curve = 0;
        foreach (var block in blocks)
            for (int c = 0; c < block.CurveCount; c++, curve++)
            {
                Assert.Equal(inMemory.ParametersOf(curve).ToArray(), block.ParametersOf(c).ToArray());
                Assert.Equal(inMemory.StandardErrorsOf(curve).ToArray(), block.StandardErrorsOf(c).ToArray());
                Assert.Equal(inMemory.ResidualSumOfSquares[curve], block.ResidualSumOfSquares[c]);
                Assert.Equal(inMemory.Terminations[curve], block.Terminations[c]);
            }
        Assert.Equal(inMemory.CurveCount, curve);
    }

    /// <summary>
    /// A start rule gives each streamed curve the start the in-memory fit gets from a matrix of the same starts, bit for
    /// bit: it is called once per curve, in order, with the curve's place in the stream and its own values.
    /// </summary>
    [Fact]
    public void StreamedCurvesStartedByARuleGiveTheInMemoryResultsOfTheSameStarts()
    {
        const int m = 150, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 9);
        // Amplitude and offset from the curve, as scipy users compute p0; the lifetime by the curve's index.
        void Rule(long curve, ReadOnlySpan<double> values, Span<double> start)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double v in values)
                (min, max) = (Math.Min(min, v), Math.Max(max, v));
            start[0] = max - min;
            start[1] = 1 + curve % 4;
            start[2] = min;
        }
        var starts = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            var start = new double[3];
            Rule(c, Row(y, c), start);
            for (int j = 0; j < 3; j++)
                starts[c, j] = start[j];
        }
        var inMemory = CurveFit.FitMany<BatchModels.DecayModel>(t, y, starts);

        var calls = new List<long>();
        var results = new List<BatchFitResult>();
        CurveFit.FitMany<BatchModels.DecayModel>(t, new RowsOf(y, 11), new CollectingWriter(results), (curve, values, start) =>
        {
            Assert.Equal(Row(y, (int)curve), values.ToArray());
            calls.Add(curve);
            Rule(curve, values, start);
        });
        Assert.Equal(Enumerable.Range(0, m).Select(c => (long)c), calls);
        int at = 0;
        foreach (var block in results)
            for (int c = 0; c < block.CurveCount; c++, at++)
            {
                Assert.Equal(inMemory.ParametersOf(at).ToArray(), block.ParametersOf(c).ToArray());
                Assert.Equal(inMemory.Iterations[at], block.Iterations[c]);
            }
        Assert.Equal(m, at);
        var shared = CurveFit.FitMany<BatchModels.DecayModel>(t, y, [8, 2, 0.5]);
        Assert.NotEqual(shared.Iterations, inMemory.Iterations); // the starts mattered
    }

    /// <summary>A start the rule leaves unwritten, or not finite, stops the stream naming the curve and the parameter; the blocks before it are written.</summary>
    [Fact]
    public void AStartRuleThatLeavesAParameterOutIsNamedWithItsCurve()
    {
        const int m = 40, n = 20;
        var (t, y, _) = DecayCurves(m, n, seed: 10);
        var results = new List<BatchFitResult>();
        var e = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(
            t, new RowsOf(y, 9), new CollectingWriter(results), (curve, _, start) =>
            {
                start[0] = 8;
                start[2] = 0.5;
                if (curve != 13)
                    start[1] = 2;
            }));
        Assert.Contains("curve 13 tau = NaN (or left it unwritten)", e.Message);
        Assert.Equal("initial", e.ParamName);
        Assert.Equal(9, Assert.Single(results).CurveCount);

        var infinite = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<BatchModels.DecayModel>(
            t, new RowsOf(y, 9), new CollectingWriter([]), (curve, _, start) => (start[0], start[1], start[2]) = (8, curve == 30 ? double.PositiveInfinity : 2, 0.5)));
        Assert.Contains("curve 30 tau", infinite.Message);
        Assert.DoesNotContain("unwritten", infinite.Message);
    }

    [Fact]
    public void AFileThatHoldsNoWholeCurvesIsRejected()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[8 * 5 + 3]);
            var e = Assert.Throws<ArgumentException>(() => new BinaryCurveReader(path, 5));
            Assert.Contains("not a whole number of curves", e.Message);
            // An empty file holds none, which is a whole number: it could not be mapped, and the error was the mapping's.
            File.WriteAllBytes(path, []);
            using var empty = new BinaryCurveReader(path, 5);
            Assert.Equal(0, empty.CurveCount);
            Assert.Equal(0, empty.Read(new double[4, 5]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A reader that hands out at most a few curves per call, so a small stream still spans several blocks.</summary>
    private sealed class FewAtATime(ICurveReader inner, int most) : ICurveReader
    {
        public int PointCount => inner.PointCount;

        public int Read(double[,] y)
        {
            var part = new double[Math.Min(most, y.GetLength(0)), y.GetLength(1)];
            int count = inner.Read(part);
            Array.Copy(part, y, count * y.GetLength(1));
            return count;
        }
    }

    /// <summary>Curves from a matrix in memory, at most a few per call.</summary>
    private sealed class RowsOf(double[,] y, int most) : ICurveReader
    {
        private int _next;

        public int PointCount => y.GetLength(1);

        public int Read(double[,] values)
        {
            int count = Math.Min(Math.Min(most, values.GetLength(0)), y.GetLength(0) - _next), n = PointCount;
            Array.Copy(y, _next * n, values, 0, count * n);
            _next += count;
            return count;
        }
    }

    /// <summary>Curves and their σ from matrices in memory, at most a few per call.</summary>
    private sealed class RowsWithSigma(double[,] y, double[,] sigma, int most) : ICurveReader
    {
        private int _next;

        public int PointCount => y.GetLength(1);

        public bool HasSigma => true;

        public int Read(double[,] values) => throw new InvalidOperationException("A reader with sigma is read with Read(y, sigma).");

        public int Read(double[,] values, double[,] deviations)
        {
            int count = Math.Min(Math.Min(most, values.GetLength(0)), y.GetLength(0) - _next), n = PointCount;
            Array.Copy(y, _next * n, values, 0, count * n);
            Array.Copy(sigma, _next * n, deviations, 0, count * n);
            _next += count;
            return count;
        }
    }

    /// <summary>Curves with their own x, and their σ when given, from matrices in memory, at most a few per call.</summary>
    private sealed class RowsWithX(double[,] y, double[,]? sigma, double[,] x, int most) : ICurveReader
    {
        private int _next;

        public int PointCount => y.GetLength(1);

        public bool HasSigma => sigma is not null;

        public bool HasX => true;

        public int Read(double[,] values) => throw new InvalidOperationException("A reader with x is read with Read(y, sigma, x).");

        public int Read(double[,] values, double[,]? deviations, double[,] points)
        {
            int count = Math.Min(Math.Min(most, values.GetLength(0)), y.GetLength(0) - _next), n = PointCount, width = x.GetLength(1);
            Array.Copy(y, _next * n, values, 0, count * n);
            Array.Copy(x, _next * width, points, 0, count * width);
            if (sigma is not null)
                Array.Copy(sigma, _next * n, deviations!, 0, count * n);
            _next += count;
            return count;
        }
    }

    private sealed class CollectingWriter(List<BatchFitResult> blocks) : IBatchFitWriter
    {
        public void Write(long firstCurve, BatchFitResult block) => blocks.Add(block);
    }

    private sealed class RecordingWriter(IBatchFitWriter inner, List<long> firsts) : IBatchFitWriter
    {
        public void Write(long firstCurve, BatchFitResult block)
        {
            firsts.Add(firstCurve);
            inner.Write(firstCurve, block);
        }
    }
}
