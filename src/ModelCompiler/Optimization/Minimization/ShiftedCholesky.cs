// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Optimization;

/// <summary>
/// Cholesky factorizations P(H + λI)Pᵀ = LLᵀ of one symmetric matrix for a sequence of shifts λ, as the Moré–Sorensen
/// iteration needs them: the factor, solves, the norm of L⁻¹Pb, a LINPACK-style estimate of the direction z that
/// makes ‖LᵀPz‖ small, and, when the matrix is not positive definite, the pivot deficit δ and the null vector of the
/// leading block that bound its least eigenvalue.
/// </summary>
internal abstract class ShiftedCholesky
{
    /// <summary>A dense factorization for dense patterns (and small n), else a sparse one: natural order for a band,
    /// whose factor then stays inside the band, and minimum degree for any other pattern.</summary>
    public static ShiftedCholesky Create(SparsityPattern pattern, HessianFactorization choice) => choice switch
    {
        HessianFactorization.Dense => new DenseCholesky(pattern),
        HessianFactorization.Sparse => new SparseCholesky(pattern, MinimumDegree.Order(pattern)),
        _ when pattern.Structure == MatrixStructure.Dense || pattern.RowCount <= 32 => new DenseCholesky(pattern),
        _ when pattern.Structure == MatrixStructure.Banded => new SparseCholesky(pattern, null),
        _ => new SparseCholesky(pattern, MinimumDegree.Order(pattern)),
    };

    /// <summary>Takes H's values in the pattern's CSR order.</summary>
    public abstract void Load(ReadOnlySpan<double> values);

    /// <summary>Factors H + shift·I; false when it is not (numerically) positive definite.</summary>
    public abstract bool Factor(double shift);

    /// <summary>After a failed <see cref="Factor"/>: δ ≥ 0 such that adding δ to the failed pivot makes the leading
    /// block singular, and ‖u‖² of its null vector u (uₖ = 1), so that λ_min(H + shift·I) ≤ −δ/‖u‖².</summary>
    public abstract (double Deficit, double NullVectorNormSquared) Failure();

    /// <summary>b ← (H + shift·I)⁻¹b.</summary>
    public abstract void Solve(Span<double> b);

    /// <summary>‖L⁻¹Pb‖², which is bᵀ(H + shift·I)⁻¹b.</summary>
    public abstract double LowerSolveNormSquared(ReadOnlySpan<double> b);

    /// <summary>Writes a unit z with ‖LᵀPz‖ small (LINPACK's estimate: solve Lw = e with eⱼ = ±1 chosen to grow w,
    /// then Lᵀv = w, z = Pᵀv/‖v‖) and returns ‖LᵀPz‖² = zᵀ(H + shift·I)z.</summary>
    public abstract double SmallDirection(Span<double> z);
}

/// <summary>Dense Cholesky, row-major lower factor, rows as contiguous dot products.</summary>
internal sealed class DenseCholesky : ShiftedCholesky
{
    private readonly int _n;
    private readonly SparsityPattern _pattern;
    private readonly double[] _a;   // H, row-major, both triangles
    private readonly double[] _l;   // the factor, lower triangle, row-major
    private readonly double[] _work;
    private int _failed = -1;
    private double _deficit;

    public DenseCholesky(SparsityPattern pattern)
    {
        _n = pattern.RowCount;
        _pattern = pattern;
        _a = new double[_n * _n];
        _l = new double[_n * _n];
        _work = new double[_n];
    }

    public override void Load(ReadOnlySpan<double> values)
    {
        Array.Clear(_a);
        var starts = _pattern.RowStarts;
        var columns = _pattern.ColumnIndices;
        for (int i = 0; i < _n; i++)
            for (int k = starts[i]; k < starts[i + 1]; k++)
                _a[i * _n + columns[k]] = values[k];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Factor(double shift)
    {
        int n = _n;
        for (int j = 0; j < n; j++)
        {
            var rowJ = _l.AsSpan(j * n, j);
            double d = _a[j * n + j] + shift - Dot(rowJ, rowJ);
            if (!(d > 0) || !double.IsFinite(d))
            {
                _failed = j;
                _deficit = double.IsNaN(d) ? double.PositiveInfinity : -d;
                return false;
            }
            double ljj = Math.Sqrt(d);
            _l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
                _l[i * n + j] = (_a[i * n + j] - Dot(_l.AsSpan(i * n, j), rowJ)) / ljj;
        }
        _failed = -1;
        return true;
    }

    public override (double Deficit, double NullVectorNormSquared) Failure()
    {
        int j = _failed, n = _n;
        // Solve L₍<j₎ᵀy = lⱼ (row j of the partial factor) by back substitution; ‖u‖² = ‖y‖² + 1.
        for (int i = 0; i < j; i++)
            _work[i] = _l[j * n + i];
        double norm = 1;
        for (int i = j - 1; i >= 0; i--)
        {
            double sum = _work[i];
            for (int k = i + 1; k < j; k++)
                sum -= _l[k * n + i] * _work[k];
            _work[i] = sum / _l[i * n + i];
            norm += _work[i] * _work[i];
        }
        return (_deficit, norm);
    }

    public override void Solve(Span<double> b)
    {
        Forward(b);
        Backward(b);
    }

    public override double LowerSolveNormSquared(ReadOnlySpan<double> b)
    {
        b.CopyTo(_work);
        Forward(_work);
        return Dot(_work, _work);
    }

    public override double SmallDirection(Span<double> z)
    {
        int n = _n;
        double ww = 0;
        for (int j = 0; j < n; j++)
        {
            double acc = Dot(_l.AsSpan(j * n, j), z[..j]);
            double e = acc > 0 ? -1 : 1;
            z[j] = (e - acc) / _l[j * n + j];
            ww += z[j] * z[j];
        }
        Backward(z);
        double vv = Dot(z, z);
        double scale = 1 / Math.Sqrt(vv);
        for (int i = 0; i < n; i++)
            z[i] *= scale;
        return ww / vv;
    }

    private void Forward(Span<double> b)
    {
        int n = _n;
        for (int i = 0; i < n; i++)
            b[i] = (b[i] - Dot(_l.AsSpan(i * n, i), b[..i])) / _l[i * n + i];
    }

    private void Backward(Span<double> b)
    {
        int n = _n;
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < n; k++)
                sum -= _l[k * n + i] * b[k];
            b[i] = sum / _l[i * n + i];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
