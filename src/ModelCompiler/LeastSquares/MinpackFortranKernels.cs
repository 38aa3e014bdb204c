// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Line-by-line ports of MINPACK's enorm, qrfac, qrsolv and lmpar (Moré, Garbow, Hillstrom 1980) as
/// scipy's leastsq runs them, for <see cref="MinpackLmdif{TModel}"/>. Every sum runs in the Fortran
/// loop order, every expression keeps the Fortran operation order (a(i,j)/ajnorm, not a multiply by
/// the inverse; p05·(r/w)², not (p05·r/w)·(r/w)), and the machine constants are the decimal ones of
/// MINPACK's dpmpar for IEEE machines, so that the iterates agree with the Fortran bit for bit.
/// <see cref="MinpackKernels"/> is the faster, vectorized counterpart used by the default solver.
/// Matrices are column-major with leading dimension <c>ld</c>; Fortran's a(i, j) is a[j·ld + i].
/// </summary>
internal static class MinpackFortranKernels
{
    /// <summary>dpmpar(1), the machine precision as MINPACK states it (not exactly 2⁻⁵²).</summary>
    public const double MachinePrecision = 2.22044604926e-16;

    /// <summary>dpmpar(2), the smallest positive magnitude as MINPACK states it.</summary>
    public const double Dwarf = 2.22507385852e-308;

    private const double Rdwarf = 3.834e-20, Rgiant = 1.304e19;

    /// <summary>enorm: the Euclidean norm with separate sums for small, intermediate and large components.</summary>
    public static double Enorm(ReadOnlySpan<double> x)
    {
        double s1 = 0, s2 = 0, s3 = 0, x1max = 0, x3max = 0;
        double agiant = Rgiant / x.Length;
        foreach (double xi in x)
        {
            double xabs = Math.Abs(xi);
            if (xabs > Rdwarf && xabs < agiant)
            {
                s2 += xabs * xabs;
            }
            else if (xabs <= Rdwarf)
            {
                if (xabs > x3max)
                {
                    double q = x3max / xabs;
                    s3 = 1 + s3 * (q * q);
                    x3max = xabs;
                }
                else if (xabs != 0)
                {
                    double q = xabs / x3max;
                    s3 += q * q;
                }
            }
            else if (xabs > x1max)
            {
                double q = x1max / xabs;
                s1 = 1 + s1 * (q * q);
                x1max = xabs;
            }
            else
            {
                double q = xabs / x1max;
                s1 += q * q;
            }
        }
        if (s1 != 0)
            return x1max * Math.Sqrt(s1 + s2 / x1max / x1max);
        if (s2 != 0)
            return s2 >= x3max
                ? Math.Sqrt(s2 * (1 + x3max / s2 * (x3max * s3)))
                : Math.Sqrt(x3max * (s2 / x3max + x3max * s3));
        return x3max * Math.Sqrt(s3);
    }

    /// <summary>
    /// qrfac with pivoting: A·P = Q·R for the m×n <paramref name="a"/>. On return the strict upper
    /// triangle holds R, <paramref name="rdiag"/> its diagonal, the lower trapezoid the Householder
    /// vectors, <paramref name="ipvt"/>[j] the original column at position j (0-based), and
    /// <paramref name="acnorm"/> the norms of A's columns.
    /// </summary>
    public static void QrFac(int m, int n, Span<double> a, int ld, Span<int> ipvt,
                             Span<double> rdiag, Span<double> acnorm, Span<double> wa)
    {
        for (int j = 0; j < n; j++)
        {
            acnorm[j] = Enorm(a.Slice(j * ld, m));
            rdiag[j] = acnorm[j];
            wa[j] = rdiag[j];
            ipvt[j] = j;
        }

        int minmn = Math.Min(m, n);
        for (int j = 0; j < minmn; j++)
        {
            int kmax = j;
            for (int k = j; k < n; k++)
                if (rdiag[k] > rdiag[kmax])
                    kmax = k;
            if (kmax != j)
            {
                for (int i = 0; i < m; i++)
                    (a[j * ld + i], a[kmax * ld + i]) = (a[kmax * ld + i], a[j * ld + i]);
                rdiag[kmax] = rdiag[j];
                wa[kmax] = wa[j];
                (ipvt[j], ipvt[kmax]) = (ipvt[kmax], ipvt[j]);
            }

            double ajnorm = Enorm(a.Slice(j * ld + j, m - j));
            if (ajnorm != 0)
            {
                if (a[j * ld + j] < 0)
                    ajnorm = -ajnorm;
                for (int i = j; i < m; i++)
                    a[j * ld + i] /= ajnorm;
                a[j * ld + j] += 1;

                for (int k = j + 1; k < n; k++)
                {
                    double sum = 0;
                    for (int i = j; i < m; i++)
                        sum += a[j * ld + i] * a[k * ld + i];
                    double temp = sum / a[j * ld + j];
                    for (int i = j; i < m; i++)
                        a[k * ld + i] -= temp * a[j * ld + i];
                    if (rdiag[k] == 0)
                        continue;
                    temp = a[k * ld + j] / rdiag[k];
                    rdiag[k] *= Math.Sqrt(Math.Max(0, 1 - temp * temp));
                    double ratio = rdiag[k] / wa[k];
                    if (0.05 * (ratio * ratio) > MachinePrecision)
                        continue;
                    rdiag[k] = Enorm(a.Slice(k * ld + j + 1, m - j - 1));
                    wa[k] = rdiag[k];
                }
            }
            rdiag[j] = -ajnorm;
        }
    }

    /// <summary>
    /// qrsolv: with R (upper triangle of <paramref name="r"/>), the pivot, a diagonal D and Qᵀb, solves
    /// min ‖(A; D)x − (b; 0)‖; S's strict lower triangle goes below R, its diagonal to <paramref name="sdiag"/>.
    /// </summary>
    public static void QrSolv(int n, Span<double> r, int ld, ReadOnlySpan<int> ipvt, ReadOnlySpan<double> diag,
                              ReadOnlySpan<double> qtb, Span<double> x, Span<double> sdiag, Span<double> wa)
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = j; i < n; i++)
                r[j * ld + i] = r[i * ld + j];
            x[j] = r[j * ld + j];
            wa[j] = qtb[j];
        }

        for (int j = 0; j < n; j++)
        {
            int l = ipvt[j];
            if (diag[l] != 0)
            {
                for (int k = j; k < n; k++)
                    sdiag[k] = 0;
                sdiag[j] = diag[l];
                double qtbpj = 0;
                for (int k = j; k < n; k++)
                {
                    if (sdiag[k] == 0)
                        continue;
                    double rkk = r[k * ld + k], sin, cos;
                    if (Math.Abs(rkk) >= Math.Abs(sdiag[k]))
                    {
                        double tan = sdiag[k] / rkk;
                        cos = 0.5 / Math.Sqrt(0.25 + 0.25 * (tan * tan));
                        sin = cos * tan;
                    }
                    else
                    {
                        double cotan = rkk / sdiag[k];
                        sin = 0.5 / Math.Sqrt(0.25 + 0.25 * (cotan * cotan));
                        cos = sin * cotan;
                    }
                    r[k * ld + k] = cos * rkk + sin * sdiag[k];
                    double temp = cos * wa[k] + sin * qtbpj;
                    qtbpj = -sin * wa[k] + cos * qtbpj;
                    wa[k] = temp;
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

        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            if (sdiag[j] == 0 && nsing == n)
                nsing = j;
            if (nsing < n)
                wa[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--)
        {
            double sum = 0;
            for (int i = j + 1; i < nsing; i++)
                sum += r[j * ld + i] * wa[i];
            wa[j] = (wa[j] - sum) / sdiag[j];
        }
        for (int j = 0; j < n; j++)
            x[ipvt[j]] = wa[j];
    }

    /// <summary>
    /// lmpar: the Levenberg parameter par ≥ 0 for which the step x minimizing ‖Ax − b‖² + par‖Dx‖²
    /// has ‖Dx‖ within 10% of <paramref name="delta"/> (par = 0 when the Gauss–Newton step fits),
    /// by Moré's safeguarded Newton iteration (at most 10 steps). Returns par; x is the step to subtract.
    /// </summary>
    public static double LmPar(int n, Span<double> r, int ld, ReadOnlySpan<int> ipvt, ReadOnlySpan<double> diag,
                               ReadOnlySpan<double> qtb, double delta, double par, Span<double> x,
                               Span<double> sdiag, Span<double> wa1, Span<double> wa2)
    {
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            wa1[j] = qtb[j];
            if (r[j * ld + j] == 0 && nsing == n)
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
            x[ipvt[j]] = wa1[j];

        int iter = 0;
        for (int j = 0; j < n; j++)
            wa2[j] = diag[j] * x[j];
        double dxnorm = Enorm(wa2[..n]);
        double fp = dxnorm - delta;
        if (fp <= 0.1 * delta)
            return 0;

        double parl = 0;
        if (nsing >= n)
        {
            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < j; i++)
                    sum += r[j * ld + i] * wa1[i];
                wa1[j] = (wa1[j] - sum) / r[j * ld + j];
            }
            double temp = Enorm(wa1[..n]);
            parl = fp / delta / temp / temp;
        }

        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i <= j; i++)
                sum += r[j * ld + i] * qtb[i];
            wa1[j] = sum / diag[ipvt[j]];
        }
        double gnorm = Enorm(wa1[..n]);
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
            QrSolv(n, r, ld, ipvt, wa1, qtb, x, sdiag, wa2);
            for (int j = 0; j < n; j++)
                wa2[j] = diag[j] * x[j];
            dxnorm = Enorm(wa2[..n]);
            double previous = fp;
            fp = dxnorm - delta;

            if (Math.Abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previous && previous < 0) || iter == 10)
                return par;

            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++)
            {
                wa1[j] /= sdiag[j];
                double temp = wa1[j];
                for (int i = j + 1; i < n; i++)
                    wa1[i] -= r[j * ld + i] * temp;
            }
            double tnorm = Enorm(wa1[..n]);
            double parc = fp / delta / tnorm / tnorm;
            if (fp > 0)
                parl = Math.Max(parl, par);
            if (fp < 0)
                paru = Math.Min(paru, par);
            par = Math.Max(parl, par + parc);
        }
    }
}
