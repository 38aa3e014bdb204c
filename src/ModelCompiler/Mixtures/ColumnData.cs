// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// A validated, column-major copy of an n×d data matrix (feature j of point i at <c>Columns[j·n + i]</c>),
/// the layout the vectorized kernels read four or eight points of one feature at a time from.
/// </summary>
internal sealed class ColumnData
{
    public int PointCount { get; }
    public int Dimension { get; }
    public double[] Columns { get; }

    private ColumnData(int n, int d, double[] columns)
    {
        PointCount = n;
        Dimension = d;
        Columns = columns;
    }

    /// <summary>Copies row-major <paramref name="x"/> (one row per point); NaN or ±∞ is an error naming the row.</summary>
    public static ColumnData FromRows(double[,] x, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(x, parameterName);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n == 0 || d == 0)
            throw new ArgumentException($"{parameterName} is {n}×{d}; it needs at least one row (point) and one column (feature).", parameterName);
        ReadOnlySpan<double> rows = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(x)), checked(n * d));
        int bad = FirstNonFinite(rows);
        if (bad >= 0)
        {
            (int i, int j) = Math.DivRem(bad, d);
            throw new ArgumentException($"{parameterName}[{i}, {j}] is {rows[bad]}: row {i} has a non-finite value; every value must be finite.", parameterName);
        }
        var columns = new double[rows.Length];
        for (int j = 0; j < d; j++)
        {
            Span<double> column = columns.AsSpan(j * n, n);
            for (int i = 0; i < n; i++)
                column[i] = rows[i * d + j];
        }
        return new ColumnData(n, d, columns);
    }

    /// <summary>The index of the first NaN or ±∞, or −1; a vector of four values is finite when v − v is all zeros.</summary>
    private static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double v0 = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref v0, (nuint)i);
                if (!Vector256.EqualsAll(v - v, Vector256<double>.Zero))
                    break;
            }
        }
        for (; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                return i;
        return -1;
    }

    /// <summary>
    /// Refuses data whose second moments cannot be accumulated in double: for every column, n·d·(max − min)²
    /// must stay below 2¹⁰²⁰, so that sums of squared deviations about any point of the data (the M-step's
    /// statistics, k-means' distances) are finite. Checked in logarithms, which do not overflow.
    /// </summary>
    public void RequireRepresentableSpread(string parameterName) => RequireRepresentable(parameterName, aboutZero: false);

    /// <summary>
    /// Refuses data whose squares cannot be summed in double: n·d·max|x|² must stay below 2¹⁰²⁰. A model whose prior
    /// is centred on zero (CAVI's) accumulates squares about zero, so a small spread far from zero can still overflow.
    /// </summary>
    public void RequireRepresentableSquares(string parameterName) => RequireRepresentable(parameterName, aboutZero: true);

    private void RequireRepresentable(string parameterName, bool aboutZero)
    {
        int n = PointCount;
        double logCount = Math.Log2((double)n * Dimension);
        for (int j = 0; j < Dimension; j++)
        {
            (double min, double max) = Range(Columns.AsSpan(j * n, n));
            // Half the range (max/2 − min/2 cannot overflow), or the largest magnitude for squares about zero.
            double half = aboutZero ? Math.Max(Math.Abs(min), Math.Abs(max)) / 2 : max / 2 - min / 2;
            if (half > 0 && 2 * (Math.Log2(half) + 1) + logCount >= 1020)
            {
                string what = aboutZero
                    ? FormattableString.Invariant($"reaches {2 * half:G3} in magnitude: its squared values")
                    : FormattableString.Invariant($"spans {min:G3} to {max:G3}: its squared deviations");
                throw new ArgumentException(
                    $"{parameterName} column {j} {what}, summed over {n} points, overflow double, so its variances cannot be represented; " +
                    FormattableString.Invariant($"divide {parameterName} by a constant (e.g. {Math.Pow(10, Math.Floor(Math.Log10(half))):G1}) and fit again."),
                    parameterName);
            }
        }
    }

    /// <summary>The smallest and largest of finite <paramref name="values"/>.</summary>
    private static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            ref double v0 = ref MemoryMarshal.GetReference(values);
            var low = Vector256.LoadUnsafe(ref v0);
            var high = low;
            for (i = Vector256<double>.Count; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref v0, (nuint)i);
                low = Vector256.Min(low, v);
                high = Vector256.Max(high, v);
            }
            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                min = Math.Min(min, low[lane]);
                max = Math.Max(max, high[lane]);
            }
        }
        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        return (min, max);
    }

    /// <summary>
    /// The shape of n×d points held elsewhere (by the partitions of a distributed fit), without their values: a
    /// coordinator's family reads the shape alone; any pass over it would fail on the empty columns.
    /// </summary>
    public static ColumnData Shape(int n, int d) => new(n, d, []);

    /// <summary>Wraps an already validated column-major array (not copied).</summary>
    public static ColumnData FromColumns(double[] columns, int n, int d) => new(n, d, columns);

    /// <summary>The features' population variances (two-pass), averaged over the d features: the data's scale.</summary>
    public double MeanFeatureVariance()
    {
        int n = PointCount;
        double total = 0;
        for (int j = 0; j < Dimension; j++)
        {
            ReadOnlySpan<double> col = Columns.AsSpan(j * n, n);
            double mean = 0;
            foreach (double v in col)
                mean += v;
            mean /= n;
            double ss = 0;
            foreach (double v in col)
                ss += (v - mean) * (v - mean);
            total += ss / n;
        }
        return total / Dimension;
    }
}
