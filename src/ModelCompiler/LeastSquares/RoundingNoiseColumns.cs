// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Numerics;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Jacobian columns made of the rounding of their own formula: d·sin(πx) at integer x has the column sin(fl(π)·i),
/// about ±1.2e-16·i, which is not zero, so the rank test passes it; the fit then grows d to 1e12 until that noise fits
/// the data's, and reports it determined, with the curve between the points at 1e12. Such a column changes by about
/// itself when x moves by a few ulps, where a column that means something changes by a few ulps of itself times the
/// formula's condition: moving x by 8 ulps and comparing tells them apart.
/// </summary>
internal static class RoundingNoiseColumns
{
    /// <summary>
    /// The check looks at every point up to this many, and otherwise at this many evenly spaced: a column of rounding is
    /// that everywhere, and a meaningful one changes by ulps at every point, so a sample decides as well as all points do.
    /// </summary>
    private const int SampledPoints = 4096;

    /// <summary>A column that changes by more than this fraction of its norm is rounding noise (a meaningful one: ~1e-12).</summary>
    private const double Change = 1e-4;

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Why the covariance is undefined, or null; <paramref name="undetermined"/> counts the noisy columns.</summary>
    public static string? Find<TModel>(ReadOnlySpan<double> x, int pointCount, ReadOnlySpan<double> parameters, ReadOnlySpan<int> free,
                                       out int undetermined)
        where TModel : IModel
    {
        int p = parameters.Length, variables = x.Length / pointCount;
        int n = SampleSize(pointCount);
        // Pooled: a fit of a million points would otherwise allocate 0.4 MB on the large-object heap for a check.
        var pool = System.Buffers.ArrayPool<double>.Shared;
        double[] sample = pool.Rent(n * variables), moved = pool.Rent(n * variables), values = pool.Rent(n);
        double[] at = pool.Rent(n * p), beside = pool.Rent(n * p);
        try
        {
            Sample(x, pointCount, n, sample, moved);
            TModel.EvaluateWithJacobian(sample.AsSpan(0, n * variables), parameters, values.AsSpan(0, n), at.AsSpan(0, n * p));
            TModel.EvaluateWithJacobian(moved.AsSpan(0, n * variables), parameters, values.AsSpan(0, n), beside.AsSpan(0, n * p));
            return Noisy<TModel>(at, beside, n, free, out undetermined);
        }
        finally
        {
            foreach (double[] array in new[] { sample, moved, values, at, beside })
                pool.Return(array);
        }
    }

    /// <summary>How many points the check looks at for <paramref name="pointCount"/>.</summary>
    private static int SampleSize(int pointCount) => Math.Min(pointCount, SampledPoints);

    /// <summary>The <paramref name="n"/> points looked at (column-major, as x), and the same moved by 8 ulps.</summary>
    private static void Sample(ReadOnlySpan<double> x, int pointCount, int n, Span<double> sample, Span<double> moved)
    {
        int variables = x.Length / pointCount;
        for (int c = 0; c < variables; c++)
            for (int i = 0; i < n; i++)
            {
                double value = x[c * pointCount + (int)((long)i * pointCount / n)];
                sample[c * n + i] = value;
                moved[c * n + i] = value * (1 + 8 * Epsilon);
            }
    }

    /// <summary>Whether column <paramref name="at"/> is rounding noise, given the same column <paramref name="beside"/> x; its relative change.</summary>
    private static bool IsNoise(ReadOnlySpan<double> at, ReadOnlySpan<double> beside, out double relativeChange)
    {
        // Vectors, so that the sums are not one chain of additions: a batch checks every curve.
        var norms = Vector<double>.Zero;
        var changes = Vector<double>.Zero;
        int i = 0;
        for (; i <= at.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            var value = new Vector<double>(at[i..]);
            var difference = new Vector<double>(beside[i..]) - value;
            norms += value * value;
            changes += difference * difference;
        }
        double norm = Vector.Sum(norms), change = Vector.Sum(changes);
        for (; i < at.Length; i++)
        {
            double value = at[i], difference = beside[i] - value;
            norm += value * value;
            change += difference * difference;
        }
        relativeChange = Math.Sqrt(change / norm);
        return norm > 0 && change > Change * Change * norm;   // a NaN column is another check's
    }

    private static string? Noisy<TModel>(double[] at, double[] beside, int n, ReadOnlySpan<int> free, out int undetermined)
        where TModel : IModel
    {
        var noisy = new List<string>();
        double largest = 0;
        foreach (int j in free)
        {
            if (!IsNoise(at.AsSpan(j * n, n), beside.AsSpan(j * n, n), out double change))
                continue;
            noisy.Add(TModel.ParameterNames[j]);
            largest = Math.Max(largest, change);
        }
        undetermined = noisy.Count;
        if (noisy.Count == 0)
            return null;
        string names = string.Join(", ", noisy);
        return string.Format(CultureInfo.InvariantCulture,
            "the Jacobian's column of {0} is the rounding of its formula, not a signal: it changes by {1:G2} of itself when x moves " +
            "by 8 ulps (a term that vanishes at every point, as sin(πx) does at integer x); the data cannot determine {0}", names, largest);
    }

    /// <summary>
    /// The same check for many fits of one model, a batch's curves: buffers kept from fit to fit, and the points looked
    /// at sampled once when the fits share them.
    /// </summary>
    internal sealed class Checker<TModel> where TModel : IModel
    {
        private readonly int _pointCount, _n;
        private readonly double[] _sample, _moved, _values, _at, _beside;

        public Checker(int pointCount, int variableCount)
        {
            _pointCount = pointCount;
            _n = SampleSize(pointCount);
            _sample = new double[_n * variableCount];
            _moved = new double[_n * variableCount];
            _values = new double[_n];
            _at = new double[_n * TModel.ParameterCount];
            _beside = new double[_n * TModel.ParameterCount];
        }

        /// <summary>Looks at the points <paramref name="x"/> (column-major) from now on.</summary>
        public void Look(ReadOnlySpan<double> x) => Sample(x, _pointCount, _n, _sample, _moved);

        /// <summary>Whether a column of a free parameter at <paramref name="parameters"/> is rounding noise at the points looked at.</summary>
        public bool AnyNoisy(ReadOnlySpan<double> parameters, ReadOnlySpan<int> free)
        {
            TModel.EvaluateWithJacobian(_sample, parameters, _values, _at);
            TModel.EvaluateWithJacobian(_moved, parameters, _values, _beside);
            foreach (int j in free)
                if (IsNoise(_at.AsSpan(j * _n, _n), _beside.AsSpan(j * _n, _n), out _))
                    return true;
            return false;
        }
    }
}
