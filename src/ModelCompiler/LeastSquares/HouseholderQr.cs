// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Householder reflections in MINPACK's storage (<see cref="MinpackKernels.QrFactor"/>): column j of the factored
/// matrix holds, from row j down, the vector v of H_j = I − v·vᵀ/v₀.
/// </summary>
internal static class HouseholderQr
{
    /// <summary>rhs ← Qᵀ·rhs = H_{k−1}⋯H₀·rhs for the reflections in the first <paramref name="cols"/> columns of <paramref name="a"/>.</summary>
    public static void ApplyReflections(ReadOnlySpan<double> a, int rows, int cols, int ld, Span<double> rhs)
    {
        for (int j = 0; j < cols; j++)
        {
            double vj = a[j * ld + j];
            if (vj == 0)
                continue;
            ReadOnlySpan<double> v = a.Slice(j * ld + j, rows - j);
            Span<double> rest = rhs.Slice(j, rows - j);
            double temp = -DenseOps.Dot(v, rest) / vj;
            DenseOps.Axpy(temp, v, rest);
        }
    }

    /// <summary>v ← Q·v = H₀⋯H_{k−1}·v, the inverse of <see cref="ApplyReflections"/>.</summary>
    public static void ApplyQ(ReadOnlySpan<double> a, int rows, int cols, int ld, Span<double> v)
    {
        for (int j = cols - 1; j >= 0; j--)
        {
            double vj = a[j * ld + j];
            if (vj == 0)
                continue;
            ReadOnlySpan<double> reflector = a.Slice(j * ld + j, rows - j);
            Span<double> rest = v.Slice(j, rows - j);
            double temp = -DenseOps.Dot(reflector, rest) / vj;
            DenseOps.Axpy(temp, reflector, rest);
        }
    }

    /// <summary>
    /// Unpivoted QR of the column-major rows×cols <paramref name="a"/> (destroyed): writes R (cols×cols, column-major,
    /// zero below the diagonal) and replaces <paramref name="rhs"/> by Qᵀ·rhs. Needs rows ≥ cols; <paramref name="work"/>
    /// holds 3·cols.
    /// </summary>
    public static void Factor(Span<double> a, int rows, int cols, int ld, Span<double> rhs, Span<double> r, Span<double> work)
    {
        Span<int> identity = cols <= 64 ? stackalloc int[cols] : new int[cols];
        Span<double> rdiag = work[..cols], norms = work.Slice(cols, cols), scratch = work.Slice(2 * cols, cols);
        MinpackKernels.QrFactor(rows, cols, a, ld, identity, rdiag, norms, scratch, pivoting: false);
        ApplyReflections(a, rows, cols, ld, rhs);
        r[..(cols * cols)].Clear();
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < j; i++)
                r[j * cols + i] = a[j * ld + i];
            r[j * cols + j] = rdiag[j];
        }
    }
}
