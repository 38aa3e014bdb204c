// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// A linear model's g(x; θ) = o(x) + D(x)·θ over the points: o and D (column-major n×P), in the model's basis or, once
/// <see cref="UseTransform"/> is called, in the basis D·T whose coefficients are θ′ = T⁻¹·θ
/// (<see cref="DesignConditioning"/>). On a coordinator whose points live elsewhere it holds T alone.
/// </summary>
internal sealed class LinearDesign
{
    private readonly int _n, _p;
    private readonly double[] _offset, _columns;
    private double[]? _transform, _factor;   // T and T⁻¹, row-major P×P

    public LinearDesign(int n, int p, double[] offset, double[] columns)
    {
        _n = n;
        _p = p;
        _offset = offset;
        _columns = columns;
    }

    /// <summary>The design of <typeparamref name="TModel"/> at the points <paramref name="x"/> (column-major n×V).</summary>
    public static LinearDesign Of<TModel>(ReadOnlySpan<double> x, int n) where TModel : IModel
    {
        int p = TModel.ParameterCount;
        var offset = new double[n];
        var columns = new double[n * p];
        TModel.EvaluateWithJacobian(x, new double[p], offset, columns);
        return new LinearDesign(n, p, offset, columns);
    }

    /// <summary>A coordinator's: no points.</summary>
    public static LinearDesign Empty(int p) => new(0, p, [], []);

    /// <summary>T (row-major P×P), or null for the model's own basis.</summary>
    public double[]? Transform => _transform;

    /// <summary>Points held (0 on a coordinator).</summary>
    public int PointCount => _n;

    /// <summary>o(x) at every point.</summary>
    public ReadOnlySpan<double> Offset => _offset;

    /// <summary>The columns of the current basis, column-major n×P.</summary>
    public ReadOnlySpan<double> Columns => _columns;

    /// <summary>Σᵢ Dᵢⱼ of each column (P values), summed by chunk and partition.</summary>
    public double[] Sums(Partitions partitions) => FeatureMoments.Sums(ColumnData.FromColumns(_columns, _n, _p), partitions);

    /// <summary>Σᵢ (Dᵢₐ − mₐ)(Dᵢ_b − m_b) for a ≤ b, the row-major upper triangle, summed by chunk and partition.</summary>
    public double[] CentredGram(ReadOnlySpan<double> means, Partitions partitions)
    {
        int chunks = ChunkedParallel.ChunkCount(_n), length = _p * (_p + 1) / 2;
        var partials = new double[chunks * length];
        for (int c = 0; c < chunks; c++)
        {
            (int start, int count) = ChunkedParallel.Range(c, _n);
            Span<double> total = partials.AsSpan(c * length, length);
            for (int i = start; i < start + count; i++)
                for (int a = 0, at = 0; a < _p; a++)
                {
                    double da = _columns[a * _n + i] - means[a];
                    for (int b = a; b < _p; b++, at++)
                        total[at] += da * (_columns[b * _n + i] - means[b]);
                }
        }
        var gram = new double[length];
        partitions.Sum(partials, length, gram);
        return gram;
    }

    /// <summary>Changes the basis to D·T (<paramref name="transform"/> row-major P×P, upper triangular).</summary>
    public void UseTransform(double[] transform)
    {
        _transform = transform;
        _factor = UpperTriangularInverse.Of(transform, _p, rowMajor: true)
            ?? throw new ArgumentException("The design's basis change is singular.", nameof(transform));
        Span<double> row = stackalloc double[_p];
        for (int i = 0; i < _n; i++)
        {
            for (int b = 0; b < _p; b++)
            {
                double s = 0;
                for (int a = 0; a <= b; a++)
                    s += _columns[a * _n + i] * transform[a * _p + b];
                row[b] = s;
            }
            for (int b = 0; b < _p; b++)
                _columns[b * _n + i] = row[b];
        }
    }

    /// <summary>θ′ = T⁻¹·θ, the coefficients of the current basis.</summary>
    public void InBasis(ReadOnlySpan<double> theta, Span<double> inBasis)
    {
        if (_factor is not { } f)
        {
            theta.CopyTo(inBasis);
            return;
        }
        for (int a = 0; a < _p; a++)
        {
            double s = 0;
            for (int b = a; b < _p; b++)
                s += f[a * _p + b] * theta[b];
            inBasis[a] = s;
        }
    }

    /// <summary>Adds the step δ′ of the current basis to θ, as T·δ′.</summary>
    public void Step(Span<double> theta, ReadOnlySpan<double> delta)
    {
        for (int a = 0; a < _p; a++)
        {
            double step = delta[a];
            if (_transform is { } t)
            {
                step = 0;
                for (int b = a; b < _p; b++)
                    step += t[a * _p + b] * delta[b];
            }
            theta[a] += step;
        }
    }

    /// <summary>C ← T·C·Tᵀ: a covariance of θ′ (row-major P×P) as one of θ.</summary>
    public void ToModelBasis(Span<double> covariance)
    {
        if (_transform is not { } t)
            return;
        int p = _p;
        var product = new double[p * p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                for (int m = a; m < p; m++)
                    product[a * p + b] += t[a * p + m] * covariance[m * p + b];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double s = 0;
                for (int m = b; m < p; m++)
                    s += product[a * p + m] * t[b * p + m];
                covariance[a * p + b] = s;
            }
    }
}
