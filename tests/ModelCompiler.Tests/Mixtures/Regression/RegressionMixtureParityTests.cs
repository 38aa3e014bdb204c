// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>
/// Parity with R's mixtools 2.0.0 (regmixEM) and flexmix 2.3-18 on the mix-* references in Data/mixtures (copied
/// unchanged; their README states each peer call and the tolerances used here): the same start and iteration count
/// give the same coefficients, scales and weights to 1e-8 norm-wise and the same log-likelihoods to 1e-10 relative.
/// </summary>
public class RegressionMixtureParityTests
{
    private static (double[] X, double[] Y, JsonElement Json) Load(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Data", "mixtures");
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".json"))).RootElement.Clone();
        var rows = File.ReadAllLines(Path.Combine(dir, name + ".csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), json);
    }

    private static RegressionMixtureStart Start(JsonElement json)
    {
        var init = json.GetProperty("init");
        return new RegressionMixtureStart(
            MixtureReference.Flat(init.GetProperty("weights")),
            init.GetProperty("coef").EnumerateArray().Select(MixtureReference.Flat).ToArray(),
            MixtureReference.Flat(init.GetProperty("scale")));
    }

    private static RegressionMixtureResult Fit(string name, int iterations, Noise noise = Noise.Gaussian)
    {
        var (x, y, json) = Load(name);
        var options = new RegressionMixtureOptions { Components = 2, Noise = noise, Tolerance = 0, MaxIterations = iterations, Initializations = 1 };
        return json.GetProperty("degree").GetInt32() == 2
            ? RegressionMixture.Fit<RegressionModels.QuadraticModel>(x, y, options, Start(json))
            : RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options, Start(json));
    }

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    [InlineData("mix-quad")]
    public void GaussianEmMatchesMixtoolsIterationByIteration(string name)
    {
        var (_, y, json) = Load(name);
        var reference = json.GetProperty("mixtools_fixed");
        int iterations = reference.GetProperty("iterations").GetInt32();
        var fit = Fit(name, iterations);

        // mixtools 2.0.0 regmixEM(…, epsilon = -Inf, maxit = n_fixed) from the JSON's init.
        Assertions.NormWise(MixtureReference.Flat(reference.GetProperty("coef")), fit.Components.SelectMany(c => c.Coefficients).ToArray(), 1e-8, name + " coef");
        Assertions.NormWise(MixtureReference.Flat(reference.GetProperty("scale")), fit.Components.Select(c => c.Scale).ToArray(), 1e-8, name + " scale");
        Assertions.NormWise(MixtureReference.Flat(reference.GetProperty("lambda")), fit.Components.Select(c => c.Weight).ToArray(), 1e-8, name + " lambda");
        Assertions.Relative(reference.GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-10, name + " loglik");
        // all_loglik[t] is the log-likelihood at θ_t; EM's trace holds the mean at each iteration's E-step, θ_{t−1}.
        var all = MixtureReference.Flat(reference.GetProperty("all_loglik"));
        for (int t = 0; t < iterations; t++)
            Assertions.Relative(all[t], fit.EmResult.LowerBoundTrace[t] * y.Length, 1e-10, $"{name} all_loglik[{t}]");
    }

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    [InlineData("mix-quad")]
    public void ConvergedGaussianFitIsTheMaximumLikelihoodEstimate(string name)
    {
        var fit = Fit(name, iterations: 5000);
        var (_, _, json) = Load(name);
        // mle_by_numpy_em: regmixEM's sequence run until the log-likelihood changes by < 1e-15 relative.
        var mle = json.GetProperty("mle_by_numpy_em");
        Assertions.NormWise(MixtureReference.Flat(mle.GetProperty("coef")), fit.Components.SelectMany(c => c.Coefficients).ToArray(), 1e-7, name + " coef");
        Assertions.NormWise(MixtureReference.Flat(mle.GetProperty("scale")), fit.Components.Select(c => c.Scale).ToArray(), 1e-7, name + " scale");
        Assertions.Relative(mle.GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-12, name + " loglik");
    }

    [Fact]
    public void LaplaceEmMatchesTheFlexmixLadDriver()
    {
        var (_, _, json) = Load("mix-lines-laplace");
        var reference = json.GetProperty("flexmix_fixed");
        var fit = Fit("mix-lines-laplace", reference.GetProperty("iterations").GetInt32(), Noise.Laplace);
        // flexmix 2.3-18 with the FLXMRlaplace driver of scripts/mixreg_reference.R (weighted LAD by quantreg's simplex);
        // the README allows 1e-6 for a LAD step solved by IRLS.
        Assertions.NormWise(MixtureReference.Flat(reference.GetProperty("coef")), fit.Components.SelectMany(c => c.Coefficients).ToArray(), 1e-6, "coef");
        Assertions.NormWise(MixtureReference.Flat(reference.GetProperty("scale")), fit.Components.Select(c => c.Scale).ToArray(), 1e-6, "scale");
        // flexmix's prior is the mean of the last E-step's posteriors, i.e. at the returned parameters.
        int n = json.GetProperty("n").GetInt32();
        var prior = Enumerable.Range(0, 2).Select(k => Enumerable.Range(0, n).Average(i => fit.Responsibility(i, k))).ToArray();
        Assertions.NormWise(MixtureReference.Flat(reference.GetProperty("prior")), prior, 1e-6, "prior");
    }

    [Fact]
    public void TheLevenbergMarquardtStepAgreesWithTheClosedForm()
    {
        var (x, y, json) = Load("mix-lines-seed");
        var options = new RegressionMixtureOptions { Components = 2, Tolerance = 0, MaxIterations = 4, Initializations = 1 };
        Assert.False(RegressionModels.SinhSlopeLineModel.IsLinearInParameters);
        var start = Start(json);
        var sinhStart = start with { Coefficients = start.Coefficients.Select(c => new[] { c[0], Math.Asinh(c[1]) }).ToArray() };
        var closed = RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options, start);
        var iterative = RegressionMixture.Fit<RegressionModels.SinhSlopeLineModel>(x, y, options, sinhStart);
        for (int k = 0; k < 2; k++)
        {
            var c = iterative.Components[k].Coefficients;
            Assertions.NormWise(closed.Components[k].Coefficients, [c[0], Math.Sinh(c[1])], 1e-9, $"component {k}");
        }
        Assertions.Relative(closed.LogLikelihood, iterative.LogLikelihood, 1e-12, "log-likelihood");
    }

    [Fact]
    public void TheDeclaredMixtureFitsAndItsKernelGivesTheLikelihood()
    {
        var (x, y, json) = Load("mix-lines-laplace");
        var options = new RegressionMixtureOptions { Tolerance = 0, MaxIterations = 6, Initializations = 1 };
        // [MixtureModel(Components = 2, Noise = Noise.Laplace)] sets K and the noise whatever the options say.
        var declared = RegressionModels.LaplaceLineMixture.Fit(x, y, options with { Components = 5 }, Start(json));
        var direct = RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options with { Components = 2, Noise = Noise.Laplace }, Start(json));
        Assert.Equal(direct.LogLikelihood, declared.LogLikelihood);

        int n = y.Length;
        var coefficients = declared.Components.SelectMany(c => c.Coefficients).ToArray();
        var scales = declared.Components.Select(c => c.Scale).ToArray();
        var residuals = new double[2 * n];
        var logDensities = new double[2 * n];
        RegressionModels.LaplaceLineMixture.ResidualsAndLogDensities(x, y, coefficients, scales, residuals, logDensities);
        double logLikelihood = 0;
        for (int i = 0; i < n; i++)
        {
            double a = Math.Log(declared.Components[0].Weight) + logDensities[i];
            double b = Math.Log(declared.Components[1].Weight) + logDensities[n + i];
            double max = Math.Max(a, b);
            logLikelihood += max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
            Assert.Equal(y[i] - (coefficients[0] + coefficients[1] * x[i]), residuals[i], 1e-12);
        }
        Assertions.Relative(declared.LogLikelihood, logLikelihood, 1e-12, "log-likelihood from the generated kernel");
    }
}
