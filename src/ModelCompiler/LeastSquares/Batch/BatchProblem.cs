// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// A validated batch of curves in the solver's terms: x shared or per curve, y, √w, starts, bounds and fixed
/// flags, each per-curve setting either shared (one row) or one row per curve. The caller's arrays are referenced
/// and only read, except the weights, which become √w.
/// </summary>
internal sealed class BatchProblem
{
    private BatchProblem(int curves, int points, int parameters, int variables)
    {
        CurveCount = curves;
        PointCount = points;
        ParameterCount = parameters;
        VariableCount = variables;
    }

    public int CurveCount { get; }
    public int PointCount { get; }
    public int ParameterCount { get; }
    public int VariableCount { get; }

    /// <summary>x shared by every curve, column-major n×V; null when each curve has its own.</summary>
    public double[]? SharedX { get; private init; }
    /// <summary>Per-curve x, row c column-major n×V; null when shared.</summary>
    public double[,]? CurveX { get; private init; }
    public double[,] Y { get; private init; } = new double[0, 0];
    /// <summary>√wᵢ, one row or one per curve; null for unit weights.</summary>
    public double[,]? SqrtWeights { get; private init; }
    public double[,] Initial { get; private init; } = new double[0, 0];
    /// <summary>Bounds, one row or one per curve (±∞ where none); null when unbounded.</summary>
    public double[,]? Lower { get; private init; }
    public double[,]? Upper { get; private init; }
    public bool[,]? Fixed { get; private init; }

    /// <summary>Σ(√w·y)² of each curve, summed as the single-curve fit sums it.</summary>
    public double[] ResponseSquares { get; private init; } = [];

    /// <summary>
    /// The curves whose data are too large for the normal equations the lanes sum (true at their index), or null when
    /// there are none: the single-curve solver, whose norms rescale, fits them.
    /// </summary>
    public bool[]? Oversized { get; private init; }

    public ReadOnlySpan<double> XOf(int curve) => SharedX ?? Row(CurveX!, curve);
    public ReadOnlySpan<double> YOf(int curve) => Row(Y, curve);
    public ReadOnlySpan<double> SqrtWeightsOf(int curve) => SqrtWeights is null ? default : Row(SqrtWeights, curve);
    public ReadOnlySpan<double> InitialOf(int curve) => Row(Initial, curve);
    public ReadOnlySpan<double> LowerOf(int curve) => Lower is null ? default : Row(Lower, curve);
    public ReadOnlySpan<double> UpperOf(int curve) => Upper is null ? default : Row(Upper, curve);
    public ReadOnlySpan<bool> FixedOf(int curve) => Fixed is null ? default : Row(Fixed, curve);

    /// <summary>Row <paramref name="curve"/> of a matrix that has one row per curve, or its only row.</summary>
    public static ReadOnlySpan<T> Row<T>(T[,] matrix, int curve)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        int row = rows == 1 ? 0 : curve;
        ref T first = ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(matrix));
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, (nint)row * columns), columns);
    }

    /// <summary>m curves of n points, and an x that fits them (shared, or a row per curve), or an exception naming what does not.</summary>
    public static void RequireShape(double[]? sharedX, double[,]? curveX, int m, int n, int variableCount)
    {
        if (m == 0)
            throw new ArgumentException("y has no curves (rows) to fit.", "y");
        if (n == 0)
            throw new ArgumentException("y has no points (columns): each curve needs at least one.", "y");
        if (sharedX is not null && sharedX.Length != (long)n * variableCount)
            throw new ArgumentException(
                $"x has {sharedX.Length} values but the curves have {n} points and the model {variableCount} variable(s); " +
                $"a shared x needs {(long)n * variableCount} (column-major).", "x");
        if (curveX is not null && (curveX.GetLength(0) != m || curveX.GetLength(1) != (long)n * variableCount))
            throw new ArgumentException(
                $"x is {curveX.GetLength(0)}×{curveX.GetLength(1)} but y is {m}×{n}: per-curve x needs one row per curve of " +
                $"{(long)n * variableCount} values (n·V, column-major).", "x");
    }

    /// <summary>
    /// Checks everything and builds the problem; each failure is an <see cref="ArgumentException"/> naming the
    /// argument, the curve and the point or parameter. <paramref name="firstCurve"/> numbers the curves in messages
    /// (a streamed block's place in its stream).
    /// </summary>
    public static BatchProblem Build(double[]? sharedX, double[,]? curveX, double[,] y, double[,] initial, BatchFitSetup setup,
                                     int variableCount, int parameterCount, IReadOnlyList<string> names, long firstCurve = 0,
                                     int? maxDegreeOfParallelism = null)
    {
        int m = y.GetLength(0), n = y.GetLength(1);
        RequireShape(sharedX, curveX, m, n, variableCount);
        RequireRows(initial.GetLength(0), m, "initial");
        if (initial.GetLength(1) != parameterCount)
            throw new ArgumentException(
                $"initial has {initial.GetLength(1)} values per row but the model has {parameterCount} parameters ({string.Join(", ", names)}).",
                "initial");

        if (sharedX is not null && DataSums.FirstNonFinite(sharedX) is >= 0 and int bad)
            throw new ArgumentException($"x at point {bad % n}, variable {bad / n} is {sharedX[bad]}; data must be finite.", "x");
        if (curveX is not null)
            RequireFinite(curveX, "x", firstCurve);
        RequireFinite(initial, "initial", firstCurve);

        double[,]? sqrtWeights = null;
        if (setup.Sigma is not null && setup.Weights is not null)
            throw new ArgumentException("Give either sigma or weights, not both (weights are 1/σ²).", nameof(setup));
        if ((setup.Sigma ?? setup.Weights) is { } given)
        {
            string name = setup.Sigma is not null ? "sigma" : "weights";
            RequireRows(given.GetLength(0), m, name);
            if (given.GetLength(1) != n)
                throw new ArgumentException($"{name} has {given.GetLength(1)} values per row but the curves have {n} points.", name);
            sqrtWeights = new double[given.GetLength(0), n];
            for (int c = 0; c < given.GetLength(0); c++)
                for (int i = 0; i < n; i++)
                {
                    double v = given[c, i];
                    if (!double.IsFinite(v) || !(v > 0))
                        throw new ArgumentException($"{name}[curve {firstCurve + c}, point {i}] is {v}; every {(name == "sigma" ? "sigma" : "weight")} must be finite and positive.", name);
                    sqrtWeights[c, i] = setup.Sigma is not null ? 1 / v : Math.Sqrt(v);
                }
        }

        double[] responseSquares = SumsOfSquares(y, sqrtWeights, maxDegreeOfParallelism);
        // A finite sum of squares has finite terms; a curve whose sum is not finite holds a NaN or ±∞, or overflowed.
        // Every curve is checked for them before any is checked for its scale, so the first bad value is named first.
        for (int c = 0; c < m; c++)
            if (!double.IsFinite(responseSquares[c]) && DataSums.FirstNonFinite(Row(y, c)) is >= 0 and int i)
                throw new ArgumentException($"y[curve {firstCurve + c}, {i}] is {y[c, i]}; data must be finite.", "y");
        bool[]? oversized = null;
        for (int c = 0; c < m; c++)
        {
            double squares = responseSquares[c];
            ResponseScale.RequireSquarable(squares, Row(y, c), sqrtWeights is null ? default : Row(sqrtWeights, c), firstCurve + c);
            if (ResponseScale.OverflowsNormalEquations(squares))
                (oversized ??= new bool[m])[c] = true;
        }

        if (setup.Fixed is { } isFixed)
        {
            RequireRows(isFixed.GetLength(0), m, "fixed");
            if (isFixed.GetLength(1) != parameterCount)
                throw new ArgumentException($"fixed has {isFixed.GetLength(1)} flags per row but the model has {parameterCount} parameters.", "fixed");
        }
        int maxRows = Math.Max(Math.Max(initial.GetLength(0), setup.Fixed?.GetLength(0) ?? 1), 1);
        for (int c = 0; c < maxRows; c++)
        {
            int free = 0;
            for (int j = 0; j < parameterCount; j++)
                if (setup.Fixed is null || !Row(setup.Fixed, c)[j])
                    free++;
            if (free == 0)
                throw new ArgumentException($"Every parameter of curve {firstCurve + c} is fixed: there is nothing to fit.", "fixed");
            if (n < free)
                throw new ArgumentException(
                    $"The curves have {n} points but {free} free parameters; least squares needs at least as many points as free parameters.", nameof(y));
        }

        double[,]? lower = null, upper = null;
        if (setup.LowerBounds is not null || setup.UpperBounds is not null)
        {
            lower = setup.LowerBounds ?? Filled(1, parameterCount, double.NegativeInfinity);
            upper = setup.UpperBounds ?? Filled(1, parameterCount, double.PositiveInfinity);
            RequireRows(lower.GetLength(0), m, "lowerBounds");
            RequireRows(upper.GetLength(0), m, "upperBounds");
            if (lower.GetLength(1) != parameterCount)
                throw new ArgumentException($"lower bounds have {lower.GetLength(1)} values per row but the model has {parameterCount} parameters.", "lowerBounds");
            if (upper.GetLength(1) != parameterCount)
                throw new ArgumentException($"upper bounds have {upper.GetLength(1)} values per row but the model has {parameterCount} parameters.", "upperBounds");
            int rows = Math.Max(Math.Max(lower.GetLength(0), upper.GetLength(0)), initial.GetLength(0));
            for (int c = 0; c < rows; c++)
            {
                ReadOnlySpan<double> lo = Row(lower, c), hi = Row(upper, c), start = Row(initial, c);
                for (int j = 0; j < parameterCount; j++)
                {
                    if (double.IsNaN(lo[j]) || lo[j] == double.PositiveInfinity)
                        throw new ArgumentException($"lower bound {j} ({names[j]}) of curve {firstCurve + c} is {lo[j]}; use −∞ for no bound.", "lowerBounds");
                    if (double.IsNaN(hi[j]) || hi[j] == double.NegativeInfinity)
                        throw new ArgumentException($"upper bound {j} ({names[j]}) of curve {firstCurve + c} is {hi[j]}; use +∞ for no bound.", "upperBounds");
                    if (!(lo[j] < hi[j]))
                        throw new ArgumentException($"bounds of parameter {j} ({names[j]}) of curve {firstCurve + c} are [{lo[j]}, {hi[j]}]; the lower bound must be below the upper.", "lowerBounds");
                    if (start[j] < lo[j] || start[j] > hi[j])
                        throw new ArgumentException(
                            $"initial[curve {firstCurve + c}, {j}] ({names[j]}) = {start[j]} lies outside its bounds [{lo[j]}, {hi[j]}].", "initial");
                }
            }
        }

        return new BatchProblem(m, n, parameterCount, variableCount)
        {
            SharedX = sharedX,
            CurveX = curveX,
            Y = y,
            SqrtWeights = sqrtWeights,
            Initial = initial,
            Lower = lower,
            Upper = upper,
            Fixed = setup.Fixed,
            ResponseSquares = responseSquares,
            Oversized = oversized,
        };
    }

    /// <summary>Σ(√w·y)² of every curve: the one pass over y before the fit, in blocks of curves on all cores for large batches.</summary>
    private static double[] SumsOfSquares(double[,] y, double[,]? sqrtWeights, int? maxDegreeOfParallelism)
    {
        const int BlockValues = 1 << 18;
        int m = y.GetLength(0), n = y.GetLength(1);
        var squares = new double[m];
        int blockCurves = Math.Max(1, BlockValues / n), blocks = (m + blockCurves - 1) / blockCurves;
        void Block(int b)
        {
            for (int c = b * blockCurves, end = Math.Min(m, c + blockCurves); c < end; c++)
                squares[c] = DataSums.SquaresAbout(Row(y, c), 0, sqrtWeights is null ? default : Row(sqrtWeights, c));
        }
        if (blocks == 1)
            Block(0);
        else
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 }, Block);
        return squares;
    }

    private static double[,] Filled(int rows, int columns, double value)
    {
        var matrix = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                matrix[r, c] = value;
        return matrix;
    }

    private static void RequireRows(int rows, int curves, string name)
    {
        if (rows != 1 && rows != curves)
            throw new ArgumentException($"{name} has {rows} rows; give one row shared by every curve or one per curve ({curves}).", name);
    }

    private static void RequireFinite(double[,] values, string name, long firstCurve)
    {
        int columns = values.GetLength(1);
        ReadOnlySpan<double> all = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length);
        int at = DataSums.FirstNonFinite(all);
        if (at >= 0)
            throw new ArgumentException($"{name}[curve {firstCurve + at / columns}, {at % columns}] is {all[at]}; data must be finite.", name);
    }
}
