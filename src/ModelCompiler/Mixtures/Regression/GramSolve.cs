// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>Small symmetric positive semidefinite systems G·δ = g from weighted normal equations.</summary>
internal static class GramSolve
{
    /// <summary>
    /// δ solving G·δ = g (G is p×p with both triangles, destroyed) by Cholesky with diagonal pivoting on the
    /// equilibrated matrix D⁻¹GD⁻¹, D = √diag G, so that columns of very different scale (1, x, x³) do not decide the
    /// rank. A direction whose pivot falls below 10·p·ε is left at δ = 0: the basic solution of a rank-deficient
    /// problem, as QR with column pivoting gives it. Returns the rank.
    /// </summary>
    public static int Solve(Span<double> gram, int p, ReadOnlySpan<double> g, Span<double> delta)
    {
        delta[..p].Clear();
        Span<double> scale = stackalloc double[p];
        Span<int> order = stackalloc int[p];
        int rank = FactorPivoted(gram, p, scale, order);

        // L·Lᵀ·z = (D⁻¹g) in the pivoted order, over the first rank directions; δ = D⁻¹z.
        Span<double> z = stackalloc double[rank];
        for (int a = 0; a < rank; a++)
        {
            double s = scale[order[a]] > 0 ? g[order[a]] / scale[order[a]] : 0;
            for (int b = 0; b < a; b++)
                s -= gram[a * p + b] * z[b];
            z[a] = s / gram[a * p + a];
        }
        for (int a = rank - 1; a >= 0; a--)
        {
            double s = z[a];
            for (int b = a + 1; b < rank; b++)
                s -= gram[b * p + a] * z[b];
            z[a] = s / gram[a * p + a];
        }
        for (int a = 0; a < rank; a++)
            delta[order[a]] = z[a] / scale[order[a]];
        return rank;
    }

    /// <summary>
    /// Cholesky with diagonal pivoting of the equilibrated D⁻¹GD⁻¹ (G p×p with both triangles, destroyed), D = √diag G
    /// in <paramref name="scale"/> (0 for a zero diagonal), stopping where the largest remaining pivot falls below
    /// 10·p·ε. L overwrites the lower triangle: Pᵀ·D⁻¹GD⁻¹·P = L·Lᵀ over the first rank directions, where column a of
    /// P is unit vector <paramref name="order"/>[a]. Returns the rank.
    /// </summary>
    public static int FactorPivoted(Span<double> gram, int p, Span<double> scale, Span<int> order)
    {
        for (int a = 0; a < p; a++)
        {
            double diagonal = gram[a * p + a];
            scale[a] = diagonal > 0 ? Math.Sqrt(diagonal) : 0;
            order[a] = a;
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                gram[a * p + b] = scale[a] > 0 && scale[b] > 0 ? gram[a * p + b] / (scale[a] * scale[b]) : 0;

        // Outer-product Cholesky, the largest remaining diagonal first.
        double tolerance = 10 * p * 2.220446049250313e-16;
        int rank = 0;
        for (int j = 0; j < p; j++)
        {
            int best = j;
            for (int a = j + 1; a < p; a++)
                if (gram[a * p + a] > gram[best * p + best])
                    best = a;
            if (!(gram[best * p + best] > tolerance))
                break;
            if (best != j)
                Swap(gram, p, j, best, order);
            double pivot = Math.Sqrt(gram[j * p + j]);
            gram[j * p + j] = pivot;
            for (int a = j + 1; a < p; a++)
                gram[a * p + j] /= pivot;
            for (int a = j + 1; a < p; a++)
                for (int b = j + 1; b <= a; b++)
                {
                    gram[a * p + b] -= gram[a * p + j] * gram[b * p + j];
                    gram[b * p + a] = gram[a * p + b];
                }
            rank++;
        }
        return rank;
    }

    /// <summary>G⁻¹ (row-major p×p) of a positive definite G (both triangles); false when G is not positive definite.</summary>
    public static bool Inverse(ReadOnlySpan<double> gram, int p, Span<double> inverse)
    {
        var lower = new double[p * p];
        if (!CholeskyKernels.TryFactorLower(gram, p, lower))
            return false;
        var lowerInverse = new double[p * p];
        CholeskyKernels.InvertLower(lower, p, lowerInverse);
        // G⁻¹ = L⁻ᵀ·L⁻¹.
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double s = 0;
                for (int m = Math.Max(a, b); m < p; m++)
                    s += lowerInverse[m * p + a] * lowerInverse[m * p + b];
                inverse[a * p + b] = s;
            }
        foreach (double v in inverse[..(p * p)])
            if (!double.IsFinite(v))
                return false;
        return true;
    }

    /// <summary>Symmetric swap of rows and columns i and j of the p×p matrix, recorded in <paramref name="order"/>.</summary>
    private static void Swap(Span<double> m, int p, int i, int j, Span<int> order)
    {
        for (int c = 0; c < p; c++)
            (m[i * p + c], m[j * p + c]) = (m[j * p + c], m[i * p + c]);
        for (int r = 0; r < p; r++)
            (m[r * p + i], m[r * p + j]) = (m[r * p + j], m[r * p + i]);
        (order[i], order[j]) = (order[j], order[i]);
    }
}
