// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Mixtures.Regression;

public static partial class RegressionMixture
{
    /// <summary>
    /// Fits the mixture to points held by partitions elsewhere (other machines, or <see cref="InProcessPartitions"/>),
    /// each with n×(V + 1) columns: the variables, then y. Each iteration sends the parameters to every partition and
    /// adds their sufficient statistics in partition order, so the fit equals, to the bit,
    /// <see cref="Fit{TMixture, TModel}(double[], double[], RegressionMixtureOptions?, IProgress{EmProgress}?, CancellationToken)"/>
    /// on the same points with <see cref="RegressionMixtureOptions.PartitionLengths"/> set to the partitions' lengths.
    /// Per iteration a partition returns K·(2 + P + P(P + 1)/2) + 1 doubles.
    /// </summary>
    /// <remarks>
    /// For models linear in θ with Gaussian noise (whose M-step is a sufficient statistic); the start must be given
    /// (<see cref="RegressionMixtureOptions.InitialWeights"/>, <see cref="RegressionMixtureOptions.InitialParameters"/>,
    /// <see cref="RegressionMixtureOptions.InitialScales"/>). Every machine holding a partition must have the generated
    /// mixture type loaded. The result's <see cref="RegressionMixtureResult.Responsibilities"/> is empty (0×K): the
    /// responsibilities stay with the partitions.
    /// </remarks>
    /// <exception cref="ArgumentException">An option is invalid, the partitions have the wrong columns or too few points,
    /// the start is missing, or the model is not linear in θ with Gaussian noise.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RegressionMixtureResult Fit<TMixture, TModel>(IPartitionedData data, RegressionMixtureOptions? options = null,
                                                                IProgress<EmProgress>? progress = null,
                                                                CancellationToken cancellationToken = default)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        options ??= RegressionMixtureOptions.Default;
        options.Validate();
        int n = PartitionAnswers.PointCount(data, nameof(data), options.PartitionLengths);
        int v = TModel.VariableCount;
        if (!IsLinearGaussian<TMixture, TModel>())
            throw new ArgumentException(
                $"A fit over partitions needs a model linear in its parameters with Gaussian noise; '{TModel.Formula}' with " +
                $"{TMixture.Noise} noise needs every point in its M-step.", nameof(data));
        if (data.ColumnCount != v + 1)
            throw new ArgumentException(
                $"The partitions hold {data.ColumnCount} columns; '{TModel.Formula}' needs {v} variable(s) and then y.", nameof(data));
        Validate<TMixture, TModel>(n, options, nameof(data));
        if (options.InitialWeights is null)
            throw new ArgumentException(
                "A fit over partitions starts from given parameters: set InitialWeights, InitialParameters and InitialScales.", nameof(options));

        double[] sums = PartitionAnswers.Sum(data, new PartitionTask(PartitionTaskKind.ColumnSums, []), v + 1, cancellationToken);
        double[] squares = PartitionAnswers.Sum(data, new PartitionTask(PartitionTaskKind.SquaredDeviations, Means(sums, n)), v + 1,
                                                cancellationToken);
        var family = new LinearRegressionMixtureFamily<TMixture, TModel>(ColumnData.Shape(n, v + 1), options, Math.Sqrt(squares[v] / n),
                                                                          Partitions.Single(n));
        string type = PartitionedRegressionEStep<TMixture, TModel>.MixtureType;
        int p = TModel.ParameterCount;
        double[] designSums = PartitionAnswers.Sum(data, new PartitionTask(PartitionTaskKind.RegressionDesignSums, [], type), p, cancellationToken);
        double[] centred = PartitionAnswers.Sum(data, new PartitionTask(PartitionTaskKind.RegressionDesignGram, Means(designSums, n), type),
                                                p * (p + 1) / 2, cancellationToken);
        if (DesignConditioning.Transform(n, designSums, centred, p) is { } transform)
            family.UseTransform(transform);
        var pass = new PartitionedRegressionEStep<TMixture, TModel>(data, family, cancellationToken);
        return FitLinear<TMixture, TModel>(family, options, pass, pass, new double[0, TMixture.Components], progress, cancellationToken);
    }

    private static bool IsLinearGaussian<TMixture, TModel>()
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
        => TModel.IsLinearInParameters && TMixture.Noise == Noise.Gaussian;

    /// <summary>The local fit of a linear Gaussian mixture: the points as n×(V + 1) columns, sums formed by the options' partitions.</summary>
    private static RegressionMixtureResult FitLinear<TMixture, TModel>(double[] x, double[] y, RegressionMixtureOptions options,
                                                                       IProgress<EmProgress>? progress, CancellationToken cancellationToken)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        int n = y.Length, v = TModel.VariableCount, k = TMixture.Components;
        var columns = new double[(v + 1) * n];
        x.CopyTo(columns, 0);
        y.CopyTo(columns, v * n);
        var data = ColumnData.FromColumns(columns, n, v + 1);
        Partitions partitions = Partitions.Of(options.PartitionLengths, n, nameof(options.PartitionLengths));
        double[] sums = FeatureMoments.Sums(data, partitions);
        double[] squares = FeatureMoments.SquaredDeviations(data, Means(sums, n), partitions);
        var family = new LinearRegressionMixtureFamily<TMixture, TModel>(data, options, Math.Sqrt(squares[v] / n), partitions);
        double[] designSums = family.DesignSums();
        if (DesignConditioning.Transform(n, designSums, family.CentredDesignGram(Means(designSums, n)), TModel.ParameterCount) is { } transform)
            family.UseTransform(transform);
        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        var pass = new LocalEStep<LinearRegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, partitions, execution, keepPointLogLikelihood: false);
        var final = new LocalEStep<LinearRegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, partitions, execution, keepPointLogLikelihood: false, keepResponsibilities: true);
        var table = new double[n, k];
        return FitLinear<TMixture, TModel>(family, options, pass, final, table, progress, cancellationToken,
                                           () => CopyResponsibilities(final.Responsibilities, table));
    }

    /// <summary>
    /// EM through <paramref name="pass"/>, then one more E-step through <paramref name="final"/> whose statistics give the
    /// components' sizes, log-likelihood and standard errors at the returned parameters.
    /// </summary>
    private static RegressionMixtureResult FitLinear<TMixture, TModel>(LinearRegressionMixtureFamily<TMixture, TModel> family,
                                                                       RegressionMixtureOptions options, IEStepPass pass, IEStepPass final,
                                                                       double[,] table, IProgress<EmProgress>? progress,
                                                                       CancellationToken cancellationToken, Action? afterFinal = null)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        EmResult em = EmEngine.Fit<LinearRegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, EmOptionsOf(options), progress, execution, double.NegativeInfinity, pass);
        var statistics = new double[family.StatisticsLength];
        double logLikelihood = final.Run(statistics);
        afterFinal?.Invoke();

        int k = family.ComponentCount, p = TModel.ParameterCount, block = LinearRegressionMixtureFamily<TMixture, TModel>.BlockLength(p);
        var components = new List<RegressionComponent>(k);
        var inverse = new double[p * p];
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> sums = statistics.AsSpan(c * block, block);
            double size = sums[0], scale = family.Scales[c];
            double[] theta = family.Parameters.Slice(c * p, p).ToArray();
            bool isEmpty = !(size >= 10 * 2.220446049250313e-16);
            string? problem = isEmpty ? "the component is empty"
                : !family.InverseGram(sums, inverse) ? SingularGram
                : null;
            components.Add(Component(theta, scale, inverse, problem, family.Weights[c], size, isEmpty, family.ScaleFloor));
        }
        (EmTermination termination, string message) = Judge(em, components, family.ScaleFloor, TMixture.Noise);
        var evaluator = new RegressionMixtureEvaluator<TMixture, TModel>(family.CaptureParameters());
        return new RegressionMixtureResult(TModel.Formula, TModel.ParameterNames, TMixture.Noise, components, table, logLikelihood,
                                           em.LogLikelihoodTrace.ToArray(), family.PointCount, em, termination, message, evaluator);
    }

    private static double[] Means(double[] sums, int n) => sums.Select(s => s / n).ToArray();

    private static void CopyResponsibilities(ReadOnlySpan<double> responsibilities, double[,] table)
    {
        int n = table.GetLength(0), k = table.GetLength(1);
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                table[i, c] = responsibilities[c * n + i];
    }
}
