// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>
/// The first curves of a stream, read ahead to guess a start from them, and a reader that gives them again before the
/// rest: the stream is read once, and the fit sees every curve in order, with its σ and its own x when the stream has them.
/// </summary>
internal sealed class SampledCurves : ICurveReader
{
    private readonly ICurveReader _inner;
    private readonly double[,] _y;
    private readonly double[,]? _sigma, _x;
    private int _replayed;

    /// <summary>Reads up to <paramref name="count"/> curves of <paramref name="inner"/> ahead.</summary>
    public SampledCurves(ICurveReader inner, int count)
    {
        _inner = inner;
        _y = new double[count, inner.PointCount];
        _sigma = inner.HasSigma ? new double[count, inner.PointCount] : null;
        _x = inner.HasX ? new double[count, inner.PointCount] : null;
        Count = ReadInner(_y, _sigma, _x);
    }

    /// <summary>How many curves were read ahead (fewer than asked only when the stream holds fewer).</summary>
    public int Count { get; }

    /// <summary>The mean of the curves read ahead, point by point (empty when there are none).</summary>
    public double[] Mean()
    {
        int n = PointCount;
        var mean = new double[Count == 0 ? 0 : n];
        for (int c = 0; c < Count; c++)
            for (int i = 0; i < n; i++)
                mean[i] += _y[c, i];
        for (int i = 0; i < mean.Length; i++)
            mean[i] /= Count;
        return mean;
    }

    /// <summary>
    /// The points of every curve read ahead, one data set, for curves that each have their own x (where a mean curve
    /// would average values taken at different x).
    /// </summary>
    public (double[] X, double[] Y) Pooled()
    {
        if (_x is null)
            throw new InvalidOperationException("The curves share their x: take their mean.");
        int values = Count * PointCount;
        return (_x.Cast<double>().Take(values).ToArray(), _y.Cast<double>().Take(values).ToArray());
    }

    /// <inheritdoc/>
    public int PointCount => _inner.PointCount;

    /// <inheritdoc/>
    public bool HasSigma => _sigma is not null;

    /// <inheritdoc/>
    public bool HasX => _x is not null;

    /// <inheritdoc/>
    public int Read(double[,] y) => Read(y, null, null);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,] sigma) => Read(y, sigma, null);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,]? sigma, double[,]? x)
    {
        if (y.GetLength(1) != PointCount)
            throw new ArgumentException($"y has {y.GetLength(1)} columns but the curves have {PointCount} points.", nameof(y));
        int rows = y.GetLength(0), n = PointCount;
        int replay = Math.Min(rows, Count - _replayed);
        if (replay <= 0)
            return ReadInner(y, sigma, x);
        Copy(_y, y, replay);
        Copy(_sigma, sigma, replay);
        Copy(_x, x, replay);
        _replayed += replay;
        if (replay == rows)
            return replay;
        // Fill the rest from the stream: a reader returns fewer curves than asked only at the end.
        var restY = new double[rows - replay, n];
        var restSigma = sigma is null ? null : new double[rows - replay, n];
        var restX = x is null ? null : new double[rows - replay, x.GetLength(1)];
        int more = ReadInner(restY, restSigma, restX);
        Append(restY, y, replay, more);
        Append(restSigma, sigma, replay, more);
        Append(restX, x, replay, more);
        return replay + more;
    }

    private int ReadInner(double[,] y, double[,]? sigma, double[,]? x) =>
        x is not null ? _inner.Read(y, sigma, x) : sigma is not null ? _inner.Read(y, sigma) : _inner.Read(y);

    /// <summary>The next <paramref name="rows"/> rows read ahead, to the start of <paramref name="target"/>.</summary>
    private void Copy(double[,]? ahead, double[,]? target, int rows)
    {
        if (ahead is not null && target is not null)
            Array.Copy(ahead, (long)_replayed * ahead.GetLength(1), target, 0, (long)rows * ahead.GetLength(1));
    }

    private static void Append(double[,]? rest, double[,]? target, int at, int rows)
    {
        if (rest is not null && target is not null)
            Array.Copy(rest, 0, target, (long)at * rest.GetLength(1), (long)rows * rest.GetLength(1));
    }
}
