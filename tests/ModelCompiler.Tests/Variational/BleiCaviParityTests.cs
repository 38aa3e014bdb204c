// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Tests.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>
/// Parity with the numpy reference CAVI (scripts/blei_cavi.py, numpy 1.24.2 float64; references in
/// Data/mixtures/blei-cavi-*.json): same m⁽⁰⁾, s²⁽⁰⁾, σ², iteration count and update order, to the
/// README's tolerances (m, s² 1e-9 norm-wise; every ELBO 1e-10 relative; φ 1e-9 absolute).
/// </summary>
public sealed class BleiCaviParityTests
{
    public static TheoryData<string, int> Runs => new() { { "blei-cavi-1d", 0 }, { "blei-cavi-1d", 1 }, { "blei-cavi-2d", 0 } };

    [Theory]
    [MemberData(nameof(Runs))]
    public void MatchesNumpyReference(string name, int run)
    {
        var reference = BleiReference.Load(name);
        JsonElement r = reference.Runs[run];
        int maxIter = r.GetProperty("max_iter").GetInt32();
        BleiCaviResult fit = Fit(reference, r, maxIter);

        Assert.Equal(maxIter, fit.Iterations);
        Assertions.NormWise(Flat(r.GetProperty("m")), Assertions.Flatten(fit.Means), 1e-9, "m");
        Assertions.NormWise(Flat(r.GetProperty("s2")), fit.Variances, 1e-9, "s2");
        double[] trace = Flat(r.GetProperty("elbo_trace"));
        Assert.Equal(trace.Length, fit.ElboTrace.Count);
        for (int t = 0; t < trace.Length; t++)
            Assertions.Relative(trace[t], fit.ElboTrace[t], 1e-10, $"ELBO at iteration {t + 1}");

        double[,] phi = fit.Assignments(FirstRows(reference.X, 20));
        double[] expectedPhi = Flat(r.GetProperty("phi_first20"));
        double[] actualPhi = Assertions.Flatten(phi);
        for (int i = 0; i < expectedPhi.Length; i++)
            Assert.True(Math.Abs(expectedPhi[i] - actualPhi[i]) <= 1e-9, $"phi[{i}]: {actualPhi[i]} vs {expectedPhi[i]}");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void MatchesNumpyAfterFiveIterations(string name, int run)
    {
        var reference = BleiReference.Load(name);
        JsonElement r = reference.Runs[run];
        BleiCaviResult fit = Fit(reference, r, 5);
        JsonElement after = r.GetProperty("after_5_iterations");
        Assertions.NormWise(Flat(after.GetProperty("m")), Assertions.Flatten(fit.Means), 1e-9, "m after 5");
        Assertions.NormWise(Flat(after.GetProperty("s2")), fit.Variances, 1e-9, "s2 after 5");
    }

    [Fact]
    public void RelativeStoppingRuleStopsWhereTheReferenceSays()
    {
        var reference = BleiReference.Load("blei-cavi-1d");
        JsonElement r = reference.Runs[0];
        int expected = r.GetProperty("first_iteration_rel_change_below_1e-8").GetInt32();
        var options = Options(reference, r, 1000) with { RelativeTolerance = 1e-8 };
        BleiCaviResult fit = BleiCavi.Fit(reference.X, reference.K, options);
        Assert.True(fit.Converged);
        // The reference counts ≤ and we stop on <; equality of doubles is not expected here.
        Assert.Equal(expected, fit.Iterations);
    }

    private static BleiCaviResult Fit(BleiReference reference, JsonElement run, int iterations) =>
        BleiCavi.Fit(reference.X, reference.K, Options(reference, run, iterations));

    private static BleiCaviOptions Options(BleiReference reference, JsonElement run, int iterations) => new()
    {
        PriorVariance = reference.Sigma2,
        InitialMeans = MixtureReference.Matrix(run.GetProperty("m0")),
        InitialVariances = Flat(run.GetProperty("s2_0")),
        MaxIterations = iterations,
        RelativeTolerance = 0,
        RestartCount = 1,
    };

    private static double[] Flat(JsonElement e) => MixtureReference.Flat(e);

    private static double[,] FirstRows(double[,] x, int count) => MixtureReference.FirstRows(x, count);
}
