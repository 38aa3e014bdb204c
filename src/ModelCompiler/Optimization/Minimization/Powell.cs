// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Powell's conjugate-direction method (see <see cref="PowellOptions"/>).</summary>
internal static class Powell
{
    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, PowellOptions options)
        where TSource : struct, IObjectiveSource
    {
        int n = objective.N;
        int maxIterations = options.IterationLimit(n);
        double[]? lower = objective.Lower, upper = objective.Upper;
        var directions = InitialDirections(n, options);
        var line = new LineMinimizer<TSource>(objective);
        var x = (double[])objective.Start.Clone();
        var x1 = (double[])x.Clone();
        var x2 = new double[n];
        var extrapolation = new double[n];

        double fval = objective.Value(x);
        if (!double.IsFinite(fval))
            throw new ArgumentException($"f is {fval} at the start; the objective must be finite there.", "start");
        int k = 0;
        MinimizationTermination termination;
        try
        {
            while (true)
            {
                double fx = fval;
                int bigIndex = 0;
                double delta = 0;
                for (int i = 0; i < n; i++)
                {
                    double before = fval;
                    fval = Search(line, x, directions[i], fval, lower, upper, options, out _);
                    if (before - fval > delta)
                    {
                        delta = before - fval;
                        bigIndex = i;
                    }
                }
                k++;
                objective.Report(k, fval, double.NaN, x);
                if (2.0 * (fx - fval) <= options.FunctionTolerance * (Math.Abs(fx) + Math.Abs(fval)) + 1e-20)
                {
                    termination = MinimizationTermination.FunctionTolerance;
                    break;
                }
                if (!objective.CanEvaluate())
                {
                    termination = MinimizationTermination.MaxFunctionEvaluations;
                    break;
                }
                if (k >= maxIterations)
                {
                    termination = MinimizationTermination.MaxIterations;
                    break;
                }

                // The iteration's displacement: extrapolate along it, and take it as a new direction when Powell's
                // test says the set keeps its conjugacy.
                for (int i = 0; i < n; i++)
                {
                    extrapolation[i] = x[i] - x1[i];
                    x1[i] = x[i];
                }
                double reach = lower is null ? 1 : Math.Min(1, LineRange(x, extrapolation, lower, upper!).High);
                for (int i = 0; i < n; i++)
                    x2[i] = x[i] + reach * extrapolation[i];
                if (!objective.CanEvaluate())
                    throw new BudgetExhausted();
                double fx2 = objective.Value(x2);
                if (double.IsNaN(fx2))
                    fx2 = double.PositiveInfinity;
                if (fx > fx2)
                {
                    double t = 2.0 * (fx + fx2 - 2.0 * fval);
                    double temp = fx - fval - delta;
                    t *= temp * temp;
                    temp = fx - fx2;
                    t -= delta * temp * temp;
                    if (t < 0.0)
                    {
                        fval = Search(line, x, extrapolation, fval, lower, upper, options, out double step);
                        if (step != 0 && !IsZero(extrapolation))
                        {
                            var recycled = directions[bigIndex];
                            directions[bigIndex] = directions[n - 1];
                            for (int i = 0; i < n; i++)
                                recycled[i] = step * extrapolation[i];
                            directions[n - 1] = recycled;
                        }
                    }
                }
            }
        }
        catch (BudgetExhausted)
        {
            fval = line.MoveToBest(x, fval);
            termination = MinimizationTermination.MaxFunctionEvaluations;
        }
        return objective.Result(options.Method, x, fval, default, double.NaN, k, termination,
                                Messages.For(termination, options.FunctionTolerance));
    }

    /// <summary>One line search along <paramref name="d"/>: moves x to the minimizer and returns f there.</summary>
    private static double Search<TSource>(LineMinimizer<TSource> line, double[] x, double[] d, double fval,
        double[]? lower, double[]? upper, PowellOptions options, out double step)
        where TSource : struct, IObjectiveSource
    {
        step = 0;
        if (IsZero(d))
            return fval;
        double value;
        if (lower is null)
        {
            step = line.Minimize(x, d, fval, options.LineTolerance, options.ReevaluateLineStart, out value);
        }
        else
        {
            var (low, high) = LineRange(x, d, lower, upper!);
            if (double.IsNegativeInfinity(low) && double.IsPositiveInfinity(high))
                step = line.Minimize(x, d, fval, options.LineTolerance, options.ReevaluateLineStart, out value);
            else
                step = line.MinimizeOn(x, d, fval, low, high, options.LineTolerance / 100, out value);
            if (value > fval)
            {
                // localmin does not evaluate the start; never move to a worse point.
                step = 0;
                value = fval;
            }
        }
        for (int i = 0; i < x.Length; i++)
            x[i] += step * d[i];
        return value;
    }

    private static bool IsZero(double[] v)
    {
        foreach (double value in v)
            if (value != 0)
                return false;
        return true;
    }

    /// <summary>The range of α with lower ≤ x + αd ≤ upper, or (0, 0) when empty.</summary>
    internal static (double Low, double High) LineRange(double[] x, double[] d, double[] lower, double[] upper)
    {
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] == 0)
                continue;
            double a = (lower[i] - x[i]) / d[i], b = (upper[i] - x[i]) / d[i];
            low = Math.Max(low, d[i] > 0 ? a : b);
            high = Math.Min(high, d[i] > 0 ? b : a);
        }
        return high >= low ? (low, high) : (0, 0);
    }

    private static double[][] InitialDirections(int n, PowellOptions options)
    {
        var directions = new double[n][];
        if (options.InitialDirections is { } given)
        {
            if (given.GetLength(0) != n || given.GetLength(1) != n)
                throw new ArgumentException(
                    $"options.InitialDirections is {given.GetLength(0)}×{given.GetLength(1)}; {n} free unknowns need {n}×{n}.", "options");
            for (int j = 0; j < n; j++)
            {
                directions[j] = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (!double.IsFinite(given[j, i]))
                        throw new ArgumentException($"options.InitialDirections[{j}, {i}] is {given[j, i]}; it must be finite.", "options");
                    directions[j][i] = given[j, i];
                }
            }
            return directions;
        }
        for (int j = 0; j < n; j++)
        {
            directions[j] = new double[n];
            directions[j][j] = 1;
        }
        return directions;
    }
}
