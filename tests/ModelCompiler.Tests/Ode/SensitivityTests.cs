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
        var problem = new OdeProblem<LotkaVolterraSystem>([10, 5], 0, 10, estimate);
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
        var covariance = Invert4(jtj);
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
        var result = OdeSensitivity.Solve(new OdeProblem<RobertsonSystem>([1, 0, 0], 0, 40, k), new Bdf(), options);
        Assert.Equal(OdeTermination.Completed, result.Termination);
        var stateOptions = options with { AbsoluteTolerances = [1e-16, 1e-16, 1e-16] };
        for (int parameter = 0; parameter < 3; parameter++)
        {
            double step = 1e-5 * k[parameter];
            var up = (double[])k.Clone();
            var down = (double[])k.Clone();
            up[parameter] += step;
            down[parameter] -= step;
            var plus = OdeSolver.Solve(new OdeProblem<RobertsonSystem>([1, 0, 0], 0, 40, up), new Bdf(), stateOptions);
            var minus = OdeSolver.Solve(new OdeProblem<RobertsonSystem>([1, 0, 0], 0, 40, down), new Bdf(), stateOptions);
            for (int c = 0; c < 3; c++)
            {
                double difference = (plus[0, c] - minus[0, c]) / (2 * step);
                double sensitivity = result.Sensitivity(0, c, parameter);
                Assert.True(Math.Abs(sensitivity - difference) < 1e-4 * Math.Abs(difference) + 1e-12,
                    $"∂y{c + 1}/∂k{parameter + 1}: {sensitivity:E6} against {difference:E6}");
            }
        }
    }

    [Fact]
    public void RosenbrockMethodsAreRefused()
    {
        var problem = new OdeProblem<LotkaVolterraSystem>([10, 5], 0, 1, [1.0, 0.1, 1.5, 0.075]);
        Assert.Equal("algorithm", Assert.Throws<ArgumentException>(() => OdeSensitivity.Solve(problem, new Rodas5P())).ParamName);
    }

    private static double[,] Invert4(double[,] a)
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
