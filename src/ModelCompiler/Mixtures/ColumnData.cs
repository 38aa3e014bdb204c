// SPDX-License-Identifier: MIT
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
        var columns = new double[checked(n * d)];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double v = x[i, j];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"{parameterName}[{i}, {j}] is {v}: row {i} has a non-finite value; every value must be finite.", parameterName);
                columns[j * n + i] = v;
            }
        return new ColumnData(n, d, columns);
    }

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
