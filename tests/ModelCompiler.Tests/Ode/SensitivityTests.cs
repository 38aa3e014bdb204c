// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>Forward sensitivities ∂y/∂p integrated with the state.</summary>
public class SensitivityTests
{
    /// <summary>
    /// The Lotka–Volterra fit's standard errors (Data/ode/lotka-volterra.json, from 160-bit Gauss–Newton with Taylor-series
    /// sensitivities): at the reference estimate, the residual Jacobian is the sensitivities at the 20 observation times,
    /// and RSS/(40 − 4)·(JᵀJ)⁻¹ gives the published standard errors and RSS.
    /// </summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("DOP853")]
    [InlineData("NDF")]
    [InlineData("Auto")]
    public void LotkaVolterraStandardErrorsFromSensitivities(string method)
    {
        var json = OdeReference.Json("lotka-volterra");
        var estimate = OdeReference.Numbers(json.GetProperty("reference_estimate").GetProperty("estimate"));
        var published = OdeReference.Numbers(json.GetProperty("reference_estimate").GetProperty("standard_errors"));
        double publishedRss = double.Parse(json.GetProperty("reference_estimate").GetProperty("rss").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);
        var (t, observed) = OdeReference.Load("lotka-volterra", "x_obs", "y_obs");
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 10, estimate);
        var result = OdeSensitivity.Solve(problem, OdeTestProblems.Algorithm(method),
            new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-11, OutputTimes = t });
        Assert.Equal(OdeTermination.Completed, result.Termination);

        var jtj = new double[4, 4];
        double rss = 0;
        for (int i = 0; i < t.Length; i++)
        {
            for (int c = 0; c < 2; c++)
            {
                double r = result.State(i, c) - observed[c][i];
                rss += r * r;
                for (int a = 0; a < 4; a++)
                    for (int b = 0; b < 4; b++)
                        jtj[a, b] += result.Sensitivity(i, c, a) * result.Sensitivity(i, c, b);
            }
        }
        Assert.True(Math.Abs(rss - publishedRss) < 1e-7 * publishedRss, $"{method}: RSS {rss:R} against {publishedRss:R}");
        var covariance = Invert(jtj);
        for (int a = 0; a < 4; a++)
        {
            double se = Math.Sqrt(rss / 36 * covariance[a, a]);
            Assert.True(Math.Abs(se - published[a]) < 1e-6 * published[a], $"{method}: standard error {a} {se:R} against {published[a]:R}");
        }
    }

    /// <summary>On a stiff problem with the BDF: Robertson's ∂y/∂k against central differences of solutions.</summary>
    [Fact]
    public void RobertsonSensitivitiesMatchCentralDifferences()
    {
        double[] k = [0.04, 3e7, 1e4];
        var options = new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerances = Enumerable.Repeat(1e-16, 12).ToArray(), OutputTimes = [40] };
        var result = OdeSensitivity.Solve(new OdeProblem<OdeSystems.RobertsonSystem>([1, 0, 0], 0, 40, k), new Bdf(), options);
        Assert.Equal(OdeTermination.Completed, result.Termination);
        var stateOptions = options with { AbsoluteTolerances = [1e-16, 1e-16, 1e-16] };
        for (int parameter = 0; parameter < 3; parameter++)
        {
            double step = 1e-5 * k[parameter];
            var up = (double[])k.Clone();
            var down = (double[])k.Clone();
            up[parameter] += step;
            down[parameter] -= step;
            var plus = OdeSolver.Solve(new OdeProblem<OdeSystems.RobertsonSystem>([1, 0, 0], 0, 40, up), new Bdf(), stateOptions);
            var minus = OdeSolver.Solve(new OdeProblem<OdeSystems.RobertsonSystem>([1, 0, 0], 0, 40, down), new Bdf(), stateOptions);
            for (int c = 0; c < 3; c++)
            {
                double difference = (plus[0, c] - minus[0, c]) / (2 * step);
                double sensitivity = result.Sensitivity(0, c, parameter);
                Assert.True(Math.Abs(sensitivity - difference) < 1e-4 * Math.Abs(difference) + 1e-12,
                    $"∂y{c + 1}/∂k{parameter + 1}: {sensitivity:E6} against {difference:E6}");
            }
        }
    }

    /// <summary>
    /// ∂y(t)/∂y0 of an autonomous system carries the vector field along the flow: Φ(t)·f(y0) = f(y(t)) (differentiate
    /// y(t; y0) = y(t − s; y(s)) in s), an exact identity that checks every column of the initial-value sensitivities;
    /// and they agree with central differences of solutions.
    /// </summary>
    [Theory]
    [InlineData("DOP853")]
    [InlineData("NDF")]
    public void InitialValueSensitivitiesCarryTheVectorField(string method)
    {
        double[] p = [1.0, 0.1, 1.5, 0.075], y0 = [10, 5];
        var options = new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-11, OutputTimes = [2.5, 7] };
        var result = OdeSensitivity.Solve(new OdeProblem<OdeSystems.LotkaVolterraSystem>(y0, 0, 7, p), OdeTestProblems.Algorithm(method),
            options, new OdeSensitivityTargets { Parameters = [], InitialValues = [0, 1] });
        Assert.Equal(OdeTermination.Completed, result.Termination);
        var f0 = new double[2];
        OdeSystems.LotkaVolterraSystem.Evaluate(0, y0, p, f0);
        for (int k = 0; k < 2; k++)
        {
            var phi = result.InitialValueSensitivities(k);
            var y = new[] { result.State(k, 0), result.State(k, 1) };
            var f = new double[2];
            OdeSystems.LotkaVolterraSystem.Evaluate(0, y, p, f);
            for (int i = 0; i < 2; i++)
            {
                double carried = phi[i, 0] * f0[0] + phi[i, 1] * f0[1];
                Assert.True(Math.Abs(carried - f[i]) < 1e-6 * Math.Abs(f[i]) + 1e-8, $"{method} t = {result.Times[k]}: Φ·f(y0) = {carried:R}, f(y) = {f[i]:R}");
            }
            for (int j = 0; j < 2; j++)
            {
                double step = 1e-5 * y0[j];
                var up = (double[])y0.Clone();
                var down = (double[])y0.Clone();
                up[j] += step;
                down[j] -= step;
                var plus = OdeSolver.Solve(new OdeProblem<OdeSystems.LotkaVolterraSystem>(up, 0, 7, p), new Dop853(), options);
                var minus = OdeSolver.Solve(new OdeProblem<OdeSystems.LotkaVolterraSystem>(down, 0, 7, p), new Dop853(), options);
                for (int i = 0; i < 2; i++)
                {
                    double difference = (plus[k, i] - minus[k, i]) / (2 * step);
                    Assert.True(Math.Abs(result.InitialValueSensitivity(k, i, j) - difference) < 1e-6 * Math.Abs(difference) + 1e-9,
                        $"{method} ∂y{i}/∂y0{j} at t = {result.Times[k]}: {result.InitialValueSensitivity(k, i, j):R} against {difference:R}");
                }
            }
        }
    }

    /// <summary>A subset of the parameters gives the same columns as all of them (to the tolerance: the steps differ).</summary>
    [Fact]
    public void ChosenParametersGiveTheSameColumnsAsAll()
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 5, [1.0, 0.1, 1.5, 0.075]);
        var options = new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-11, OutputTimes = [5] };
        var all = OdeSensitivity.Solve(problem, new Dop853(), options);
        var some = OdeSensitivity.Solve(problem, new Dop853(), options, new OdeSensitivityTargets { Parameters = [3, 1] });
        Assert.Equal(["delta", "beta"], some.ParameterNames);
        Assert.Equal(2 * 3, some.Integration.StateCount);
        foreach (int k in new[] { 1, 3 })
            for (int i = 0; i < 2; i++)
                Assert.True(Math.Abs(some.Sensitivity(0, i, k) - all.Sensitivity(0, i, k)) < 1e-7 * Math.Abs(all.Sensitivity(0, i, k)),
                    $"∂y{i}/∂p{k}: {some.Sensitivity(0, i, k):R} against {all.Sensitivity(0, i, k):R}");
        Assert.Throws<ArgumentOutOfRangeException>(() => some.Sensitivity(0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => some.InitialValueSensitivity(0, 0, 0));
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() =>
            OdeSensitivity.Solve(problem, new Dop853(), options, new OdeSensitivityTargets { Parameters = [4] })).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() =>
            OdeSensitivity.Solve(problem, new Dop853(), options, new OdeSensitivityTargets { InitialValues = [1, 1] })).ParamName);
    }

    /// <summary>
    /// The BDF's Newton matrix for the state and its sensitivities is block diagonal: one factorization of the state's
    /// 3×3 iteration matrix serves the four blocks, so the factor stores 9 entries, not 12².
    /// </summary>
    [Fact]
    public void BdfFactorsTheStateBlockOnly()
    {
        var options = new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerances = [1e-14, 1e-20, 1e-14], OutputTimes = [40] };
        var result = OdeSensitivity.Solve(new OdeProblem<OdeSystems.RobertsonSystem>([1, 0, 0], 0, 40, [0.04, 3e7, 1e4]), new Bdf(), options);
        Assert.Equal(OdeTermination.Completed, result.Termination);
        Assert.Equal(OdeLinearSolver.Dense, result.Integration.Statistics.LinearSolver);
        Assert.Equal(9, result.Integration.Statistics.FactorEntries);
    }

    [Fact]
    public void RosenbrockMethodsAreRefused()
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 1, [1.0, 0.1, 1.5, 0.075]);
        Assert.Equal("algorithm", Assert.Throws<ArgumentException>(() => OdeSensitivity.Solve(problem, new Rodas5P())).ParamName);
    }

    /// <summary>Gauss–Jordan with partial pivoting, for the small normal matrices of these tests.</summary>
    internal static double[,] Invert(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                m[i, j] = a[i, j];
            m[i, n + i] = 1;
        }
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                    pivot = r;
            for (int j = 0; j < 2 * n; j++)
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            double d = m[c, c];
            for (int j = 0; j < 2 * n; j++)
                m[c, j] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == c)
                    continue;
                double f = m[r, c];
                for (int j = 0; j < 2 * n; j++)
                    m[r, j] -= f * m[c, j];
            }
        }
        var inverse = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inverse[i, j] = m[i, n + j];
        return inverse;
    }
}
