// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// Mixtures of regressions by EM: y = g(x; θₖ) + εₖ with probability πₖ, for any compiled model g and Gaussian or
/// Laplace noise — R's flexmix / mixtools <c>regmixEM</c> for arbitrary formulas. With Gaussian noise one iteration is
/// exactly regmixEM's: the E-step at θ_{t−1}, weighted least squares per component, σₖ² = Σᵢ rᵢₖeᵢ²/Σᵢ rᵢₖ, πₖ = mean rₖ.
/// </summary>
/// <remarks>
/// Bad input (length mismatch, non-finite values with their row, K outside 1…n, an invalid start) throws
/// <see cref="ArgumentException"/>. A component that empties keeps its curve with weight ≈ 0; a scale that would
/// collapse onto interpolated points is held at <see cref="RegressionMixtureOptions.MinimumRelativeScale"/>; both are
/// counted in <see cref="RegressionMixtureResult.EmResult"/>, and no result is NaN.
/// </remarks>
public static class RegressionMixture
{
    /// <summary>Fits a mixture of <typeparamref name="TModel"/> regressions to (x, y); x is column-major n×V for V variables.</summary>
    /// <param name="x">The variables, n values per variable.</param>
    /// <param name="y">The responses.</param>
    /// <param name="options">Components, noise, tolerances and starts.</param>
    /// <param name="start">Explicit starting parameters; null starts from random partitions of the points.</param>
    /// <param name="initialCoefficients">Where the per-component fits of a model nonlinear in θ start from random
    /// partitions; required for such models when <paramref name="start"/> is null.</param>
    /// <param name="progress">Receives one report per EM iteration.</param>
    /// <param name="cancellationToken">Stops the fit with <see cref="OperationCanceledException"/>.</param>
    public static RegressionMixtureResult Fit<TModel>(double[] x, double[] y, RegressionMixtureOptions options,
                                                      RegressionMixtureStart? start = null, double[]? initialCoefficients = null,
                                                      IProgress<EmProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = y.Length, k = options.Components, p = TModel.ParameterCount;
        if (x.Length != n * TModel.VariableCount)
            throw new ArgumentException($"x has {x.Length} values but {n} points of {TModel.VariableCount} variable(s) need {n * TModel.VariableCount}.", nameof(x));
        if (k > n)
            throw new ArgumentException($"The mixture has {k} components but the data only {n} points.", nameof(options));
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x has the non-finite value {x[i]} at row {i % n}" + (TModel.VariableCount > 1 ? $", variable {i / n}." : "."), nameof(x));
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(y[i]))
                throw new ArgumentException($"y has the non-finite value {y[i]} at row {i}.", nameof(y));
        if (start is not null)
            Check(start, k, p);
        else if (!TModel.IsLinearInParameters)
        {
            if (initialCoefficients is null)
                throw new ArgumentException($"The model '{TModel.Formula}' is not linear in its parameters: give initialCoefficients or a start.", nameof(initialCoefficients));
            if (initialCoefficients.Length != p || initialCoefficients.Any(c => !double.IsFinite(c)))
                throw new ArgumentException($"initialCoefficients needs {p} finite values.", nameof(initialCoefficients));
        }

        var family = new RegressionFamily<TModel>((double[])x.Clone(), (double[])y.Clone(), options, start, initialCoefficients);
        var em = EmEngine.Fit<RegressionFamily<TModel>, RegressionParameters>(family, options.ToEmOptions(), progress, cancellationToken);

        var responsibilities = new double[k * n];
        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        double meanLogLikelihood = EmEngine.EStep<RegressionFamily<TModel>, RegressionParameters>(family, [], responsibilities, execution);
        var components = Enumerable.Range(0, k).Select(c => new RegressionComponent(
            (double[])family.Coefficients[c].Clone(), family.Scales[c], family.Weights[c], family.StandardErrors(c, responsibilities))).ToArray();
        return new RegressionMixtureResult(TModel.ParameterNames, components, responsibilities, n, meanLogLikelihood * n, em);
    }

    private static void Check(RegressionMixtureStart start, int k, int p)
    {
        if (start.Weights is null || start.Coefficients is null || start.Scales is null)
            throw new ArgumentException("A start needs weights, coefficients and scales.", nameof(start));
        if (start.Weights.Length != k || start.Coefficients.Length != k || start.Scales.Length != k)
            throw new ArgumentException($"A start needs {k} weights, coefficient rows and scales, one per component.", nameof(start));
        for (int c = 0; c < k; c++)
        {
            if (!(start.Weights[c] >= 0) || double.IsInfinity(start.Weights[c]))
                throw new ArgumentException($"Start weight {c} is {start.Weights[c]}; weights must be finite and non-negative.", nameof(start));
            if (!(start.Scales[c] > 0) || double.IsInfinity(start.Scales[c]))
                throw new ArgumentException($"Start scale {c} is {start.Scales[c]}; scales must be positive and finite.", nameof(start));
            if (start.Coefficients[c] is not { } row || row.Length != p || row.Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"Start coefficients of component {c} must be {p} finite values.", nameof(start));
        }
        double sum = start.Weights.Sum();
        if (Math.Abs(sum - 1) > 1e-8)
            throw new ArgumentException($"The start weights sum to {sum:R}, not 1.", nameof(start));
    }
}

/// <summary>One fitted regression component: coefficients θₖ, noise scale (σₖ or bₖ), weight πₖ, and θₖ's standard errors.</summary>
public sealed record RegressionComponent(double[] Coefficients, double Scale, double Weight, double[] StandardErrors);

/// <summary>A fitted mixture of regressions.</summary>
public sealed class RegressionMixtureResult
{
    private readonly double[] _responsibilities;
    private readonly int _n;

    internal RegressionMixtureResult(IReadOnlyList<string> parameterNames, RegressionComponent[] components, double[] responsibilities,
                                     int n, double logLikelihood, EmResult em)
    {
        ParameterNames = parameterNames;
        Components = components;
        _responsibilities = responsibilities;
        _n = n;
        LogLikelihood = logLikelihood;
        EmResult = em;
        ParameterCount = components.Length * (parameterNames.Count + 1) + components.Length - 1;
    }

    /// <summary>The model's parameter names, the order of every component's coefficients.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The components, in the order EM found them.</summary>
    public IReadOnlyList<RegressionComponent> Components { get; }

    /// <summary>Σᵢ ln Σₖ πₖ p(yᵢ | xᵢ, θₖ) at the fitted parameters (a sum, as R reports it).</summary>
    public double LogLikelihood { get; }

    /// <summary>Free parameters: K·P coefficients, K scales and K − 1 weights.</summary>
    public int ParameterCount { get; }

    /// <summary>−2·ln L + 2·p.</summary>
    public double Aic => -2 * LogLikelihood + 2 * ParameterCount;

    /// <summary>−2·ln L + p·ln n.</summary>
    public double Bic => -2 * LogLikelihood + ParameterCount * Math.Log(_n);

    /// <summary>Iterations, termination, the trace of the mean log-likelihood, and the repairs of the kept run.</summary>
    public EmResult EmResult { get; }

    /// <summary>P(component k | point i) at the fitted parameters.</summary>
    public double Responsibility(int point, int component) => _responsibilities[component * _n + point];
}
