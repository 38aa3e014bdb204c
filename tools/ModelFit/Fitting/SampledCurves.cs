// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>
/// The first curves of a stream, read ahead to guess a start from their mean, and a reader that gives them again before
/// the rest: the stream is read once, and the fit sees every curve in order.
/// </summary>
internal sealed class SampledCurves : ICurveReader
{
    private readonly ICurveReader _inner;
    private readonly double[,] _y;
    private readonly double[,]? _sigma;
    private int _replayed;

    /// <summary>Reads up to <paramref name="count"/> curves of <paramref name="inner"/> ahead.</summary>
    public SampledCurves(ICurveReader inner, int count)
    {
        _inner = inner;
        _y = new double[count, inner.PointCount];
        _sigma = inner.HasSigma ? new double[count, inner.PointCount] : null;
        Count = _sigma is null ? inner.Read(_y) : inner.Read(_y, _sigma);
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

    /// <inheritdoc/>
    public int PointCount => _inner.PointCount;

    /// <inheritdoc/>
    public bool HasSigma => _sigma is not null;

    /// <inheritdoc/>
    public int Read(double[,] y) => Read(y, null);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,]? sigma)
    {
        if (y.GetLength(1) != PointCount)
            throw new ArgumentException($"y has {y.GetLength(1)} columns but the curves have {PointCount} points.", nameof(y));
        int rows = y.GetLength(0), n = PointCount;
        int replay = Math.Min(rows, Count - _replayed);
        if (replay <= 0)
            return sigma is null ? _inner.Read(y) : _inner.Read(y, sigma);
        Array.Copy(_y, (long)_replayed * n, y, 0, (long)replay * n);
        if (sigma is not null)
            Array.Copy(_sigma!, (long)_replayed * n, sigma, 0, (long)replay * n);
        _replayed += replay;
        if (replay == rows)
            return replay;
        // Fill the rest from the stream: a reader returns fewer curves than asked only at the end.
        var restY = new double[rows - replay, n];
        var restSigma = sigma is null ? null : new double[rows - replay, n];
        int more = restSigma is null ? _inner.Read(restY) : _inner.Read(restY, restSigma);
        Array.Copy(restY, 0, y, (long)replay * n, (long)more * n);
        if (sigma is not null)
            Array.Copy(restSigma!, 0, sigma, (long)replay * n, (long)more * n);
        return replay + more;
    }
}
