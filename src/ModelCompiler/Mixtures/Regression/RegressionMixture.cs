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
/// naming the row; caller arrays are never modified. <see cref="PredictProba{TMixture, TModel}"/>,
/// <see cref="Predict{TMixture, TModel}"/>, <see cref="Score{TMixture, TModel}"/> and
/// <see cref="ScoreSamples{TMixture, TModel}"/> evaluate given parameters without fitting (an E-step only).
/// </remarks>
public static partial class RegressionMixture
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
        int n = y.Length, k = TMixture.Components, p = TModel.ParameterCount;
        CheckData<TModel>(x, y);
        Validate<TMixture, TModel>(n, options, nameof(y));
        if (IsLinearGaussian<TMixture, TModel>())
            return FitLinear<TMixture, TModel>(x, y, options, progress, cancellationToken);

        var family = new RegressionMixtureFamily<TMixture, TModel>((double[])x.Clone(), (double[])y.Clone(), options);
        var em = EmEngine.Fit<RegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, EmOptionsOf(options), progress, cancellationToken);

        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        var responsibilities = new double[k * n];
        double meanLogLikelihood = EmEngine.EStep<RegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, [], responsibilities, execution);
        return Summarize(family, responsibilities, meanLogLikelihood * n, em, n, k, p);
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
            string? problem = isEmpty ? "the component is empty"
                : !family.Regression.InverseWeightedGram(r, theta, inverse) ? SingularGram
                : null;
            components.Add(Component(theta, scale, inverse, problem, family.Weights[c], size, isEmpty, family.ScaleFloor));
        }
        var table = new double[n, k];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                table[i, c] = responsibilities[c * n + i];
        (EmTermination termination, string message) = Judge(em, components, family.ScaleFloor, TMixture.Noise);
        var evaluator = new RegressionMixtureEvaluator<TMixture, TModel>(family.CaptureParameters());
        return new RegressionMixtureResult(TModel.Formula, TModel.ParameterNames, TMixture.Noise, components, table,
                                           logLikelihood, em.LogLikelihoodTrace.ToArray(), n, em, termination, message, evaluator);
    }

    /// <summary>
    /// The termination the caller sees: a component without points or a scale at its floor makes the fit a degenerate
    /// solution whatever the tolerance said, and the message names the components.
    /// </summary>
    private const string SingularGram = "JᵀRJ is singular at the final responsibilities: the component's points do not determine θ";

    /// <summary>A component with covariance scale²·(JᵀRJ)⁻¹ (NaN where <paramref name="problem"/> says why there is none).</summary>
    private static RegressionComponent Component(double[] theta, double scale, double[] inverse, string? problem, double weight,
                                                 double size, bool isEmpty, double scaleFloor)
    {
        int p = theta.Length;
        var covariance = new double[p, p];
        var standardErrors = new double[p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
                covariance[a, b] = problem is null ? scale * scale * inverse[a * p + b] : double.NaN;
            standardErrors[a] = Math.Sqrt(covariance[a, a]);
        }
        return new RegressionComponent(theta, standardErrors, covariance, problem, scale, weight, size, isEmpty,
                                       isScaleAtFloor: scale <= scaleFloor);
    }

    private static (EmTermination, string) Judge(EmResult em, IReadOnlyList<RegressionComponent> components, double floor, Noise noise)
    {
        string scaleName = noise == Noise.Gaussian ? "σ" : "b";
        var problems = new List<string>();
        for (int c = 0; c < components.Count; c++)
        {
            if (components[c].IsEmpty)
                problems.Add($"component {c} is empty (no point's responsibility left)");
            else if (components[c].IsScaleAtFloor)
                problems.Add(FormattableString.Invariant(
                    $"component {c}'s {scaleName} = {components[c].Scale:G3} is at the floor (MinimumScaleFraction·sd(y)); it fits {components[c].EffectiveSize:G3} points exactly"));
        }
        string stopped = em.Termination switch
        {
            EmTermination.Converged => $"the stopping rule was met after {em.Iterations} iterations",
            EmTermination.MaxIterations => $"the stopping rule was not met in {em.Iterations} iterations",
            _ => $"the log-likelihood became non-finite after {em.Iterations} iterations",
        };
        // θ that the component's points do not determine (every x the same, for a line) leaves the likelihood at its maximum
        // along a line of equally good θ: the stop stands, but the values printed are one point of that line, as flexmix
        // and mixtools refuse such a fit outright.
        var undetermined = Enumerable.Range(0, components.Count)
            .Where(c => !components[c].IsEmpty && components[c].CovarianceProblem is not null).ToList();
        if (undetermined.Count > 0)
            stopped += $"; the points of {(undetermined.Count == 1 ? "component" : "components")} {string.Join(", ", undetermined)} " +
                       "do not determine θ (JᵀRJ is singular): only some combinations of the parameters are estimates, and the " +
                       "values given are one of many equally good. A model with fewer parameters, or x that vary within each " +
                       "component, determine them";
        if (em.Termination == EmTermination.NonFiniteLikelihood || problems.Count == 0)
            return (em.Termination, stopped);
        return (EmTermination.DegenerateComponent,
                $"{string.Join("; ", problems)}: a degenerate solution, not a maximum of the likelihood ({stopped}); " +
                "fewer components, more points per component or other starts usually help");
    }

    /// <summary>
    /// p(k | xᵢ, yᵢ) under the mixture with the given weights, parameters (K×P, row k = θₖ) and scales, without fitting
    /// (an E-step only): n×K, each row summing to 1.
    /// </summary>
    /// <exception cref="ArgumentException">The data or the parameters are invalid (weights follow the rule of
    /// <see cref="RegressionMixtureOptions.InitialWeights"/>).</exception>
    public static double[,] PredictProba<TMixture, TModel>(double[] x, double[] y, double[] weights, double[,] parameters, double[] scales)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
        => Evaluator<TMixture, TModel>(weights, parameters, scales).PredictProba(x, y);

    /// <summary>The most probable component of each point under the given parameters (see <see cref="PredictProba{TMixture, TModel}"/>).</summary>
    public static int[] Predict<TMixture, TModel>(double[] x, double[] y, double[] weights, double[,] parameters, double[] scales)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
        => Evaluator<TMixture, TModel>(weights, parameters, scales).Predict(x, y);

    /// <summary>ln Σₖ πₖ p(yᵢ | xᵢ, θₖ) of each point under the given parameters (scikit-learn's <c>score_samples</c>).</summary>
    public static double[] ScoreSamples<TMixture, TModel>(double[] x, double[] y, double[] weights, double[,] parameters, double[] scales)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
        => Evaluator<TMixture, TModel>(weights, parameters, scales).ScoreSamples(x, y);

    /// <summary>The mean log-likelihood per point under the given parameters (scikit-learn's <c>score</c>; times n it is R's <c>logLik</c>).</summary>
    public static double Score<TMixture, TModel>(double[] x, double[] y, double[] weights, double[,] parameters, double[] scales)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
        => Evaluator<TMixture, TModel>(weights, parameters, scales).Score(x, y);

    private static RegressionMixtureEvaluator<TMixture, TModel> Evaluator<TMixture, TModel>(double[] weights, double[,] parameters, double[] scales)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(scales);
        var snapshot = CheckParameters<TMixture, TModel>(weights, parameters, scales, nameof(weights), nameof(parameters), nameof(scales), null);
        return new RegressionMixtureEvaluator<TMixture, TModel>(snapshot);
    }

    /// <summary>
    /// Weights by the one rule of mixing weights, K×P finite parameters and K finite positive scales, copied into a
    /// snapshot; each failure names the array and the component. <paramref name="parameterName"/> overrides the
    /// argument name reported (the options, for an explicit start).
    /// </summary>
    internal static RegressionMixtureParameters CheckParameters<TMixture, TModel>(double[] weights, double[,] parameters, double[] scales,
                                                                               string weightsName, string parametersName, string scalesName,
                                                                               string? parameterName)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        int k = TMixture.Components, p = TModel.ParameterCount;
        if (scales.Length != k || parameters.GetLength(0) != k || parameters.GetLength(1) != p)
            throw new ArgumentException(
                $"The mixture needs {k} weights, a {k}×{p} parameter matrix and {k} scales; got {weights.Length}, " +
                $"{parameters.GetLength(0)}×{parameters.GetLength(1)} and {scales.Length}.", parameterName ?? parametersName);
        double[] w = ExplicitStartValidation.MixingWeights(weights, k, weightsName, parameterName ?? weightsName);
        var theta = new double[k * p];
        for (int c = 0; c < k; c++)
        {
            if (!(scales[c] > 0) || !double.IsFinite(scales[c]))
                throw new ArgumentException($"{scalesName}[{c}] is {scales[c]}; scales must be finite and positive.", parameterName ?? scalesName);
            for (int j = 0; j < p; j++)
            {
                if (!double.IsFinite(parameters[c, j]))
                    throw new ArgumentException($"{parametersName}[{c}, {j}] is {parameters[c, j]}; it must be finite.", parameterName ?? parametersName);
                theta[c * p + j] = parameters[c, j];
            }
        }
        return new RegressionMixtureParameters(w, theta, (double[])scales.Clone());
    }

    /// <summary>Lengths and finiteness of (x, y), naming the row; shared by fitting and prediction.</summary>
    internal static void CheckData<TModel>(double[] x, double[] y) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = y.Length, v = TModel.VariableCount;
        if (n == 0)
            throw new ArgumentException("y is empty: there are no points.", nameof(y));
        if (x.Length != n * v)
            throw new ArgumentException(v == 1
                ? $"x has {x.Length} values but y has {n}; they must have the same length."
                : $"x has {x.Length} values but must hold n·V = {n}·{v} (column-major, one column per variable).", nameof(x));
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(y[i]))
                throw new ArgumentException($"y[{i}] (row {i}) is {y[i]}; every response must be finite.", nameof(y));
        for (int j = 0; j < x.Length; j++)
            if (!double.IsFinite(x[j]))
                throw new ArgumentException(v == 1
                    ? $"x[{j}] (row {j}) is {x[j]}; every value must be finite."
                    : $"x at row {j % n}, variable {TModel.VariableNames[j / n]} is {x[j]}; every value must be finite.", nameof(x));
    }

    /// <summary>The EM loop's options from the mixture's.</summary>
    private static EmOptions EmOptionsOf(RegressionMixtureOptions options) => new()
    {
        Tolerance = options.Tolerance,
        StoppingRule = options.StoppingRule,
        MaxIterations = options.MaxIterations,
        InitializationCount = options.InitialWeights is null ? options.InitializationCount : 1,
        Seed = options.Seed,
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
        PartitionLengths = options.PartitionLengths,
        PreferCleanRuns = true,
    };

    /// <summary>Checks the options against n points; <paramref name="dataName"/> names the data in errors.</summary>
    private static void Validate<TMixture, TModel>(int n, RegressionMixtureOptions options, string dataName)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        int k = TMixture.Components, p = TModel.ParameterCount;
        if (k < 1)
            throw new ArgumentException($"A mixture needs at least one component, got {k}.", "TMixture");
        if (k > n)
            throw new ArgumentException($"{k} components need at least {k} points, got {n}.", dataName);
        if (n < p)
            throw new ArgumentException($"{n} points cannot determine the {p} parameters of '{TModel.Formula}'.", dataName);
        if (options.ScaleEstimator == RegressionScaleEstimator.Flexmix)
        {
            if (TMixture.Noise != Noise.Gaussian)
                throw new ArgumentException(
                    $"{nameof(RegressionScaleEstimator)}.{nameof(RegressionScaleEstimator.Flexmix)} is flexmix's estimator of a Gaussian σ; " +
                    $"this mixture's noise is {TMixture.Noise}, whose scale is always its MLE.", nameof(options));
            if (n <= p)
                throw new ArgumentException($"flexmix's σ divides by n − P = {n - p}; it needs more points than the {p} parameters.", nameof(options));
        }
        if (options.InitialWeights is { } w0)
            CheckParameters<TMixture, TModel>(w0, options.InitialParameters!, options.InitialScales!,
                                              nameof(RegressionMixtureOptions.InitialWeights), nameof(RegressionMixtureOptions.InitialParameters),
                                              nameof(RegressionMixtureOptions.InitialScales), nameof(options));
        if (options.StartingParameters is { } start && (start.Length != p || !start.All(double.IsFinite)))
            throw new ArgumentException($"StartingParameters must hold {p} finite values.", nameof(options));
    }
}
