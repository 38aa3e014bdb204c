// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The linear-algebra kernels of MINPACK's lmder (Moré, Garbow, Hillstrom 1980; Moré 1978),
/// on column-major matrices with leading dimension <c>ld</c>: Householder QR with column
/// pivoting (qrfac), the regularized triangular solve by Givens rotations (qrsolv), and the
/// Levenberg parameter iteration (lmpar). Every buffer comes from the caller, so a solve
/// allocates nothing per iteration.
/// </summary>
internal static class MinpackKernels
{
    private const double Epsilon = 2.220446049250313e-16;
    private const double Dwarf = double.Epsilon * 4503599627370496.0; // smallest normal number, 2^-1022
    private const int LongVector = 32;

    /// <summary>
    /// Sums of squares strictly between these have a square root that is the norm to rounding; outside (0 included,
    /// where every square may have rounded away) <see cref="Norm"/> rescales.
    /// </summary>
    public const double SmallestPlainSquares = 1e-280, LargestPlainSquares = 1e280;

    /// <summary>Whether √<paramref name="squares"/> is the norm to rounding (<see cref="SmallestPlainSquares"/>).</summary>
    public static bool IsNormalSquare(double squares) => squares > SmallestPlainSquares && squares < LargestPlainSquares;

    /// <summary>
    /// Euclidean norm without destructive underflow or overflow. Vectors shorter than 32 (the parameters' size) are
    /// summed in order, as the batch's vector lanes sum theirs, so that scalar and vector lanes give the same bits; long
    /// ones (residuals, Jacobian columns) by the interleaved sums of <see cref="DataSums"/>, since one running sum waits
    /// four cycles per element.
    /// </summary>
    public static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        if (v.Length >= LongVector)
            sum = DataSums.SquaresAbout(v, 0, default);
        else
            foreach (double t in v)
                sum += t * t;
        if (IsNormalSquare(sum))
            return Math.Sqrt(sum);
        if (double.IsNaN(sum))
            return sum;
        // The plain sum under- or overflowed (a sum of 0 too: squares below 2⁻¹⁰⁷⁵ round to 0 while the entries are
        // not): rescale by the largest magnitude (LAPACK dnrm2 idea).
        double scale = 0;
        foreach (double t in v)
            scale = Math.Max(scale, Math.Abs(t));
        if (scale == 0 || double.IsInfinity(scale))
            return scale;
        double scaled = 0;
        foreach (double t in v)
        {
            double u = t / scale;
            scaled += u * u;
        }
        return scale * Math.Sqrt(scaled);
    }

    /// <summary>
    /// QR factorization with column pivoting of the m×n matrix <paramref name="a"/> (m ≥ n):
    /// A·P = Q·R. On return the strict upper triangle holds R, <paramref name="rdiag"/> its
    /// diagonal, the lower trapezoid the Householder vectors, <paramref name="pivot"/>[j] the
    /// original column at position j, and <paramref name="columnNorms"/> the norms of A's columns.
    /// Without <paramref name="pivoting"/> P = I (Powell's hybrid method updates the unpivoted factors).
    /// </summary>
    public static void QrFactor(int m, int n, Span<double> a, int ld, Span<int> pivot,
                                Span<double> rdiag, Span<double> columnNorms, Span<double> work, bool pivoting = true)
    {
        for (int j = 0; j < n; j++)
        {
            columnNorms[j] = Norm(a.Slice(j * ld, m));
            rdiag[j] = columnNorms[j];
            work[j] = rdiag[j];
            pivot[j] = j;
        }

        int minmn = Math.Min(m, n);
        for (int j = 0; j < minmn; j++)
        {
            int kmax = j;
            for (int k = j; pivoting && k < n; k++)
                if (rdiag[k] > rdiag[kmax])
                    kmax = k;
            if (kmax != j)
            {
                Span<double> cj = a.Slice(j * ld, m), ck = a.Slice(kmax * ld, m);
                for (int i = 0; i < m; i++)
                    (cj[i], ck[i]) = (ck[i], cj[i]);
                rdiag[kmax] = rdiag[j];
                work[kmax] = work[j];
                (pivot[j], pivot[kmax]) = (pivot[kmax], pivot[j]);
            }

            Span<double> colJ = a.Slice(j * ld + j, m - j);
            double ajnorm = Norm(colJ);
            if (ajnorm != 0)
            {
                if (colJ[0] < 0)
                    ajnorm = -ajnorm;
                double inv = 1 / ajnorm;
                for (int i = 0; i < colJ.Length; i++)
                    colJ[i] *= inv;
                colJ[0] += 1;

                for (int k = j + 1; k < n; k++)
                {
                    Span<double> colK = a.Slice(k * ld + j, m - j);
                    double sum = DenseOps.Dot(colJ, colK);
                    double temp = sum / colJ[0];
                    DenseOps.Axpy(-temp, colJ, colK);

                    if (rdiag[k] != 0)
                    {
                        // Downdate the remaining column norm; recompute it when cancellation looms.
                        temp = colK[0] / rdiag[k];
                        rdiag[k] *= Math.Sqrt(Math.Max(0, 1 - temp * temp));
                        double ratio = rdiag[k] / work[k];
                        if (0.05 * ratio * ratio <= Epsilon)
                        {
                            rdiag[k] = Norm(colK[1..]);
                            work[k] = rdiag[k];
                        }
                    }
                }
            }
            rdiag[j] = -ajnorm;
        }
    }

    /// <summary>
    /// Given the QR factorization of A with pivoting (R in the upper triangle of <paramref name="r"/>),
    /// a diagonal D and Qᵀb, solves min ‖(A; D)x − (b; 0)‖ and returns in <paramref name="sdiag"/>
    /// the diagonal of the triangular S with PᵀAᵀAP + PᵀDDP = SᵀS (S in the strict lower triangle of r).
    /// The upper triangle of r is left unchanged.
    /// </summary>
    public static void QrSolve(int n, Span<double> r, int ld, ReadOnlySpan<int> pivot, ReadOnlySpan<double> diag,
                               ReadOnlySpan<double> qtb, Span<double> x, Span<double> sdiag, Span<double> work)
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = j; i < n; i++)
                r[j * ld + i] = r[i * ld + j];
            x[j] = r[j * ld + j];
            work[j] = qtb[j];
        }

        for (int j = 0; j < n; j++)
        {
            int l = pivot[j];
            if (diag[l] != 0)
            {
                for (int k = j; k < n; k++)
                    sdiag[k] = 0;
                sdiag[j] = diag[l];

                // Eliminate row j of D with Givens rotations, carrying the extra element of Qᵀb.
                double qtbpj = 0;
                for (int k = j; k < n; k++)
                {
                    if (sdiag[k] == 0)
                        continue;
                    double rkk = r[k * ld + k];
                    double sin, cos;
                    if (Math.Abs(rkk) < Math.Abs(sdiag[k]))
                    {
                        double cotan = rkk / sdiag[k];
                        sin = 0.5 / Math.Sqrt(0.25 + 0.25 * cotan * cotan);
                        cos = sin * cotan;
                    }
                    else
                    {
                        double tan = sdiag[k] / rkk;
                        cos = 0.5 / Math.Sqrt(0.25 + 0.25 * tan * tan);
                        sin = cos * tan;
                    }
                    r[k * ld + k] = cos * rkk + sin * sdiag[k];
                    double temp = cos * work[k] + sin * qtbpj;
                    qtbpj = -sin * work[k] + cos * qtbpj;
                    work[k] = temp;
                    for (int i = k + 1; i < n; i++)
                    {
                        double rik = r[k * ld + i];
                        temp = cos * rik + sin * sdiag[i];
                        sdiag[i] = -sin * rik + cos * sdiag[i];
                        r[k * ld + i] = temp;
                    }
                }
            }
            sdiag[j] = r[j * ld + j];
            r[j * ld + j] = x[j];
        }

        // Back substitution; a singular S gives a least-squares solution with zeros.
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            if (sdiag[j] == 0 && nsing == n)
                nsing = j;
            if (nsing < n)
                work[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--)
        {
            double sum = 0;
            for (int i = j + 1; i < nsing; i++)
                sum += r[j * ld + i] * work[i];
            work[j] = (work[j] - sum) / sdiag[j];
        }
        for (int j = 0; j < n; j++)
            x[pivot[j]] = work[j];
    }

    /// <summary>Whether |R[j, j]| ≤ <paramref name="tolerance"/>·‖R[0..j, j]‖, the norm of the pivoted column of J.</summary>
    private static bool IsNegligiblePivot(ReadOnlySpan<double> r, int ld, int j, double tolerance) =>
        Math.Abs(r[j * ld + j]) <= tolerance * Norm(r.Slice(j * ld, j + 1));   // rescaled: columns in units of 1e200 stay finite

    /// <summary>
    /// Moré's Levenberg parameter: finds par ≥ 0 such that the minimizer x of
    /// ‖Ax − b‖² + par‖Dx‖² has ‖Dx‖ within 10% of <paramref name="delta"/> (or par = 0 when the
    /// Gauss–Newton step is already inside the region). Returns the updated par; <paramref name="x"/>
    /// receives the step (to be subtracted), <paramref name="sdiag"/> the diagonal of S.
    /// </summary>
    public static double LevenbergParameter(int n, Span<double> r, int ld, ReadOnlySpan<int> pivot,
                                            ReadOnlySpan<double> diag, ReadOnlySpan<double> qtb, double delta,
                                            double par, Span<double> x, Span<double> sdiag,
                                            Span<double> wa1, Span<double> wa2, double rankTolerance = 0)
    {
        // Gauss–Newton direction; least squares with zeros when R is singular: from the first pivot that is zero, or with
        // a rank tolerance, no more than that fraction of its column's norm (the part of the column the ones before it
        // leave is rounding; its step would be rounding divided by rounding).
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            wa1[j] = qtb[j];
            if (nsing == n && (r[j * ld + j] == 0 || rankTolerance > 0 && IsNegligiblePivot(r, ld, j, rankTolerance)))
                nsing = j;
            if (nsing < n)
                wa1[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--)
        {
            wa1[j] /= r[j * ld + j];
            double temp = wa1[j];
            for (int i = 0; i < j; i++)
                wa1[i] -= r[j * ld + i] * temp;
        }
        for (int j = 0; j < n; j++)
            x[pivot[j]] = wa1[j];

        int iter = 0;
        for (int j = 0; j < n; j++)
            wa2[j] = diag[j] * x[j];
        double dxnorm = Norm(wa2[..n]);
        double fp = dxnorm - delta;
        if (fp <= 0.1 * delta)
            return 0;

        // Lower bound from the Newton step when the Jacobian is of full rank.
        double parl = 0;
        if (nsing >= n)
        {
            for (int j = 0; j < n; j++)
            {
                int l = pivot[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < j; i++)
                    sum += r[j * ld + i] * wa1[i];
                wa1[j] = (wa1[j] - sum) / r[j * ld + j];
            }
            double temp = Norm(wa1[..n]);
            parl = fp / delta / temp / temp;
        }

        // Upper bound from the scaled gradient.
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i <= j; i++)
                sum += r[j * ld + i] * qtb[i];
            wa1[j] = sum / diag[pivot[j]];
        }
        double gnorm = Norm(wa1[..n]);
        double paru = gnorm / delta;
        if (paru == 0)
            paru = Dwarf / Math.Min(delta, 0.1);

        par = Math.Max(par, parl);
        par = Math.Min(par, paru);
        if (par == 0)
            par = gnorm / dxnorm;

        while (true)
        {
            iter++;
            if (par == 0)
                par = Math.Max(Dwarf, 0.001 * paru);
            double sqrtPar = Math.Sqrt(par);
            for (int j = 0; j < n; j++)
                wa1[j] = sqrtPar * diag[j];
            QrSolve(n, r, ld, pivot, wa1, qtb, x, sdiag, wa2);
            for (int j = 0; j < n; j++)
                wa2[j] = diag[j] * x[j];
            dxnorm = Norm(wa2[..n]);
            double previousFp = fp;
            fp = dxnorm - delta;

            if (Math.Abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previousFp && previousFp < 0) || iter == 10)
                break;

            // Newton correction of par on the secular equation φ(par) = ‖Dx‖ − Δ.
            for (int j = 0; j < n; j++)
            {
                int l = pivot[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++)
            {
                wa1[j] /= sdiag[j];
                double temp = wa1[j];
                for (int i = j + 1; i < n; i++)
                    wa1[i] -= r[j * ld + i] * temp;
            }
            double tnorm = Norm(wa1[..n]);
            double parc = fp / delta / tnorm / tnorm;
            if (fp > 0)
                parl = Math.Max(parl, par);
            if (fp < 0)
                paru = Math.Min(paru, par);
            par = Math.Max(parl, par + parc);
        }
        return par;
    }
}
