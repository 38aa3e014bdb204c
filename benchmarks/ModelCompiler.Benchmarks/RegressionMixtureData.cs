// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// Two lines with close slopes (the shape of mix-lines-hard), generated without a random-number library so the
/// peer script benchmarks/peers/regression_mixture_numpy.py builds bit-identical data: with u(i, c) = frac(i·c),
/// x = −10 + 20·u(i, φ−1), component 0 when u(i, 0.75487…) &lt; 0.4, noise 4·(u(i, 0.56984…) − ½) or 3·(…).
/// </summary>
public static partial class RegressionMixtureData
{
    [Model("a + b*x"), MixtureModel(Components = 2)]
    public static partial double Line(double x, double a, double b);

    [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
    public static partial double RobustLine(double x, double a, double b);

    public static (double[] X, double[] Y) Generate(int n)
    {
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = -10 + 20 * Frac(i * 0.6180339887498949);
            double u = Frac(i * 0.5698402909980532) - 0.5;
            y[i] = Frac(i * 0.7548776662466927) < 0.4 ? 1 + 2 * x[i] + 4 * u : -1 + 1.2 * x[i] + 3 * u;
        }
        return (x, y);
    }

    /// <summary>The start of mix-lines-hard: lines (0, 2.5) and (0, 0.5), scales 3, equal weights.</summary>
    public static RegressionMixtureOptions Start(int iterations) => new()
    {
        InitialWeights = [0.5, 0.5],
        InitialParameters = new double[,] { { 0, 2.5 }, { 0, 0.5 } },
        InitialScales = [3, 3],
        Tolerance = 0,
        MaxIterations = iterations,
    };

    private static double Frac(double v) => v - Math.Floor(v);
}
