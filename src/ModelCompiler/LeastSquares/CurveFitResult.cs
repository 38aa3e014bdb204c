// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The outcome of a least-squares fit. With rᵢ = yᵢ − f(xᵢ; p), wᵢ the weights (1/σᵢ² or 1 when
/// none), n points and k fitted (non-fixed) parameters:
/// RSS = Σwᵢrᵢ²; reduced χ² = RSS/(n − k); R² = 1 − RSS/Σwᵢ(yᵢ − ȳ_w)²;
/// AIC = n·ln(RSS/n) + 2k; BIC = n·ln(RSS/n) + k·ln n (Gaussian likelihood up to a constant, as lmfit).
/// </summary>
public sealed class CurveFitResult
{
    private readonly double[] _values;
    private readonly FittedParameter[] _table;
    private readonly double[,] _covariance;
    private readonly double[,] _correlation;

    internal CurveFitResult(
        string formula, IReadOnlyList<string> names, double[] values, double[,] covariance, string? covarianceProblem,
        FittedParameter[] table, int pointCount, int freeParameterCount, double rss, double totalSumOfSquares,
        FitTermination termination, string message, int iterations, int functionEvaluations, int jacobianEvaluations,
        double confidenceLevel, bool absoluteSigma, bool isWeighted)
    {
        IsWeighted = isWeighted;
        Formula = formula;
        ParameterNames = names;
        _values = values;
        _covariance = covariance;
        CovarianceProblem = covarianceProblem;
        _table = table;
        PointCount = pointCount;
        FreeParameterCount = freeParameterCount;
        ResidualSumOfSquares = rss;
        Termination = termination;
        Message = message;
        Iterations = iterations;
        FunctionEvaluations = functionEvaluations;
        JacobianEvaluations = jacobianEvaluations;
        ConfidenceLevel = confidenceLevel;
        AbsoluteSigma = absoluteSigma;
        int dof = pointCount - freeParameterCount;
        ReducedChiSquare = dof > 0 ? rss / dof : double.NaN;
        _totalSumOfSquares = totalSumOfSquares;
        RSquared = totalSumOfSquares > 0 ? 1 - rss / totalSumOfSquares : double.NaN;
        double logTerm = rss > 0 ? pointCount * Math.Log(rss / pointCount) : double.NegativeInfinity;
        Aic = logTerm + 2 * freeParameterCount;
        Bic = logTerm + freeParameterCount * Math.Log(pointCount);
        _correlation = Correlation(covariance, table);
    }

    /// <summary>The model formula.</summary>
    public string Formula { get; }

    /// <summary>Parameter names in the model's order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Fitted values in the model's order (fixed parameters included). A copy.</summary>
    public double[] Parameters => (double[])_values.Clone();

    /// <summary>The fitted value of parameter <paramref name="index"/>.</summary>
    public double this[int index] => _values[index];

    /// <summary>The fitted value of the parameter named <paramref name="name"/>.</summary>
    public double this[string name] => _values[IndexOf(name)];

    /// <summary>The table row of parameter <paramref name="index"/>.</summary>
    public FittedParameter Parameter(int index) => _table[index];

    /// <summary>The table row of the parameter named <paramref name="name"/>.</summary>
    public FittedParameter Parameter(string name) => _table[IndexOf(name)];

    /// <summary>All table rows in the model's order.</summary>
    public IReadOnlyList<FittedParameter> Table => _table;

    /// <summary>
    /// P×P covariance, as scipy's <c>curve_fit</c> defines <c>pcov</c>: (JᵀWJ)⁻¹·RSS/(n − k), or
    /// (JᵀWJ)⁻¹ with absolute sigma. Rows and columns of fixed parameters are zero. When
    /// <see cref="IsCovarianceDefined"/> is false every entry is +∞ (as curve_fit) and
    /// <see cref="CovarianceProblem"/> says why. A copy.
    /// </summary>
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>False when the covariance could not be estimated (see <see cref="CovarianceProblem"/>).</summary>
    public bool IsCovarianceDefined => CovarianceProblem is null;

    /// <summary>Why the covariance is undefined (rank deficiency, no degrees of freedom), or null.</summary>
    public string? CovarianceProblem { get; }

    /// <summary>Correlation matrix Cov[i,j]/(SEᵢ·SEⱼ); NaN where a standard error is 0 or ∞. A copy.</summary>
    public double[,] Correlation() => (double[,])_correlation.Clone();

    /// <summary>Standard errors √Cov[j, j] in the model's order.</summary>
    public double[] StandardErrors => _table.Select(t => t.StandardError).ToArray();

    /// <summary>True when the sigma were taken as absolute (no rescaling of the covariance by the reduced χ²).</summary>
    public bool AbsoluteSigma { get; }

    /// <summary>Whether the fit had sigma or weights: a prediction band then needs the σ of the new observations.</summary>
    public bool IsWeighted { get; }

    /// <summary>Level of <see cref="FittedParameter.Lower"/>/<see cref="FittedParameter.Upper"/> (default 0.95).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Number of points, n.</summary>
    public int PointCount { get; }

    /// <summary>Number of fitted (non-fixed) parameters, k.</summary>
    public int FreeParameterCount { get; }

    /// <summary>n − k.</summary>
    public int DegreesOfFreedom => PointCount - FreeParameterCount;

    /// <summary>Σwᵢ(yᵢ − f(xᵢ))², the (weighted) residual sum of squares, χ².</summary>
    public double ResidualSumOfSquares { get; }

    /// <summary>RSS/(n − k); NaN when n = k.</summary>
    public double ReducedChiSquare { get; }

    /// <summary>1 − RSS/TSS with the weighted total sum of squares about the weighted mean.</summary>
    public double RSquared { get; }

    /// <summary>Akaike information criterion n·ln(RSS/n) + 2k.</summary>
    public double Aic { get; }

    /// <summary>Bayesian information criterion n·ln(RSS/n) + k·ln n.</summary>
    public double Bic { get; }

    /// <summary>Why the solver stopped.</summary>
    public FitTermination Termination { get; }

    /// <summary>True for the converged terminations (tolerances met, machine precision, exact solution).</summary>
    public bool IsConverged => Termination <= FitTermination.DirectSolution;

    /// <summary>
    /// Converged to parameters the data determine: <see cref="IsConverged"/>, with the covariance defined and every
    /// standard error finite (as <see cref="BatchFitResult.IsDetermined"/>). A converged fit that is not determined found
    /// a minimum along which parameters trade off without changing the fit, or ran off where the model's terms cancel;
    /// its values are one point of that set, not estimates, and <see cref="CovarianceProblem"/> says which parameters.
    /// </summary>
    public bool IsDetermined => IsConverged && IsCovarianceDefined && _table.All(t => double.IsFinite(t.StandardError));

    /// <summary>A sentence on why the solver stopped.</summary>
    public string Message { get; }

    /// <summary>Accepted steps.</summary>
    public int Iterations { get; }

    /// <summary>Model evaluations without the Jacobian.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Model evaluations with the Jacobian (including the final one for the covariance).</summary>
    public int JacobianEvaluations { get; }

    /// <summary>
    /// The starts of a multi-start fit (<see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], FitSetup, MultiStartOptions?, CurveFitOptions?, IProgress{MultiStartProgress}?, CancellationToken)"/>)
    /// and how many reached this fit's RSS; null for a fit from one start. The other members describe the best
    /// start's fit alone (its iterations and evaluations included).
    /// </summary>
    public MultiStartSummary? MultiStart { get; internal set; }

    /// <summary>This fit with the iterations and evaluations of other work from the same call added (an earlier attempt, the label search).</summary>
    internal CurveFitResult WithEarlierWork(int iterations, int jacobianEvaluations, int functionEvaluations = 0) =>
        new(Formula, ParameterNames, _values, _covariance, CovarianceProblem, _table, PointCount, FreeParameterCount,
            ResidualSumOfSquares, _totalSumOfSquares, Termination, Message, Iterations + iterations,
            FunctionEvaluations + functionEvaluations, JacobianEvaluations + jacobianEvaluations, ConfidenceLevel, AbsoluteSigma, IsWeighted)
        { MultiStart = MultiStart };

    /// <summary>
    /// This fit with its parameters reordered: parameter i takes the values, standard error, interval and covariance of
    /// parameter <paramref name="order"/>[i] (the same model at the same point, for exchangeable terms).
    /// </summary>
    internal CurveFitResult Permuted(int[] order)
    {
        int p = _values.Length;
        var values = new double[p];
        var table = new FittedParameter[p];
        var covariance = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            values[i] = _values[order[i]];
            table[i] = _table[order[i]] with { Name = _table[i].Name };
            for (int j = 0; j < p; j++)
                covariance[i, j] = _covariance[order[i], order[j]];
        }
        return new(Formula, ParameterNames, values, covariance, CovarianceProblem, table, PointCount, FreeParameterCount,
                   ResidualSumOfSquares, _totalSumOfSquares, Termination, Message, Iterations, FunctionEvaluations, JacobianEvaluations,
                   ConfidenceLevel, AbsoluteSigma, IsWeighted) { MultiStart = MultiStart };
    }

    private readonly double _totalSumOfSquares;

    private int IndexOf(string name)
    {
        for (int i = 0; i < ParameterNames.Count; i++)
            if (ParameterNames[i] == name)
                return i;
        throw new ArgumentException($"The model has no parameter named '{name}'; it has {string.Join(", ", ParameterNames)}.", nameof(name));
    }

    private static double[,] Correlation(double[,] cov, FittedParameter[] table)
    {
        int p = table.Length;
        var corr = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double si = table[i].StandardError, sj = table[j].StandardError;
                corr[i, j] = si > 0 && sj > 0 && double.IsFinite(si) && double.IsFinite(sj)
                    ? cov[i, j] / (si * sj)
                    : double.NaN;
            }
        }
        return corr;
    }

    /// <summary>A table: name, value, standard error, confidence interval, then the fit statistics.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"Model: {Formula}\n");
        if (Termination == FitTermination.DirectSolution)
            sb.Append(ci, $"Termination: {Termination}: {Message}\n");
        else
            sb.Append(ci, $"Termination: {Termination}: {Message}; {Iterations} iterations, ")
              .Append(ci, $"{FunctionEvaluations} function and {JacobianEvaluations} Jacobian evaluations\n");
        if (MultiStart is { } multiStart)
            sb.Append("Starts: ").Append(multiStart.Headline()).Append('\n');
        int nameWidth = Math.Max(9, ParameterNames.Max(n => n.Length));
        string level = (ConfidenceLevel * 100).ToString("0.##", ci) + "% interval";
        sb.Append("Parameter".PadRight(nameWidth)).Append("  ").Append("Value".PadLeft(16)).Append("  ")
          .Append("Std. error".PadLeft(13)).Append("  ").Append(level.PadLeft(33)).Append('\n');
        sb.Append(new string('-', nameWidth + 68)).Append('\n');
        foreach (var row in _table)
        {
            sb.Append(row.Name.PadRight(nameWidth)).Append("  ")
              .Append(row.Value.ToString("G10", ci).PadLeft(16)).Append("  ");
            if (row.IsFixed)
            {
                sb.Append("(fixed)".PadLeft(13)).Append('\n');
                continue;
            }
            sb.Append(row.StandardError.ToString("G6", ci).PadLeft(13)).Append("  ")
              .Append(("[" + row.Lower.ToString("G8", ci) + ", " + row.Upper.ToString("G8", ci) + "]").PadLeft(33));
            if (row.AtBound)
                sb.Append("  at bound");
            sb.Append('\n');
        }
        sb.Append(new string('-', nameWidth + 68)).Append('\n');
        sb.Append(ci, $"Points {PointCount}, fitted parameters {FreeParameterCount}, degrees of freedom {DegreesOfFreedom}\n");
        sb.Append(ci, $"Residual sum of squares {ResidualSumOfSquares:G10}, reduced chi-square {ReducedChiSquare:G8}, R² {RSquared:G8}\n");
        sb.Append(ci, $"AIC {Aic:G8}, BIC {Bic:G8}\n");
        if (!IsCovarianceDefined)
            sb.Append(ci, $"Covariance undefined: {CovarianceProblem}\n");
        return sb.ToString();
    }
}
