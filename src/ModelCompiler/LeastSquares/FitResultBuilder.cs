// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Builds a <see cref="CurveFitResult"/> from a solution: the residual sum of squares and the estimate of
/// (JᵀWJ)⁻¹ at the final parameters, the covariance exactly as scipy's curve_fit (pcov = (JᵀWJ)⁻¹ times
/// RSS/(n − k) unless sigma is absolute, RSS floored at the data's rounding as <see cref="ResidualVariance"/> says),
/// standard errors, and Student-t intervals.
/// </summary>
internal static class FitResultBuilder
{
    /// <summary>The names of the free parameters, in the solver's order.</summary>
    public static string[] FreeNames(IReadOnlyList<string> names, LeastSquaresProblem problem)
        => problem.FreeIndices.Select(i => names[i]).ToArray();

    public static CurveFitResult Build(
        string formula, IReadOnlyList<string> names, LeastSquaresProblem problem, ReadOnlySpan<double> free,
        double rss, CovarianceEstimate estimate,
        FitTermination termination, string message, int iterations, int functionEvaluations, int jacobianEvaluations,
        CurveFitOptions options)
    {
        int n = problem.PointCount, p = problem.ParameterCount, k = problem.FreeCount;
        double[] values = (double[])problem.Initial.Clone();
        for (int j = 0; j < k; j++)
            values[problem.FreeIndices[j]] = free[j];

        double tss = WeightedTotalSumOfSquares(problem, options.MaxDegreeOfParallelism);

        string? covarianceProblem = estimate.Problem;
        if (covarianceProblem is not null && estimate.Rank < k && k > 1 && OneValue(problem) is { } value)
            covarianceProblem += $"; every point has the variables at {value}, where the data can determine one combination of the parameters at most";
        if (covarianceProblem is not null && estimate.Rank < k && Cancelling(problem, free, estimate.ColumnNorms, names) is { } cancelling)
        {
            covarianceProblem += cancelling;
            // Such a stop is on the way to infinity, not at a minimum: decays from far starts ended "converged" at
            // a = −3.2e7, τ = −1.8e7, b = 3.2e7, the model a straight line, with 14 times the sum of squares of the decay.
            if (termination is FitTermination.FunctionTolerance or FitTermination.ParameterTolerance
                or FitTermination.GradientTolerance or FitTermination.MachinePrecision)
            {
                message = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "the iteration stopped as if converged ({0}), but parameters that cancel one another ran off toward infinity " +
                    "(the covariance problem names them): this is not a least-squares solution at finite parameters. Try " +
                    "another start or bounds, or a model with fewer terms", Describe(termination));
                termination = FitTermination.Stalled;
            }
        }
        int dof = n - k;
        double scale = 1;
        if (covarianceProblem is null && !options.AbsoluteSigma)
        {
            if (dof > 0)
                scale = ResidualVariance.Of(rss, dof, problem.WeightedResponseNorm);
            else
                covarianceProblem = $"there are no degrees of freedom (n = {n} points, k = {k} fitted parameters) to estimate the residual variance; use absolute sigma";
        }

        var cov = new double[p, p];
        var errors = new double[p];   // the free parameters' standard errors, from estimate.Errors (formed without squaring)
        for (int i = 0; i < p; i++)
            errors[i] = double.PositiveInfinity;
        if (covarianceProblem is not null)
        {
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    cov[i, j] = problem.IsFixed[i] || problem.IsFixed[j] ? 0 : double.PositiveInfinity;
            // A rank-deficient Jacobian leaves the parameters outside its null space determined; the residuals have
            // n − rank degrees of freedom, as in the model without the parameters the data cannot separate.
            if (estimate.Determined is { } determined && (options.AbsoluteSigma || n > estimate.Rank))
            {
                double partialScale = options.AbsoluteSigma ? 1 : ResidualVariance.Of(rss, n - estimate.Rank, problem.WeightedResponseNorm);
                for (int a = 0; a < k; a++)
                    for (int b = 0; b < k; b++)
                        cov[problem.FreeIndices[a], problem.FreeIndices[b]] = determined[a, b] * partialScale;
                for (int a = 0; a < k; a++)
                    errors[problem.FreeIndices[a]] = Scaled(estimate.Errors[a], partialScale);
            }
        }
        else
        {
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++)
                    cov[problem.FreeIndices[a], problem.FreeIndices[b]] = estimate.Matrix![a, b] * scale;
            for (int a = 0; a < k; a++)
                errors[problem.FreeIndices[a]] = Scaled(estimate.Errors[a], scale);
        }

        // Student's t as lmfit takes it; with σ known and no degrees of freedom (n = k) the normal quantile, where t has none.
        double t = dof > 0 ? StudentT.InverseCdf(0.5 + 0.5 * options.ConfidenceLevel, dof)
                 : options.AbsoluteSigma ? StandardNormal.InverseCdf(0.5 + 0.5 * options.ConfidenceLevel)
                 : double.PositiveInfinity;
        var table = new FittedParameter[p];
        int freePosition = 0;
        for (int i = 0; i < p; i++)
        {
            bool isFixed = problem.IsFixed[i];
            double se = isFixed ? 0 : errors[i];
            bool atBound = false;
            if (!isFixed && problem.HasBounds)
            {
                atBound = values[i] == problem.Lower![freePosition] || values[i] == problem.Upper![freePosition];
            }
            if (!isFixed)
                freePosition++;
            double half = isFixed ? 0 : t * se;
            table[i] = new FittedParameter(names[i], values[i], se, values[i] - half, values[i] + half, isFixed, atBound);
        }

        return new CurveFitResult(formula, names, values, cov, covarianceProblem, table, n, k, rss, tss,
                                  termination, message, iterations, functionEvaluations, jacobianEvaluations,
                                  options.ConfidenceLevel, options.AbsoluteSigma, problem.SqrtWeights is not null);
    }

    /// <summary>
    /// A standard error from its unscaled value and the residual variance: an undetermined parameter's ∞ stays ∞ where
    /// an exact fit's variance is 0 (∞·0 had made it NaN).
    /// </summary>
    internal static double Scaled(double error, double variance) =>
        double.IsPositiveInfinity(error) ? error : error * Math.Sqrt(variance);

    /// <summary>
    /// Where a rank-deficient fit's parameters act on the model at over 1000 times the data's size, and so cancel one
    /// another: two exponentials fitted to one decay end with a1 ≈ −a2 ≈ 4e4 and k1 ≈ k2, part-way along a path whose
    /// end, (A + Bx)·e^(−kx), lies at infinity. Their values are not estimates, which the sentence says. |pⱼ|·‖∂f/∂pⱼ‖ is
    /// the model's change when pⱼ doubles.
    /// </summary>
    private static string? Cancelling(LeastSquaresProblem problem, ReadOnlySpan<double> free, double[] columnNorms, IReadOnlyList<string> names)
    {
        if (columnNorms.Length != free.Length)
            return null;
        double data = problem.WeightedResponseNorm, largest = 0;
        var acting = new List<string>();
        for (int j = 0; j < free.Length; j++)
        {
            double effect = Math.Abs(free[j]) * columnNorms[j];
            if (!(effect > 1e3 * data))
                continue;
            acting.Add(names[problem.FreeIndices[j]]);
            largest = Math.Max(largest, effect);
        }
        return acting.Count < 2 ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "; {0} act on the model at up to {1:G2} times the data's size and cancel one another: the fit ran off along a " +
            "direction the data do not determine, where this model's best fit may lie at infinity, so their values are not " +
            "estimates; use a model with fewer terms", string.Join(", ", acting), largest / data);
    }

    /// <summary>
    /// The variables' one value when every point has the same (x near 1.7e9 in steps below its resolution, 2.4e-7, all
    /// round to one number), as "1700000000" or "(1, 2)"; null when they differ.
    /// </summary>
    private static string? OneValue(LeastSquaresProblem problem)
    {
        int n = problem.PointCount;
        if (n < 2 || problem.X.Length % n != 0)
            return null;
        int variables = problem.X.Length / n;
        var values = new List<string>(variables);
        for (int v = 0; v < variables; v++)
        {
            ReadOnlySpan<double> column = problem.X.AsSpan(v * n, n);
            foreach (double value in column)
                if (value != column[0])
                    return null;
            values.Add(column[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        return variables == 1 ? values[0] : $"({string.Join(", ", values)})";
    }

    private static double WeightedTotalSumOfSquares(LeastSquaresProblem problem, int? workers)
    {
        double[]? sw = problem.SqrtWeights;
        double sumW = sw is null ? problem.PointCount : DataSums.SquaresAbout(sw, 0, null, workers);
        double mean = DataSums.WeightedSum(problem.Y, sw, workers) / sumW;
        return DataSums.SquaresAbout(problem.Y, mean, sw, workers);
    }

    public static string Describe(FitTermination termination) => termination switch
    {
        FitTermination.FunctionTolerance => "the relative reduction of the sum of squares is below the function tolerance",
        FitTermination.ParameterTolerance => "the relative change of the parameters is below the parameter tolerance",
        FitTermination.GradientTolerance => "the residuals are orthogonal to the Jacobian columns within the gradient tolerance",
        FitTermination.MachinePrecision => "no further reduction is possible in double precision",
        FitTermination.ExactSolution => "the model reproduces the data exactly",
        FitTermination.DirectSolution => "solved directly by linear least squares",
        FitTermination.MaxFunctionEvaluations => "the evaluation budget was spent before convergence",
        FitTermination.NonFiniteJacobian => "the Jacobian became non-finite; the last finite point is returned",
        FitTermination.NonFiniteStart => "the model or its Jacobian is not finite at the initial parameters",
        FitTermination.Stalled => "the iteration stopped as if converged, but the residuals still lie along a Jacobian column: not a least-squares solution",
        _ => termination.ToString(),
    };
}
