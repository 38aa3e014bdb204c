// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Optimization;

/// <summary>
/// The dense factor kernels of the hybrid and Broyden methods, on column-major n×n arrays (entry (i, j) at j·n + i):
/// an explicit J = Q·R without pivoting, the rank-one update of the factors by Givens rotations (Gill, Golub, Murray
/// &amp; Saunders 1974; Dennis &amp; Schnabel A3.4.1), and Powell's dogleg step.
/// </summary>
internal static class DenseQr
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// Factors the Jacobian in <paramref name="a"/> (destroyed) as Q·R: R into <paramref name="r"/> (upper triangle,
    /// zeros below), Q into <paramref name="q"/>, Qᵀ·<paramref name="f"/> into <paramref name="qtf"/>, and J's column
    /// norms into <paramref name="columnNorms"/>.
    /// </summary>
    public static void Factor(int n, Span<double> a, Span<double> r, Span<double> q, ReadOnlySpan<double> f, Span<double> qtf,
                              Span<double> columnNorms, Span<double> rdiag, Span<double> work, Span<int> pivot)
    {
        MinpackKernels.QrFactor(n, n, a, n, pivot, rdiag, columnNorms, work, pivoting: false);

        // Qᵀf by the Householder reflections I − v·vᵀ/v_j (MINPACK's representation, v_j on the diagonal).
        f[..n].CopyTo(qtf);
        for (int j = 0; j < n; j++)
        {
            double vj = a[j * n + j];
            if (vj == 0)
                continue;
            double sum = 0;
            for (int i = j; i < n; i++)
                sum += a[j * n + i] * qtf[i];
            double t = -sum / vj;
            for (int i = j; i < n; i++)
                qtf[i] += a[j * n + i] * t;
        }

        r[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < j; i++)
                r[j * n + i] = a[j * n + i];
            r[j * n + j] = rdiag[j];
        }

        // Q = H₀·H₁·…·H_{n−1}, accumulated from the last reflection: H_k touches rows and columns k..n−1 only.
        q[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
            q[j * n + j] = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            double vk = a[k * n + k];
            if (vk == 0)
                continue;
            for (int c = k; c < n; c++)
            {
                double sum = 0;
                for (int i = k; i < n; i++)
                    sum += a[k * n + i] * q[c * n + i];
                double t = -sum / vk;
                for (int i = k; i < n; i++)
                    q[c * n + i] += a[k * n + i] * t;
            }
        }
    }

    /// <summary>result = Qᵀ·v.</summary>
    public static void TransposeTimes(int n, ReadOnlySpan<double> q, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int j = 0; j < n; j++)
            result[j] = DenseOps.Dot(q.Slice(j * n, n), v[..n]);
    }

    /// <summary>The largest cosine between F and a column of J = Q·R, from Jᵀ·F = Rᵀ·qtf and ‖J_j‖ = ‖R_j‖.</summary>
    public static double Cosine(int n, ReadOnlySpan<double> r, ReadOnlySpan<double> qtf, double fnorm)
    {
        Span<double> jtf = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> norms = n <= 256 ? stackalloc double[n] : new double[n];
        for (int j = 0; j < n; j++)
        {
            double sum = 0, squares = 0;
            for (int i = 0; i <= j; i++)
            {
                sum += r[j * n + i] * qtf[i];
                squares += r[j * n + i] * r[j * n + i];
            }
            jtf[j] = sum;
            norms[j] = Math.Sqrt(squares);
        }
        return EquationOutcome.LargestCosine(jtf, norms, fnorm);
    }

    /// <summary>result = R·v for upper triangular R.</summary>
    public static void TriangularTimes(int n, ReadOnlySpan<double> r, ReadOnlySpan<double> v, Span<double> result)
    {
        result[..n].Clear();
        for (int j = 0; j < n; j++)
        {
            double vj = v[j];
            if (vj == 0)
                continue;
            for (int i = 0; i <= j; i++)
                result[i] += r[j * n + i] * vj;
        }
    }

    /// <summary>
    /// Replaces Q·R by the factors of Q·(R + u·vᵀ): rotations in planes (k, k+1), k = n−2 … 0, reduce u to a multiple
    /// of e₀ (R becomes upper Hessenberg), the multiple of vᵀ joins row 0, and rotations k = 0 … n−2 restore the
    /// triangle. Every rotation G is applied to R's rows, to <paramref name="qtf"/> (G·qtf) and to Q's columns
    /// (Q·Gᵀ), so that qtf stays Qᵀ of the same vector. O(n²). <paramref name="u"/> is destroyed.
    /// </summary>
    public static void RankOneUpdate(int n, Span<double> r, Span<double> q, Span<double> qtf, Span<double> u, ReadOnlySpan<double> v)
    {
        for (int k = n - 2; k >= 0; k--)
        {
            if (u[k + 1] == 0)
                continue;
            (double c, double s) = Givens(u[k], u[k + 1]);
            u[k] = c * u[k] + s * u[k + 1];
            u[k + 1] = 0;
            Rotate(n, r, q, qtf, k, c, s, firstColumn: k);
        }
        for (int j = 0; j < n; j++)
            r[j * n] += u[0] * v[j];
        for (int k = 0; k < n - 1; k++)
        {
            double below = r[k * n + k + 1];
            if (below == 0)
                continue;
            (double c, double s) = Givens(r[k * n + k], below);
            Rotate(n, r, q, qtf, k, c, s, firstColumn: k);
            r[k * n + k + 1] = 0;
        }
    }

    /// <summary>(c, s) with [c s; −s c]·(a, b)ᵀ = (ρ, 0)ᵀ, computed without overflow.</summary>
    private static (double C, double S) Givens(double a, double b)
    {
        if (b == 0)
            return (1, 0);
        if (Math.Abs(b) > Math.Abs(a))
        {
            double t = a / b, s = 1 / Math.Sqrt(1 + t * t);
            return (s * t, s);
        }
        else
        {
            double t = b / a, c = 1 / Math.Sqrt(1 + t * t);
            return (c, c * t);
        }
    }

    private static void Rotate(int n, Span<double> r, Span<double> q, Span<double> qtf, int k, double c, double s, int firstColumn)
    {
        for (int j = firstColumn; j < n; j++)
        {
            double top = r[j * n + k], bottom = r[j * n + k + 1];
            r[j * n + k] = c * top + s * bottom;
            r[j * n + k + 1] = -s * top + c * bottom;
        }
        double t0 = qtf[k], t1 = qtf[k + 1];
        qtf[k] = c * t0 + s * t1;
        qtf[k + 1] = -s * t0 + c * t1;
        Span<double> qk = q.Slice(k * n, n), qk1 = q.Slice((k + 1) * n, n);
        for (int i = 0; i < n; i++)
        {
            double a = qk[i], b = qk1[i];
            qk[i] = c * a + s * b;
            qk1[i] = -s * a + c * b;
        }
    }

    /// <summary>
    /// The Gauss–Newton step: R·p = −qtf by back substitution, a zero pivot of R replaced by ε times its column's
    /// largest entry (MINPACK's dogleg), which makes the step long in R's null direction for a trust region or line
    /// search to cut.
    /// </summary>
    public static void GaussNewton(int n, ReadOnlySpan<double> r, ReadOnlySpan<double> qtf, Span<double> step)
    {
        for (int j = n - 1; j >= 0; j--)
        {
            double sum = -qtf[j];
            for (int i = j + 1; i < n; i++)
                sum -= r[i * n + j] * step[i];
            double pivot = r[j * n + j];
            if (pivot == 0)
            {
                double largest = 0;
                for (int i = 0; i <= j; i++)
                    largest = Math.Max(largest, Math.Abs(r[j * n + i]));
                pivot = largest == 0 ? Epsilon : Epsilon * largest;
            }
            step[j] = sum / pivot;
        }
    }

    /// <summary>
    /// Powell's dogleg step p for min ‖F + J·p‖ subject to ‖D·p‖ ≤ Δ, with J = Q·R and qtf = Qᵀ·F: the Gauss–Newton
    /// step −R⁻¹·qtf when it fits (a zero pivot of R replaced by ε times its column's largest entry, as MINPACK's
    /// dogleg); otherwise the point where the path from the Cauchy point (the minimizer along the scaled steepest
    /// descent direction) to the Gauss–Newton step leaves the region, or the descent direction cut at Δ.
    /// </summary>
    public static void Dogleg(int n, ReadOnlySpan<double> r, ReadOnlySpan<double> diag, ReadOnlySpan<double> qtf, double delta,
                              Span<double> step, Span<double> gradient, Span<double> work)
    {
        GaussNewton(n, r, qtf, step);
        double gaussNewtonNorm = Norms.Scaled(diag, step, work);
        if (gaussNewtonNorm <= delta)
            return;

        // Scaled gradient g = D⁻¹·Rᵀ·qtf of ½‖F + J·p‖² at p = 0.
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i <= j; i++)
                sum += r[j * n + i] * qtf[i];
            gradient[j] = sum / diag[j];
        }
        double gradientNorm = Norms.Euclidean(gradient[..n]);
        if (gradientNorm == 0)
        {
            // Only the Gauss–Newton direction is known: cut it at the boundary.
            double scale = delta / gaussNewtonNorm;
            for (int j = 0; j < n; j++)
                step[j] *= scale;
            return;
        }

        // d = −D⁻¹·g/‖g‖ has ‖D·d‖ = 1; the model decreases along it down to the Cauchy point at D-distance ‖g‖/‖R·d‖².
        for (int j = 0; j < n; j++)
            gradient[j] = -gradient[j] / gradientNorm / diag[j];
        TriangularTimes(n, r, gradient, work);
        double rd = Norms.Euclidean(work[..n]);
        double cauchy = gradientNorm / rd / rd;
        if (cauchy >= delta)
        {
            for (int j = 0; j < n; j++)
                step[j] = delta * gradient[j];
            return;
        }

        // In scaled coordinates A = cauchy·D·d, B = D·p_GN; find τ ∈ (0, 1) with ‖A + τ(B − A)‖ = Δ.
        double c1 = 0, c2 = 0;
        for (int j = 0; j < n; j++)
        {
            double a = cauchy * diag[j] * gradient[j], b = diag[j] * step[j];
            c1 += a * (b - a);
            c2 += (b - a) * (b - a);
        }
        double c0 = cauchy * cauchy - delta * delta;   // < 0
        double root = Math.Sqrt(c1 * c1 - c2 * c0);
        double tau = c1 > 0 ? -c0 / (c1 + root) : (root - c1) / c2;
        for (int j = 0; j < n; j++)
            step[j] = (1 - tau) * cauchy * gradient[j] + tau * step[j];
    }
}
