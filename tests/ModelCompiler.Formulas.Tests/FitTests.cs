// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Tests.Models;
using ModelCompiler.LeastSquares;
using Lines = ModelCompiler.Generators.Tests.Models.Mixtures;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Formulas.Tests;

/// <summary>The solvers take a run-time model as they take the generated type, and give the same bits.</summary>
public class FitTests
{
    private const string TwoGaussians = "a1*exp(-(x-m1)^2/(2*s1^2)) + a2*exp(-(x-m2)^2/(2*s2^2))";

    /// <summary>Two overlapping Gaussian peaks with noise, as the GaussianPeaks example draws them.</summary>
    private static (double[] X, double[] Y) Peaks()
    {
        var random = new Random(7);
        double[] x = Enumerable.Range(0, 400).Select(i => -4 + 8.0 * i / 399).ToArray();
        double[] y = x.Select(v => 1.0 * Math.Exp(-(v + 1) * (v + 1) / (2 * 0.5 * 0.5)) + 0.6 * Math.Exp(-(v - 1.2) * (v - 1.2) / (2 * 0.8 * 0.8))
                                   + 0.02 * (random.NextDouble() - 0.5)).ToArray();
        return (x, y);
    }

    [Fact]
    public void CurveFitEqualsTheTwinsFitBitForBit()
    {
        var (x, y) = Peaks();
        double[] start = [0.8, -0.8, 0.6, 0.5, 1.0, 0.7];
        var model = Formula.Compile(TwoGaussians, ["x"]);
        var compiled = CurveFit.Fit(model, x, y, initial: start);
        var twin = CurveFit.Fit<Peaks.TwoGaussiansModel>(x, y, start);
        Assert.True(compiled.IsConverged, compiled.Message);
        Assert.Equal(twin.Iterations, compiled.Iterations);
        Assert.Equal(Bits(twin.Parameters), Bits(compiled.Parameters));
        Assert.Equal(Bits(twin.StandardErrors), Bits(compiled.StandardErrors));
        Assert.Equal(BitConverter.DoubleToInt64Bits(twin.ResidualSumOfSquares), BitConverter.DoubleToInt64Bits(compiled.ResidualSumOfSquares));
        Assert.Equal(twin.Termination, compiled.Termination);
        double[] grid = [-2, 0, 1.5];
        Assert.Equal(Bits(CurveFit.ConfidenceBand<Peaks.TwoGaussiansModel>(twin, grid).Upper), Bits(CurveFit.ConfidenceBand(model, compiled, grid).Upper));
        Assert.Equal(Bits(CurveFit.PredictionBand<Peaks.TwoGaussiansModel>(twin, grid).Upper), Bits(CurveFit.PredictionBand(model, compiled, grid).Upper));
    }

    [Fact]
    public void OtherCurveFitEntriesTakeTheModel()
    {
        var (x, y) = Peaks();
        double[] start = [0.8, -0.8, 0.6, 0.5, 1.0, 0.7];
        var model = Formula.Compile(TwoGaussians, ["x"]);
        double[] sigma = x.Select(_ => 0.01).ToArray();
        Assert.Equal(Bits(CurveFit.Fit<Peaks.TwoGaussiansModel>(x, y, start, sigma).Parameters), Bits(CurveFit.Fit(model, x, y, start, sigma).Parameters));
        Assert.Equal(Bits(CurveFit.FitGlobal<Peaks.TwoGaussiansModel>(x, y, start).Parameters), Bits(CurveFit.FitGlobal(model, x, y, start).Parameters));
        Assert.Equal(Bits(CurveFit.GuessInitial<Peaks.TwoGaussiansModel>(x, y)), Bits(CurveFit.GuessInitial(model, x, y)));

        var line = Formula.Compile("a + b*x", ["x"]);
        Assert.True(line.IsLinearInParameters);
        Assert.Equal(Bits(CurveFit.FitLinear<Lines.LinesModel>(x, y).Parameters), Bits(CurveFit.FitLinear(line, x, y).Parameters));

        var curves = new double[3, x.Length];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < x.Length; i++)
                curves[c, i] = y[i] * (1 + 0.1 * c);
        var many = CurveFit.FitMany(model, x, curves, start);
        var manyTwin = CurveFit.FitMany<Peaks.TwoGaussiansModel>(x, curves, start);
        Assert.Equal(Bits(manyTwin.Parameters), Bits(many.Parameters));

        // Per-curve starts with the amplitudes solved: the rules write the same starts, and the batches give the same bits.
        CurveStart rule = CurveFit.StartSolvingLinear(model, x, start), twinRule = CurveFit.StartSolvingLinear<Peaks.TwoGaussiansModel>(x, start);
        double[] ruleStart = new double[6], twinStart = new double[6];
        rule(2, y, ruleStart);
        twinRule(2, y, twinStart);
        Assert.Equal(Bits(twinStart), Bits(ruleStart));
        Assert.NotEqual(start[0], ruleStart[0]);   // a1 was solved
        Assert.Equal(start[1], ruleStart[1]);      // m1 was not
        Assert.Equal(Bits(CurveFit.FitMany<Peaks.TwoGaussiansModel>(x, curves, twinRule).Parameters), Bits(CurveFit.FitMany(model, x, curves, rule).Parameters));

        // Streamed curves that each bring their own x, from a shared start and from a rule.
        var ownX = new double[3, x.Length];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < x.Length; i++)
                ownX[c, i] = x[i] + 0.01 * c;
        var streamed = new List<BatchFitResult>();
        CurveFit.FitMany(model, new CurvesWithX(curves, ownX), new Collect(streamed), start);
        Assert.Equal(Bits(CurveFit.FitMany<Peaks.TwoGaussiansModel>(ownX, curves, new double[,] { { 0.8, -0.8, 0.6, 0.5, 1.0, 0.7 } }).Parameters),
                     Bits(Assert.Single(streamed).Parameters));
        streamed.Clear();
        CurveFit.FitMany(model, new CurvesWithX(curves, ownX), new Collect(streamed), CurveFit.StartSolvingLinearOnOwnX(model, start));
        var ownTwin = CurveFit.FitMany<Peaks.TwoGaussiansModel>(ownX, curves, CurveFit.StartSolvingLinearOnOwnX<Peaks.TwoGaussiansModel>(start));
        Assert.Equal(Bits(ownTwin.Parameters), Bits(Assert.Single(streamed).Parameters));
        Assert.Equal(Bits(ownTwin.Parameters), Bits(CurveFit.FitMany(model, ownX, curves, CurveFit.StartSolvingLinearOnOwnX(model, start)).Parameters));
    }

    private sealed class CurvesWithX(double[,] y, double[,] x) : ICurveReader
    {
        private bool _read;

        public int PointCount => y.GetLength(1);

        public bool HasX => true;

        public int Read(double[,] values) => throw new InvalidOperationException("Read with x.");

        public int Read(double[,] values, double[,]? sigma, double[,] points)
        {
            if (_read)
                return 0;
            _read = true;
            Array.Copy(y, values, y.Length);
            Array.Copy(x, points, x.Length);
            return y.GetLength(0);
        }
    }

    private sealed class Collect(List<BatchFitResult> blocks) : IBatchFitWriter
    {
        public void Write(long firstCurve, BatchFitResult block) => blocks.Add(block);
    }

    [Fact]
    public void RegressionMixtureEqualsTheTwinsFitBitForBit()
    {
        // Two lines crossing, half the points on each.
        var random = new Random(11);
        double[] x = Enumerable.Range(0, 300).Select(i => 10.0 * i / 299).ToArray();
        double[] y = x.Select((v, i) => (i % 2 == 0 ? 1 + 2 * v : 8 - 0.5 * v) + 0.3 * (random.NextDouble() - 0.5)).ToArray();
        var mixture = Formula.CompileMixture("a + b*x", ["x"], 2);
        Assert.Equal(2, mixture.Components);
        Assert.Equal(Noise.Gaussian, mixture.Noise);
        var options = new RegressionMixtureOptions { Seed = 3 };
        var compiled = RegressionMixture.Fit(mixture, x, y, options);
        var twin = RegressionMixture.Fit<Lines.LinesMixture, Lines.LinesModel>(x, y, options);
        Assert.Equal(Bits(twin.LogLikelihoodTrace), Bits(compiled.LogLikelihoodTrace));
        for (int k = 0; k < 2; k++)
            Assert.Equal(Bits(twin.Components[k].Parameters), Bits(compiled.Components[k].Parameters));
        Assert.Equal(Bits(twin.Responsibilities.Cast<double>().ToArray()), Bits(compiled.Responsibilities.Cast<double>().ToArray()));
    }

    [Fact]
    public void LaplaceMixtureCompiles()
    {
        var mixture = Formula.CompileMixture("a*exp(-k*t)", ["t"], 3, Noise.Laplace);
        Assert.Equal(3, mixture.Accept(new ComponentsOf()));
        Assert.Equal(Noise.Laplace, mixture.Noise);
        Assert.Throws<ArgumentOutOfRangeException>(() => Formula.CompileMixture("a*exp(-k*t)", ["t"], 0));
    }

    private sealed class ComponentsOf : IMixtureVisitor<int>
    {
        public int Visit<TMixture, TModel>() where TMixture : IRegressionMixture<TModel> where TModel : struct, IModel
        {
            Assert.Equal(Noise.Laplace, TMixture.Noise);
            return TMixture.Components;
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
