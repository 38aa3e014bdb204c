// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Optimization;

/// <summary>
/// The compact limited-memory BFGS matrix of Byrd, Nocedal &amp; Schnabel (1994) as L-BFGS-B uses it:
/// B = θI − W·M·Wᵀ with W = [Y θS] (n × 2k) and M = K⁻¹, K = [[−D, Lᵀ], [L, θSᵀS]] (D = diag sᵢᵀyᵢ, L the strictly
/// lower part of SᵀY), over the k ≤ m newest pairs. SᵀS and SᵀY are updated in O(mn) per pair; K (2k × 2k) is
/// factored by LU with partial pivoting, as it is symmetric but indefinite.
/// </summary>
internal sealed class CompactLbfgs
{
    private readonly int _m;
    private readonly double[][] _s, _y;   // logical order: 0 is the oldest pair
    private readonly double[,] _ss, _sy;  // sᵢᵀsⱼ and sᵢᵀyⱼ in logical order
    private readonly double[] _k;         // LU factors of K, row-major 2k × 2k
    private readonly int[] _pivot;

    public CompactLbfgs(int n, int m)
    {
        _m = m;
        _s = new double[m][];
        _y = new double[m][];
        for (int i = 0; i < m; i++)
        {
            _s[i] = new double[n];
            _y[i] = new double[n];
        }
        _ss = new double[m, m];
        _sy = new double[m, m];
        _k = new double[4 * m * m];
        _pivot = new int[2 * m];
        Theta = 1;
    }

    /// <summary>The number k of stored pairs.</summary>
    public int Count { get; private set; }

    /// <summary>The scaling θ = yᵀy/sᵀy of the newest pair (1 without pairs).</summary>
    public double Theta { get; private set; }

    /// <summary>2k, the length of vectors in W's column space.</summary>
    public int Width => 2 * Count;

    public void Clear()
    {
        Count = 0;
        Theta = 1;
    }

    /// <summary>Stores a pair (dropping the oldest when full) and refactors K; returns false when K is singular
    /// (the memory is then cleared).</summary>
    public bool Add(ReadOnlySpan<double> s, ReadOnlySpan<double> y, double sy, double yy)
    {
        if (Count == _m)
        {
            var oldestS = _s[0];
            var oldestY = _y[0];
            for (int i = 1; i < _m; i++)
            {
                _s[i - 1] = _s[i];
                _y[i - 1] = _y[i];
            }
            _s[_m - 1] = oldestS;
            _y[_m - 1] = oldestY;
            for (int i = 1; i < _m; i++)
            {
                for (int j = 1; j < _m; j++)
                {
                    _ss[i - 1, j - 1] = _ss[i, j];
                    _sy[i - 1, j - 1] = _sy[i, j];
                }
            }
            Count--;
        }
        int k = Count;
        s.CopyTo(_s[k]);
        y.CopyTo(_y[k]);
        for (int j = 0; j <= k; j++)
        {
            double ss = Dot(_s[k], _s[j]);
            _ss[k, j] = ss;
            _ss[j, k] = ss;
            _sy[k, j] = Dot(_s[k], _y[j]);
            _sy[j, k] = Dot(_s[j], _y[k]);
        }
        Count = k + 1;
        Theta = yy / sy;
        if (Factor())
            return true;
        Clear();
        return false;
    }

    /// <summary>Row i of W: its coefficient against column j (j &lt; k: yⱼ, else θsⱼ₋ₖ).</summary>
    public double W(int i, int j) => j < Count ? _y[j][i] : Theta * _s[j - Count][i];

    /// <summary>wᵢᵀv for row i of W.</summary>
    public double RowDot(int i, ReadOnlySpan<double> v)
    {
        double sum = 0;
        int k = Count;
        for (int j = 0; j < k; j++)
            sum += _y[j][i] * v[j] + Theta * _s[j][i] * v[k + j];
        return sum;
    }

    /// <summary>result = Wᵀv.</summary>
    public void TransposeTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        int k = Count;
        for (int j = 0; j < k; j++)
        {
            result[j] = Dot(_y[j], v);
            result[k + j] = Theta * Dot(_s[j], v);
        }
    }

    /// <summary>v ← M·v = K⁻¹v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SolveMiddle(Span<double> v)
    {
        int w = Width;
        for (int i = 0; i < w; i++)
        {
            int p = _pivot[i];
            (v[i], v[p]) = (v[p], v[i]);
        }
        for (int i = 0; i < w; i++)
        {
            double sum = v[i];
            for (int j = 0; j < i; j++)
                sum -= _k[i * w + j] * v[j];
            v[i] = sum;
        }
        for (int i = w - 1; i >= 0; i--)
        {
            double sum = v[i];
            for (int j = i + 1; j < w; j++)
                sum -= _k[i * w + j] * v[j];
            v[i] = sum / _k[i * w + i];
        }
    }

    /// <summary>Forms K = [[−D, Lᵀ], [L, θSᵀS]] and factors it in place (P·K = L·U).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Factor()
    {
        int k = Count, w = 2 * k;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                _k[i * w + j] = i == j ? -_sy[i, i] : 0;
                _k[i * w + k + j] = j > i ? _sy[j, i] : 0;               // Lᵀ: (L)ⱼᵢ = sⱼᵀyᵢ for j > i
                _k[(k + i) * w + j] = i > j ? _sy[i, j] : 0;              // L
                _k[(k + i) * w + k + j] = Theta * _ss[i, j];
            }
        }
        for (int c = 0; c < w; c++)
        {
            int p = c;
            double best = Math.Abs(_k[c * w + c]);
            for (int r = c + 1; r < w; r++)
            {
                double a = Math.Abs(_k[r * w + c]);
                if (a > best)
                {
                    best = a;
                    p = r;
                }
            }
            _pivot[c] = p;
            if (!(best > 0) || !double.IsFinite(best))
                return false;
            if (p != c)
                for (int j = 0; j < w; j++)
                    (_k[c * w + j], _k[p * w + j]) = (_k[p * w + j], _k[c * w + j]);
            double pivot = _k[c * w + c];
            for (int r = c + 1; r < w; r++)
            {
                double factor = _k[r * w + c] /= pivot;
                if (factor == 0)
                    continue;
                for (int j = c + 1; j < w; j++)
                    _k[r * w + j] -= factor * _k[c * w + j];
            }
        }
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
