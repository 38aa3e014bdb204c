// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>A linear regression mixture's E-step on partitions held elsewhere: the parameters out, the statistics back.</summary>
internal sealed class PartitionedRegressionEStep<TMixture, TModel>(IPartitionedData data, LinearRegressionMixtureFamily<TMixture, TModel> family,
                                                                   CancellationToken cancellationToken) : IEStepPass
    where TMixture : IRegressionMixture<TModel>
    where TModel : IModel
{
    /// <summary>The name by which a partition finds the generated mixture type.</summary>
    public static readonly string MixtureType = typeof(TMixture).AssemblyQualifiedName!;

    public ReadOnlySpan<double> Responsibilities => [];

    public double Run(Span<double> statistics)
    {
        var task = new PartitionTask(PartitionTaskKind.RegressionEStep, RegressionPayload.Write(family.CaptureParameters(), family.Transform), MixtureType);
        double[] total = PartitionAnswers.Sum(data, task, family.StatisticsLength + 1, cancellationToken);
        total.AsSpan(0, family.StatisticsLength).CopyTo(statistics);
        return total[^1];
    }
}
