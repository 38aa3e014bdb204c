// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// Mixtures of regressions y = g(x; θₖ) + εₖ with probability πₖ, fitted by maximum-likelihood EM (the
/// counterpart of R's mixtools <c>regmixEM</c> and flexmix <c>FLXMRglm</c>, for any compiled model g and with
/// Gaussian or Laplace noise). Declare g with <c>[Model]</c> and <c>[MixtureModel]</c>; the generator emits
/// <c>{Method}Mixture</c> and <c>{Method}Model</c>, the two type arguments here.
/// </summary>
/// <remarks>
/// One EM iteration is an E-step at θ_{t−1} and an M-step to θ_t (<see cref="EmEngine"/>): per component a
/// weighted least-squares fit with the responsibilities as weights (closed form for g linear in θ, weighted
/// Levenberg–Marquardt otherwise) or, for Laplace noise, weighted least absolute deviations by IRLS; then the
/// scale's weighted MLE and πₖ = mean responsibility. Bad input throws <see cref="ArgumentException"/>
/// naming the row; caller arrays are never modified.
/// </remarks>
public static class RegressionMixture
{
    /// <summary>Fits the mixture <typeparamref name="TMixture"/> of <typeparamref name="TModel"/> to (x, y).</summary>
    /// <param name="x">The independent variables, column-major n×V (one variable: just the n values).</param>
    /// <param name="y">The n responses.</param>
    /// <param name="options">Tolerances, starts and M-step settings; <see cref="RegressionMixtureOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the log-likelihood after every iteration.</param>
    /// <param name="cancellationToken">Cancels between E- and M-steps (throws <see cref="OperationCanceledException"/>).</param>
    public static RegressionMixtureResult Fit<TMixture, TModel>(double[] x, double[] y, RegressionMixtureOptions? options = null,
                                                                IProgress<EmProgress>? progress = null,
                                                                CancellationToken cancellationToken = default)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        options ??= RegressionMixtureOptions.Default;
        options.Validate();
        int n = y.Length, k = TMixture.Components, p = TModel.ParameterCount, v = TModel.VariableCount;
        Validate<TModel>(x, y, n, k, p, v, options);

        var family = new RegressionMixtureFamily<TMixture, TModel>((double[])x.Clone(), (double[])y.Clone(), options);
        var emOptions = new EmOptions
        {
            Tolerance = options.Tolerance,
            MaxIterations = options.MaxIterations,
            InitializationCount = options.InitialWeights is null ? options.InitializationCount : 1,
            Seed = options.Seed,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
        };
        var em = EmEngine.Fit<RegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, emOptions, progress, cancellationToken);

        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        var responsibilities = new double[k * n];
        double meanLogLikelihood = EmEngine.EStep<RegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, [], responsibilities, execution);
        return Summarize<TMixture, TModel>(family, responsibilities, meanLogLikelihood * n, em, n, k, p);
    }

    private static RegressionMixtureResult Summarize<TMixture, TModel>(RegressionMixtureFamily<TMixture, TModel> family,
                                                                       double[] responsibilities, double logLikelihood,
                                                                       EmResult em, int n, int k, int p)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        var components = new List<RegressionComponent>(k);
        var inverse = new double[p * p];
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> r = responsibilities.AsSpan(c * n, n);
            double size = 0;
            foreach (double w in r)
                size += w;
            double[] theta = family.Parameters.Slice(c * p, p).ToArray();
            double scale = family.Scales[c];
            bool isEmpty = !(size >= 10 * 2.220446049250313e-16);
            var covariance = new double[p, p];
            var standardErrors = new double[p];
            string? problem = null;
            if (isEmpty)
                problem = "the component is empty";
            else if (!family.Regression.InverseWeightedGram(r, theta, inverse))
                problem = "JᵀRJ is singular at the final responsibilities: the component's points do not determine θ";
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                    covariance[a, b] = problem is null ? scale * scale * inverse[a * p + b] : double.NaN;
                standardErrors[a] = Math.Sqrt(covariance[a, a]);
            }
            components.Add(new RegressionComponent(theta, standardErrors, covariance, problem, scale, family.Weights[c], size, isEmpty));
        }
        var table = new double[n, k];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                table[i, c] = responsibilities[c * n + i];
        double[] trace = em.LowerBoundTrace.Select(mean => mean * n).ToArray();
        return new RegressionMixtureResult(TModel.Formula, TModel.ParameterNames, TMixture.Noise, components, table,
                                           logLikelihood, trace, n, em);
    }

    private static void Validate<TModel>(double[] x, double[] y, int n, int k, int p, int v, RegressionMixtureOptions options)
        where TModel : IModel
    {
        if (k < 1)
            throw new ArgumentException($"A mixture needs at least one component, got {k}.", "TMixture");
        if (x.Length != n * v)
            throw new ArgumentException(v == 1
                ? $"x has {x.Length} values but y has {n}; they must have the same length."
                : $"x has {x.Length} values but must hold n·V = {n}·{v} (column-major, one column per variable).", nameof(x));
        if (k > n)
            throw new ArgumentException($"{k} components need at least {k} points, got {n}.", nameof(y));
        if (n < p)
            throw new ArgumentException($"{n} points cannot determine the {p} parameters of '{TModel.Formula}'.", nameof(y));
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(y[i]))
                throw new ArgumentException($"y[{i}] (row {i}) is {y[i]}; every response must be finite.", nameof(y));
        for (int j = 0; j < x.Length; j++)
            if (!double.IsFinite(x[j]))
                throw new ArgumentException(v == 1
                    ? $"x[{j}] (row {j}) is {x[j]}; every value must be finite."
                    : $"x at row {j % n}, variable {TModel.VariableNames[j / n]} is {x[j]}; every value must be finite.", nameof(x));
        if (options.InitialWeights is { } w0)
        {
            var theta0 = options.InitialParameters!;
            var s0 = options.InitialScales!;
            if (w0.Length != k || s0.Length != k || theta0.GetLength(0) != k || theta0.GetLength(1) != p)
                throw new ArgumentException($"The explicit start needs {k} weights, a {k}×{p} parameter matrix and {k} scales; got {w0.Length}, {theta0.GetLength(0)}×{theta0.GetLength(1)} and {s0.Length}.", nameof(options));
            for (int c = 0; c < k; c++)
            {
                if (!(w0[c] > 0) || !double.IsFinite(w0[c]))
                    throw new ArgumentException($"InitialWeights[{c}] is {w0[c]}; weights must be finite and positive.", nameof(options));
                if (!(s0[c] > 0) || !double.IsFinite(s0[c]))
                    throw new ArgumentException($"InitialScales[{c}] is {s0[c]}; scales must be finite and positive.", nameof(options));
                for (int j = 0; j < p; j++)
                    if (!double.IsFinite(theta0[c, j]))
                        throw new ArgumentException($"InitialParameters[{c}, {j}] is {theta0[c, j]}; it must be finite.", nameof(options));
            }
        }
        if (options.StartingParameters is { } start && (start.Length != p || !start.All(double.IsFinite)))
            throw new ArgumentException($"StartingParameters must hold {p} finite values.", nameof(options));
    }
}
