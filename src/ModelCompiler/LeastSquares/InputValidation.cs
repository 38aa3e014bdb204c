// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Checks everything at the public boundary and copies it into a <see cref="LeastSquaresProblem"/>:
/// each failure is an <see cref="ArgumentException"/> naming the argument and the offending index.
/// </summary>
internal static class InputValidation
{
    /// <remarks>
    /// x and y are referenced, not copied: they are only read, and only during the call. Their passes run on up to
    /// <paramref name="workers"/> threads (null: every core), with the same result on any number.
    /// </remarks>
    public static LeastSquaresProblem Build(
        double[] x, int variableCount, double[] y, ReadOnlySpan<double> initial,
        int parameterCount, IReadOnlyList<string> names, FitSetup setup, int? workers = 1)
    {
        int n = y.Length;
        if (n == 0)
            throw new ArgumentException("y is empty: there are no points to fit.", nameof(y));
        if (x.Length != n * variableCount)
        {
            string expected = variableCount == 1 ? $"{n} (one per y value)" : $"{n}·{variableCount} = {n * variableCount} (column-major, one column per variable)";
            throw new ArgumentException($"x has {x.Length} values but y has {n} points; x needs {expected}.", nameof(x));
        }
        if (initial.Length != parameterCount)
            throw new ArgumentException(
                $"initial has {initial.Length} values but the model has {parameterCount} parameters ({string.Join(", ", names)}).",
                nameof(initial));

        RequireFinite(x, nameof(x), n, variableCount, workers);
        // Σy² is finite unless some y is not (or the squares overflow): one pass checks y and gives ‖y‖ unweighted.
        double unweightedSquares = DataSums.SquaresAbout(y, 0, null, workers);
        if (!double.IsFinite(unweightedSquares))
            RequireFinite(y, nameof(y), n, 1, workers);
        for (int j = 0; j < initial.Length; j++)
            if (!double.IsFinite(initial[j]))
                throw new ArgumentException($"initial[{j}] ({names[j]}) is {initial[j]}; initial values must be finite.", nameof(initial));

        double[]? sqrtWeights = null;
        if (setup.Sigma is not null && setup.Weights is not null)
            throw new ArgumentException("Give either sigma or weights, not both (weights are 1/σ²).", nameof(setup));
        if (setup.Sigma is { } sigma)
        {
            RequireLength(sigma.Length, n, "sigma");
            sqrtWeights = new double[n];
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(sigma[i]) || !(sigma[i] > 0))
                    throw new ArgumentException($"sigma[{i}] is {sigma[i]}; every sigma must be finite and positive.", "sigma");
                sqrtWeights[i] = 1 / sigma[i];
            }
        }
        if (setup.Weights is { } weights)
        {
            RequireLength(weights.Length, n, "weights");
            sqrtWeights = new double[n];
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(weights[i]) || !(weights[i] > 0))
                    throw new ArgumentException($"weights[{i}] is {weights[i]}; every weight must be finite and positive.", "weights");
                sqrtWeights[i] = Math.Sqrt(weights[i]);
            }
        }

        var isFixed = new bool[parameterCount];
        if (setup.Fixed is { } fixedFlags)
        {
            if (fixedFlags.Length != parameterCount)
                throw new ArgumentException($"fixed has {fixedFlags.Length} flags but the model has {parameterCount} parameters.", "fixed");
            fixedFlags.CopyTo(isFixed, 0);
        }
        int[] free = Enumerable.Range(0, parameterCount).Where(j => !isFixed[j]).ToArray();
        if (free.Length == 0)
            throw new ArgumentException("Every parameter is fixed: there is nothing to fit.", "fixed");
        if (n < free.Length)
            throw new ArgumentException(
                $"There are {n} points but {free.Length} free parameters; least squares needs at least as many points as free parameters.",
                nameof(y));

        double[]? lower = null, upper = null;
        if (setup.LowerBounds is not null || setup.UpperBounds is not null)
        {
            double[] lo = setup.LowerBounds ?? Enumerable.Repeat(double.NegativeInfinity, parameterCount).ToArray();
            double[] hi = setup.UpperBounds ?? Enumerable.Repeat(double.PositiveInfinity, parameterCount).ToArray();
            if (lo.Length != parameterCount)
                throw new ArgumentException($"lower bounds have {lo.Length} values but the model has {parameterCount} parameters.", "lowerBounds");
            if (hi.Length != parameterCount)
                throw new ArgumentException($"upper bounds have {hi.Length} values but the model has {parameterCount} parameters.", "upperBounds");
            for (int j = 0; j < parameterCount; j++)
            {
                if (double.IsNaN(lo[j]) || lo[j] == double.PositiveInfinity)
                    throw new ArgumentException($"lower bound {j} ({names[j]}) is {lo[j]}; use −∞ for no bound.", "lowerBounds");
                if (double.IsNaN(hi[j]) || hi[j] == double.NegativeInfinity)
                    throw new ArgumentException($"upper bound {j} ({names[j]}) is {hi[j]}; use +∞ for no bound.", "upperBounds");
                if (!(lo[j] < hi[j]))
                    throw new ArgumentException($"bounds of parameter {j} ({names[j]}) are [{lo[j]}, {hi[j]}]; the lower bound must be below the upper.", "lowerBounds");
                if (initial[j] < lo[j] || initial[j] > hi[j])
                    throw new ArgumentException(
                        $"initial[{j}] ({names[j]}) = {initial[j]} lies outside its bounds [{lo[j]}, {hi[j]}]" +
                        (isFixed[j] ? "; a fixed parameter keeps its initial value, which must satisfy its bounds too." : "."),
                        nameof(initial));
            }
            lower = free.Select(j => lo[j]).ToArray();
            upper = free.Select(j => hi[j]).ToArray();
        }

        double responseSquares = sqrtWeights is null ? unweightedSquares : DataSums.SquaresAbout(y, 0, sqrtWeights, workers);
        ResponseScale.RequireSquarable(responseSquares, y, sqrtWeights);

        return new LeastSquaresProblem
        {
            WeightedResponseNorm = Math.Sqrt(responseSquares),
            X = x,
            Y = y,
            SqrtWeights = sqrtWeights,
            Initial = initial.ToArray(),
            FreeIndices = free,
            Lower = lower,
            Upper = upper,
            IsFixed = isFixed,
        };
    }

    private static void RequireLength(int actual, int n, string name)
    {
        if (actual != n)
            throw new ArgumentException($"{name} has {actual} values but y has {n} points.", name);
    }

    private static void RequireFinite(double[] values, string name, int n, int columns, int? workers)
    {
        int i = DataSums.FirstNonFinite(values, workers);
        if (i < 0)
            return;
        string where = columns == 1 ? $"{name}[{i}]" : $"{name} at point {i % n}, variable {i / n}";
        throw new ArgumentException($"{where} is {values[i]}; data must be finite.", name);
    }
}
