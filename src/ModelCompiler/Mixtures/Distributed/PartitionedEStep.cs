// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>A Gaussian mixture's E-step on partitions held elsewhere: the coordinator's parameters out, the statistics back.</summary>
internal sealed class PartitionedGaussianEStep(IPartitionedData data, GaussianFamily family, CancellationToken cancellationToken) : IEStepPass
{
    public ReadOnlySpan<double> Responsibilities => [];

    public double Run(Span<double> statistics)
    {
        var task = new PartitionTask(PartitionTaskKind.GaussianEStep, GaussianPayload.Write(family.CaptureParameters()));
        double[] total = PartitionAnswers.Sum(data, task, family.StatisticsLength + 1, cancellationToken);
        total.AsSpan(0, family.StatisticsLength).CopyTo(statistics);
        return total[^1];
    }
}
