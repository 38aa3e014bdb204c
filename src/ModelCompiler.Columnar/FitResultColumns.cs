// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Columnar;

/// <summary>
/// The columns a results writer writes, one row per curve: <c>curve</c> (its index in the input, from 0), each
/// parameter by its name, its standard error as <c>se_</c>name, <c>rss</c>, <c>termination</c> (the
/// <see cref="FitTermination"/> name), <c>converged</c>, <c>determined</c> (<see cref="BatchFitResult.IsDetermined"/>:
/// converged with every standard error finite), <c>iterations</c> and <c>evaluations</c>.
/// </summary>
public static class FitResultColumns
{
    /// <summary>The results' column names for a model with the parameters <paramref name="parameterNames"/>, in order.</summary>
    /// <exception cref="ArgumentException">A parameter's name is also the name of another result column.</exception>
    public static IReadOnlyList<string> Names(IReadOnlyList<string> parameterNames)
    {
        var names = new List<string> { "curve" };
        names.AddRange(parameterNames);
        names.AddRange(parameterNames.Select(name => "se_" + name));
        names.AddRange(["rss", "termination", "converged", "determined", "iterations", "evaluations"]);
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException(
                $"The results would have two columns named '{twice.Key}' (a parameter's name is also the name of a result column); rename the parameter.");
        return names;
    }

    /// <summary>Curve indices [first, first + count).</summary>
    internal static long[] Curves(long first, int count)
    {
        var curves = new long[count];
        for (int c = 0; c < count; c++)
            curves[c] = first + c;
        return curves;
    }

    /// <summary>Parameter <paramref name="j"/> of every curve, from the row-major curves × P matrix.</summary>
    internal static double[] Column(double[] matrix, int parameterCount, int j, int count)
    {
        var column = new double[count];
        for (int c = 0; c < count; c++)
            column[c] = matrix[(long)c * parameterCount + j];
        return column;
    }
}
