// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.ModelFit.Input;

/// <summary>Curves already in memory (a CSV file's rows), with their σ and their own x if given, handed to the streamed batch fit as a file reader would.</summary>
internal sealed class MatrixCurveReader(double[,] y, double[,]? sigma, double[,]? x = null) : ICurveReader
{
    private int _next;

    public int PointCount => y.GetLength(1);

    public bool HasSigma => sigma is not null;

    public bool HasX => x is not null;

    public int Read(double[,] values) => Read(values, null, null);

    public int Read(double[,] values, double[,]? deviations) => Read(values, deviations, null);

    public int Read(double[,] values, double[,]? deviations, double[,]? points)
    {
        int n = PointCount, count = Math.Min(values.GetLength(0), y.GetLength(0) - _next);
        Array.Copy(y, _next * n, values, 0, count * n);
        if (deviations is not null && sigma is not null)
            Array.Copy(sigma, _next * n, deviations, 0, count * n);
        if (points is not null && x is not null)
            Array.Copy(x, _next * n, points, 0, count * n);
        _next += count;
        return count;
    }

    /// <summary>The rows of a CSV file's point columns (and σ and x columns) as curves.</summary>
    public static MatrixCurveReader FromCsv(CsvColumns data, IReadOnlyList<string> points, IReadOnlyList<string>? sigma, IReadOnlyList<string>? x = null)
    {
        double[,] Rows(IReadOnlyList<string> names)
        {
            var rows = new double[data.RowCount, names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                double[] column = data[names[i]];
                for (int r = 0; r < column.Length; r++)
                    rows[r, i] = column[r];
            }
            return rows;
        }
        return new MatrixCurveReader(Rows(points), sigma is null ? null : Rows(sigma), x is null ? null : Rows(x));
    }
}
