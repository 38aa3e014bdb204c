using System.Globalization;
using ModelCompiler;
using ModelCompiler.LeastSquares;

/// <summary>
/// `batch`: batch fits (CurveFit.FitMany) of decays and spots, one line per curve, "name values" with the bits of its
/// parameters, standard errors and RSS, then its termination, iterations and evaluations. Curves named "clean/"
/// converge from near starts; the others add far, bounded, fixed and degenerate cases. Fixed seeds, so every
/// process fits the same curves.
/// </summary>
internal static partial class BatchProbe
{
    [Model("a*exp(-t/tau) + b")]
    public static partial double Decay(double t, double a, double tau, double b);

    [Model("a*exp(-((u-x0)^2 + (v-y0)^2)/(2*s^2)) + b")]
    public static partial double Spot([Variable] double u, [Variable] double v, double a, double x0, double y0, double s, double b);

    public static void Print()
    {
        const int m = 203, n = 40;
        var random = new Random(5);
        double[] t = Enumerable.Range(0, n).Select(i => 0.2 * i).ToArray();
        var y = new double[m, n];
        var near = new double[m, 3];
        var far = new double[m, 3];
        for (int c = 0; c < m; c++)
        {
            double a = 2 + 20 * random.NextDouble(), tau = 0.3 + 4 * random.NextDouble(), b = random.NextDouble() - 0.5;
            for (int i = 0; i < n; i++)
                y[c, i] = c % 17 == 3 ? b : a * Math.Exp(-t[i] / tau) + b + 0.05 * a * (random.NextDouble() - 0.5);
            (near[c, 0], near[c, 1], near[c, 2]) = (a * (0.8 + 0.4 * random.NextDouble()), tau * (0.8 + 0.4 * random.NextDouble()), 0);
            (far[c, 0], far[c, 1], far[c, 2]) = (0.01 * a, c % 13 == 0 ? 1e-300 : 50 * tau, 10);
        }
        Write("clean/decays", CurveFit.FitMany<DecayModel>(t, y, near), c => c % 17 != 3);
        Write("far/decays", CurveFit.FitMany<DecayModel>(t, y, far));
        var lower = new double[,] { { 0, 0.05, -1 } };
        var upper = new double[,] { { 1e3, 1.5, 0.2 } };
        var bounded = (double[,])near.Clone();
        for (int c = 0; c < m; c++)
            for (int j = 0; j < 3; j++)
                bounded[c, j] = Math.Clamp(bounded[c, j], lower[0, j], upper[0, j]);
        Write("bounded/decays", CurveFit.FitMany<DecayModel>(t, y, bounded, new BatchFitSetup { LowerBounds = lower, UpperBounds = upper }));
        Write("fixed/decays", CurveFit.FitMany<DecayModel>(t, y, near, new BatchFitSetup { Fixed = new bool[,] { { false, false, true } } }));

        const int spots = 64, side = 7, pixels = side * side;
        var x = new double[2 * pixels];
        for (int i = 0; i < pixels; i++)
            (x[i], x[pixels + i]) = (i % side, i / side);
        var image = new double[spots, pixels];
        var starts = new double[spots, 5];
        for (int c = 0; c < spots; c++)
        {
            double a = 20 + 200 * random.NextDouble(), x0 = 2 + 2 * random.NextDouble(), y0 = 2 + 2 * random.NextDouble();
            double s = 0.7 + random.NextDouble(), b = 10 * random.NextDouble();
            for (int i = 0; i < pixels; i++)
            {
                double du = x[i] - x0, dv = x[pixels + i] - y0;
                image[c, i] = a * Math.Exp(-(du * du + dv * dv) / (2 * s * s)) + b + Math.Sqrt(a) * (random.NextDouble() - 0.5);
            }
            (starts[c, 0], starts[c, 1], starts[c, 2], starts[c, 3], starts[c, 4]) = (0.8 * a, x0 + 0.3, y0 - 0.3, 1.1 * s, b + 1);
        }
        Write("clean/spots", CurveFit.FitMany<SpotModel>(x, image, starts));
    }

    private static void Write(string name, BatchFitResult result, Func<int, bool>? include = null)
    {
        for (int c = 0; c < result.CurveCount; c++)
        {
            if (include is not null && !include(c))
                continue;
            var values = result.ParametersOf(c).ToArray().Concat(result.StandardErrorsOf(c).ToArray())
                .Append(result.ResidualSumOfSquares[c])
                .Append((int)result.Terminations[c]).Append(result.Iterations[c]).Append(result.Evaluations[c]);
            Console.WriteLine($"{name}/{c} " + string.Join(",", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture))));
        }
    }
}
