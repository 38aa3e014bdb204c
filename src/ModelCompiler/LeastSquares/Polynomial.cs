// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Polynomial least squares, as numpy.polyfit: coefficients from the highest power down
/// (c_d·x^d + … + c_1·x + c_0), with the same covariance as curve_fit (numpy's <c>cov=True</c>
/// scales by RSS/(n − d − 1); absolute sigma gives <c>cov='unscaled'</c>). Unlike numpy.polyfit it solves in x
/// centred and scaled to [−1, 1], so data far from x = 0 keep their digits.
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

        // The fit runs in t = (x − centre)/halfWidth, whose powers stay independent in double precision however far x
        // lies from 0 (x = 1e9 … 1e9 + 19: in x itself x² and x are collinear, rank 2 and R² = 0.91 on exact data);
        // the coefficients of x follow exactly from those of t, and the residuals stay t's.
        double lo = problem.X.Min(), hi = problem.X.Max();
        double centre = 0.5 * (lo + hi), halfWidth = hi > lo ? 0.5 * (hi - lo) : 1;
        var design = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double sw = problem.SqrtWeights?[i] ?? 1, power = sw, t = (problem.X[i] - centre) / halfWidth;
            for (int j = k - 1; j >= 0; j--)
            {
                design[j * n + i] = power;
                power *= t;
            }
        }
        var jacobian = (double[])design.Clone();
        var offset = new double[n];
        for (int i = 0; i < n; i++)
            offset[i] = -(problem.SqrtWeights?[i] ?? 1) * problem.Y[i];
        double[] b = LinearLeastSquares.Solve(n, k, design, offset);

        var residuals = (double[])offset.Clone();
        for (int j = 0; j < k; j++)
            DenseOps.Axpy(b[j], jacobian.AsSpan(j * n, n), residuals);
        var transform = PowerBasisTransform(degree, centre, halfWidth);
        var c = new double[k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                c[i] += transform[i, j] * b[j];
        var covariance = CovarianceEstimate.FromJacobian(jacobian, n, k, names).Transformed(transform);
        return FitResultBuilder.Build(formula, names, problem, c, DataSums.SquaresAbout(residuals, 0, default), covariance,
                                      FitTermination.DirectSolution, "solved directly by linear least squares", 0, 0, 0, options);
    }

    /// <summary>
    /// T with c = T·b for Σ bⱼ·((x − centre)/h)^(d−j) = Σ cᵢ·x^(d−i), both from the highest power down: the binomial
    /// expansion, c of x^q = Σ over p ≥ q of b of t^p · C(p, q)·(−centre)^(p−q)/h^p.
    /// </summary>
    private static double[,] PowerBasisTransform(int degree, double centre, double h)
    {
        int k = degree + 1;
        var transform = new double[k, k];
        for (int p = 0; p <= degree; p++)
        {
            double binomial = 1, scale = Math.Pow(h, -p);   // C(p, q) from q = p down
            for (int q = p; q >= 0; q--)
            {
                transform[degree - q, degree - p] = binomial * Math.Pow(-centre, p - q) * scale;
                binomial = binomial * q / (p - q + 1);
            }
        }
        return transform;
    }
}
