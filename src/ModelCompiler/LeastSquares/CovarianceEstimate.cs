// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The unscaled covariance (JᵀWJ)⁻¹ of the free parameters from the weighted Jacobian at the
/// solution. The rank is decided on the Jacobian with unit-norm columns, J·D⁻¹ with D the column
/// norms (the scaling MINPACK's diag applies to the steps), so that it does not depend on the units
/// of a parameter or of the data: its SVD J·D⁻¹ = UΣVᵀ, singular values s ≤ ε·max(n, k)·s_max
/// discarded as scipy's curve_fit discards them, (JᵀJ)⁻¹ = D⁻¹·V·Σ⁻²·Vᵀ·D⁻¹. A discarded singular
/// value means the Jacobian is rank deficient, and the covariance is reported undefined with that
/// reason instead of as a pseudo-inverse that silently hides the degenerate direction; so is a
/// Jacobian that is not finite at the solution.
/// </summary>
internal sealed class CovarianceEstimate
{
    private CovarianceEstimate(double[,]? matrix, int rank, double[] singularValues, string? problem, double[]? columnNorms = null,
                               double[,]? determined = null, double[]? errors = null)
    {
        Matrix = matrix;
        Determined = determined;
        Errors = errors ?? [];
        Rank = rank;
        SingularValues = singularValues;
        Problem = problem;
        ColumnNorms = columnNorms ?? [];
    }

    /// <summary>(JᵀWJ)⁻¹ over the free parameters, or null when undefined.</summary>
    public double[,]? Matrix { get; }

    /// <summary>
    /// √diag((JᵀWJ)⁻¹) per free parameter, formed without squaring so that it holds where the diagonal itself under- or
    /// overflows (k of a·e^(−kx) with x in units of 1e200 has 1.2e-202, whose square is below the smallest double); +∞
    /// for a parameter the data do not determine; empty where <see cref="Matrix"/> and <see cref="Determined"/> are null.
    /// </summary>
    public double[] Errors { get; }

    /// <summary>
    /// Where the Jacobian is rank deficient, (JᵀWJ)⁻¹'s entries between the parameters the data still determine (those with
    /// no part in its null space), +∞ for the others; null otherwise.
    /// </summary>
    public double[,]? Determined { get; }
    public int Rank { get; }
    /// <summary>Singular values of the Jacobian with unit-norm columns (empty when it was not finite).</summary>
    public double[] SingularValues { get; }
    /// <summary>Why the matrix is undefined, or null.</summary>
    public string? Problem { get; }

    /// <summary>‖∂f/∂pⱼ‖ of the weighted Jacobian, per free parameter in the solver's order (empty when it was not finite).</summary>
    public double[] ColumnNorms { get; }

    /// <summary>This estimate, undefined for <paramref name="problem"/>: the data determine <paramref name="rank"/> combinations of the parameters at most.</summary>
    public CovarianceEstimate Undefined(string problem, int rank) =>
        new(null, Math.Min(rank, Rank), SingularValues, problem, ColumnNorms) { Alignment = Alignment };

    /// <summary>
    /// This estimate, undefined for <paramref name="problem"/>, with the parameters the data still determine given as
    /// <see cref="Determined"/> and <see cref="Errors"/> (+∞ for the others), from a model of <paramref name="rank"/> parameters.
    /// </summary>
    public CovarianceEstimate UndefinedExcept(string problem, int rank, double[,] determined, double[] errors) =>
        new(null, rank, SingularValues, problem, ColumnNorms, determined, errors) { Alignment = Alignment };

    /// <summary>How far f is from orthogonal to J's free columns at the same point (<see cref="Stationarity"/>); none where the route did not measure it.</summary>
    public ResidualAlignment Alignment { get; private set; } = ResidualAlignment.None;

    /// <summary>This estimate, with the alignment of f measured from the same Jacobian.</summary>
    public CovarianceEstimate WithAlignment(ResidualAlignment alignment)
    {
        Alignment = alignment;
        return this;
    }

    /// <summary>
    /// Estimates from the model's Jacobian at <paramref name="parameters"/> over the parameters <paramref name="columns"/>
    /// (indices among all), weighted by <paramref name="sqrtWeights"/> (empty: unweighted).
    /// </summary>
    public static CovarianceEstimate AtParameters<TModel>(ReadOnlySpan<double> x, int n, ReadOnlySpan<double> parameters,
                                                          ReadOnlySpan<int> columns, ReadOnlySpan<double> sqrtWeights)
        where TModel : IModel
    {
        int k = columns.Length;
        var values = new double[n];
        var jacobian = new double[n * parameters.Length];
        TModel.EvaluateWithJacobian(x, parameters, values, jacobian);
        var weighted = new double[n * k];
        var names = new string[k];
        for (int a = 0; a < k; a++)
        {
            names[a] = TModel.ParameterNames[columns[a]];
            for (int i = 0; i < n; i++)
                weighted[a * n + i] = sqrtWeights.IsEmpty ? jacobian[columns[a] * n + i] : sqrtWeights[i] * jacobian[columns[a] * n + i];
        }
        return FromJacobian(weighted, n, k, names);
    }

    /// <summary>Estimates from the column-major n×k weighted Jacobian; <paramref name="names"/> name the k columns.</summary>
    public static CovarianceEstimate FromJacobian(ReadOnlySpan<double> jacobian, int n, int k, IReadOnlyList<string> names)
    {
        if (k == 0)
            return new CovarianceEstimate(new double[0, 0], 0, [], null);
        for (int j = 0; j < k; j++)
            for (int i = 0; i < n; i++)
            {
                double v = jacobian[j * n + i];
                if (!double.IsFinite(v))
                    return NotFinite($"∂f/∂{names[j]} is {v} at point {i}");
            }

        // R of a Householder QR has J's singular values and right singular vectors; the Jacobi SVD
        // then runs on k×k instead of n×k.
        double[] r = new double[k * k];
        double[] a = jacobian[..(n * k)].ToArray();
        HouseholderR(a, n, k, r);
        return FromTriangular(r, null, n, k, names);
    }

    /// <summary>
    /// The estimate for parameters c = T·b of this estimate's b (k×k <paramref name="transform"/>): T·C·Tᵀ, the rank and
    /// singular values those of b's Jacobian, on which the rank was decided.
    /// </summary>
    public CovarianceEstimate Transformed(double[,] transform)
    {
        if (Matrix is not { } c)
            return this;
        int k = c.GetLength(0);
        var tc = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                for (int m = 0; m < k; m++)
                    tc[i, j] += transform[i, m] * c[m, j];
        var result = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                for (int m = 0; m < k; m++)
                    result[i, j] += tc[i, m] * transform[j, m];
        var errors = new double[k];
        for (int i = 0; i < k; i++)
            errors[i] = Math.Sqrt(result[i, i]);
        return new CovarianceEstimate(result, Rank, SingularValues, Problem, ColumnNorms, errors: errors) { Alignment = Alignment };
    }

    /// <summary>The covariance is undefined because the Jacobian at the solution is not finite (<paramref name="where"/> says where).</summary>
    public static CovarianceEstimate NotFinite(string where) =>
        new(null, 0, [], $"the Jacobian is not finite at the returned parameters ({where}), so the covariance is undefined there");

    /// <summary>
    /// Estimates from JᵀWJ (k×k, destroyed) of a tall Jacobian with n rows, through its pivoted
    /// Cholesky factor; null when that factor is too ill-conditioned to be trusted, and the caller
    /// must use <see cref="FromJacobian"/>.
    /// </summary>
    public static CovarianceEstimate? FromGram(Span<double> gram, int k, int n, IReadOnlyList<string> names)
    {
        double[] r = new double[k * k];
        int[] pivot = new int[k];
        return TallJacobianFactor.Cholesky(gram, k, r, pivot) ? FromTriangular(r, pivot, n, k, names) : null;
    }

    /// <summary>
    /// Estimates from the k×k upper-triangular R (column-major) of a pivoted QR, J·P = Q·R, with
    /// <paramref name="pivot"/>[j] the parameter at position j: (JᵀJ)⁻¹ = P·(RᵀR)⁻¹·Pᵀ, the matrix
    /// scipy's leastsq forms from lmdif's fjac and ipvt.
    /// </summary>
    public static CovarianceEstimate FromPivotedTriangular(double[] r, int[] pivot, int n, int k, IReadOnlyList<string> names)
        => FromTriangular((double[])r.Clone(), pivot, n, k, names);

    private static CovarianceEstimate FromTriangular(double[] r, int[]? pivot, int n, int k, IReadOnlyList<string> names)
    {
        // Column j of R belongs to parameter pivot[j] (j without a pivot).
        int Parameter(int j) => pivot is null ? j : pivot[j];
        foreach (double entry in r)
            if (!double.IsFinite(entry))
                return NotFinite("its triangular factor has a non-finite entry");

        // Unit-norm columns: the rank decision and the SVD become independent of the parameters' units.
        double[] norms = new double[k];
        for (int j = 0; j < k; j++)
        {
            Span<double> column = r.AsSpan(j * k, k);
            norms[j] = MinpackKernels.Norm(column);
            if (norms[j] > 0)
                foreach (ref double entry in column)
                    entry /= norms[j];
        }

        // R's columns have J's column norms (Q is orthogonal), in pivot order.
        double[] columnNorms = new double[k];
        for (int j = 0; j < k; j++)
            columnNorms[Parameter(j)] = norms[j];

        double[] v = new double[k * k];
        double[] s = new double[k];
        if (!JacobiSvd(r, k, s, v))
            return NotFinite("its singular value decomposition met a non-finite value");

        double sMax = 0;
        foreach (double sv in s)
            sMax = Math.Max(sMax, sv);
        double threshold = Epsilon * Math.Max(n, k) * sMax;
        int rank = 0;
        foreach (double sv in s)
            if (sv > threshold)
                rank++;

        if (sMax == 0)
            return new CovarianceEstimate(null, 0, s, "the Jacobian is zero at the solution: no parameter affects the model", columnNorms);
        if (rank < k)
        {
            // Name the parameters that take part in the null space: the right singular vectors of every singular value
            // at or below the threshold, in the scaled coordinates where every column counts alike. With more than one
            // such direction (a peak far outside the data leaves its height, centre and width all free), the smallest
            // one's alone named one of them.
            var involved = new List<int>();
            for (int c = 0; c < k; c++)
            {
                if (s[c] > threshold)
                    continue;
                for (int i = 0; i < k; i++)
                    if (Math.Abs(v[c * k + i]) > 0.1 && !involved.Contains(Parameter(i)))
                        involved.Add(Parameter(i));
            }
            involved.Sort();
            string problem = $"the Jacobian has rank {rank} < {k} free parameters (singular values of its unit-norm columns ≤ " +
                             $"ε·max(n,k)·s_max = {threshold:G3} were found); the data cannot separate {string.Join(", ", involved.Select(i => names[i]))}";
            var determined = DeterminedParameters(v, s, norms, threshold, k);
            return new CovarianceEstimate(null, rank, s, problem, columnNorms, PseudoInverse(v, s, norms, threshold, k, determined, Parameter),
                                          SafeErrors(v, s, norms, threshold, k, determined, Parameter));
        }

        // (JᵀJ)⁻¹ = D⁻¹·V·Σ⁻²·Vᵀ·D⁻¹, in parameter order: every singular value kept, every parameter determined.
        return new CovarianceEstimate(PseudoInverse(v, s, norms, threshold, k, null, Parameter), rank, s, null, columnNorms,
                                      errors: SafeErrors(v, s, norms, threshold, k, null, Parameter));
    }

    /// <summary>
    /// √(Σ_c (v_ic/s_c)²)/Dᵢ over the kept singular values, for the parameters <paramref name="determined"/> says (all
    /// when null; +∞ for the others): the square root is taken in the unit-norm columns, where the sum is of ordinary
    /// size, before dividing by the column norm.
    /// </summary>
    private static double[] SafeErrors(double[] v, double[] s, double[] norms, double threshold, int k, bool[]? determined,
                                       Func<int, int> parameter)
    {
        var errors = new double[k];
        for (int i = 0; i < k; i++)
        {
            if (determined is not null && !determined[i])
            {
                errors[parameter(i)] = double.PositiveInfinity;
                continue;
            }
            double sum = 0;
            for (int c = 0; c < k; c++)
                if (s[c] > threshold)
                    sum += v[c * k + i] / s[c] * (v[c * k + i] / s[c]);
            errors[parameter(i)] = Math.Sqrt(sum) / norms[i];
        }
        return errors;
    }

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>The parameters, by their position in R, with no part (beyond 1e-8) in any discarded singular vector.</summary>
    private static bool[] DeterminedParameters(double[] v, double[] s, double[] norms, double threshold, int k)
    {
        var determined = new bool[k];
        for (int i = 0; i < k; i++)
        {
            determined[i] = norms[i] > 0;
            for (int c = 0; c < k; c++)
                if (s[c] <= threshold && Math.Abs(v[c * k + i]) > 1e-8)
                    determined[i] = false;
        }
        return determined;
    }

    /// <summary>
    /// The pseudo-inverse D⁻¹·V·Σ⁺²·Vᵀ·D⁻¹ over the singular values kept, in parameter order, each factor divided
    /// separately so that Dᵢ·Dⱼ never overflows; with <paramref name="determined"/>, only between the parameters with no
    /// part (beyond 1e-8, in the unit-norm columns) in any discarded singular vector, +∞ elsewhere. For such a parameter
    /// eᵢ lies in J's row space, and eᵢᵀ·G·eⱼ is the same for every generalized inverse G of JᵀJ: its variance is defined
    /// although the others' are not. A fit of a·x + b + c leaves a's standard error as it is without c.
    /// </summary>
    private static double[,] PseudoInverse(double[] v, double[] s, double[] norms, double threshold, int k, bool[]? determined,
                                           Func<int, int> parameter)
    {
        bool Determined(int i) => determined is null || determined[i];
        var cov = new double[k, k];
        var w = new double[k];
        for (int c = 0; c < k; c++)
        {
            if (s[c] <= threshold)
                continue;
            for (int i = 0; i < k; i++)
                w[i] = v[c * k + i] / norms[i] / s[c];
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                    if (Determined(i) && Determined(j))
                        cov[parameter(i), parameter(j)] += w[i] * w[j];
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                if (!Determined(i) || !Determined(j))
                    cov[parameter(i), parameter(j)] = double.PositiveInfinity;
        return cov;
    }


    /// <summary>Householder QR of the n×k column-major <paramref name="a"/>; writes the k×k R column-major.</summary>
    private static void HouseholderR(double[] a, int n, int k, double[] r)
    {
        for (int j = 0; j < k; j++)
        {
            var colJ = a.AsSpan(j * n + j, n - j);
            double norm = MinpackKernels.Norm(colJ);
            if (norm != 0)
            {
                if (colJ[0] < 0)
                    norm = -norm;
                for (int i = 0; i < colJ.Length; i++)
                    colJ[i] /= norm;
                colJ[0] += 1;
                for (int c = j + 1; c < k; c++)
                {
                    var colC = a.AsSpan(c * n + j, n - j);
                    double t = -DenseOps.Dot(colJ, colC) / colJ[0];
                    DenseOps.Axpy(t, colJ, colC);
                }
            }
            r[j * k + j] = -norm;
            for (int i = 0; i < j; i++)
                r[j * k + i] = a[j * n + i];
        }
    }

    /// <summary>
    /// One-sided Jacobi SVD of the k×k column-major <paramref name="a"/> (destroyed): singular values
    /// in <paramref name="s"/>, right singular vectors as the columns of <paramref name="v"/>.
    /// Accurate to high relative precision, which the rank decision needs. False when a non-finite
    /// value appears (the input had one, or a product overflowed).
    /// </summary>
    private static bool JacobiSvd(double[] a, int k, double[] s, double[] v)
    {
        Array.Clear(v);
        for (int i = 0; i < k; i++)
            v[i * k + i] = 1;
        for (int sweep = 0; sweep < 60; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < k - 1; p++)
            {
                for (int q = p + 1; q < k; q++)
                {
                    var ap = a.AsSpan(p * k, k);
                    var aq = a.AsSpan(q * k, k);
                    double alpha = DenseOps.Dot(ap, ap), beta = DenseOps.Dot(aq, aq), gamma = DenseOps.Dot(ap, aq);
                    if (!double.IsFinite(alpha) || !double.IsFinite(beta) || !double.IsFinite(gamma))
                        return false;
                    if (gamma == 0 || Math.Abs(gamma) <= Epsilon * Math.Sqrt(alpha * beta))
                        continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = zeta == 0 ? 1 : Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), sn = c * t;
                    Rotate(ap, aq, c, sn);
                    Rotate(v.AsSpan(p * k, k), v.AsSpan(q * k, k), c, sn);
                }
            }
            if (!rotated)
                break;
        }
        for (int j = 0; j < k; j++)
            s[j] = MinpackKernels.Norm(a.AsSpan(j * k, k));
        return true;
    }

    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i], yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }
}
