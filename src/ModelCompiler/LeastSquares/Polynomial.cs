// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Polynomial least squares, as numpy.polyfit: coefficients from the highest power down
/// (c_d·x^d + … + c_1·x + c_0), with the same covariance as curve_fit (numpy's <c>cov=True</c>
/// scales by RSS/(n − d − 1); absolute sigma gives <c>cov='unscaled'</c>).
/// </summary>
public static class Polynomial
{
    /// <summary>Fits a polynomial of the given degree to (x, y); weights or sigma in <paramref name="setup"/>.</summary>
    public static CurveFitResult Fit(double[] x, double[] y, int degree, FitSetup? setup = null, CurveFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (degree < 0)
            throw new ArgumentOutOfRangeException(nameof(degree), degree, "The degree must be ≥ 0.");
        setup ??= FitSetup.None;
        options ??= CurveFitOptions.Default;
        options.Validate();
        if (setup.LowerBounds is not null || setup.UpperBounds is not null || setup.Fixed is not null)
            throw new ArgumentException("A polynomial fit takes no bounds or fixed parameters.", nameof(setup));

        int k = degree + 1;
        var names = Enumerable.Range(0, k).Select(i => "c" + (degree - i)).ToArray();
        string formula = string.Join(" + ", Enumerable.Range(0, k).Select(i => (degree - i) switch
        {
            0 => names[i],
            1 => names[i] + "*x",
            int power => $"{names[i]}*x^{power}",
        }));
        var problem = InputValidation.Build(x, 1, y, new double[k], k, names, setup);
        int n = problem.PointCount;

        // Weighted Vandermonde matrix, column j holding √wᵢ·xᵢ^(d−j).
        var design = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double sw = problem.SqrtWeights?[i] ?? 1, power = sw;
            for (int j = k - 1; j >= 0; j--)
            {
                design[j * n + i] = power;
                power *= problem.X[i];
            }
        }
        var jacobian = (double[])design.Clone();
        var offset = new double[n];
        for (int i = 0; i < n; i++)
            offset[i] = -(problem.SqrtWeights?[i] ?? 1) * problem.Y[i];
        double[] c = LinearLeastSquares.Solve(n, k, design, offset);

        var residuals = (double[])offset.Clone();
        for (int j = 0; j < k; j++)
            DenseOps.Axpy(c[j], jacobian.AsSpan(j * n, n), residuals);
        var covariance = CovarianceEstimate.FromJacobian(jacobian, n, k, names);
        return FitResultBuilder.Build(formula, names, problem, c, residuals, covariance, FitTermination.DirectSolution,
                                      "solved directly by linear least squares" + OffsetWarning(problem.X, covariance.Rank < k), 0, 0, 0, options);
    }

    /// <summary>
    /// A note when the powers of x are collinear in double precision because x lies far from 0 for its spread: a
    /// quadratic through x = 1e9 … 1e9 + 19 then reports rank 2, R² = 0.91 on exact data and says the data cannot
    /// separate the coefficients, when it is the basis that cannot. Empty otherwise.
    /// </summary>
    private static string OffsetWarning(double[] x, bool rankDeficient)
    {
        if (!rankDeficient)
            return "";
        double lo = x.Min(), hi = x.Max(), centre = 0.5 * (lo + hi), spread = hi - lo;
        if (!(Math.Abs(centre) > 10 * spread))
            return "";
        return FormattableString.Invariant(
            $", but the powers of x are collinear in double precision: x lies near {centre:G12} with a spread of {spread:G3}, so the ") +
            FormattableString.Invariant($"coefficients lose their digits, and the RSS and R² with them; fit in x − {centre:G12} instead");
    }
}
