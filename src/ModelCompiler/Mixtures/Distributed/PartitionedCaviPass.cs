// SPDX-License-Identifier: MIT
using ModelCompiler.Variational;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>Step 1 of CAVI on partitions held elsewhere: the means out, the statistics back.</summary>
internal sealed class PartitionedCaviPass(IPartitionedData data, int k, CancellationToken cancellationToken) : ICaviPass
{
    public void Run(double[] means, double[] halfExpectedSquare, Span<double> totals)
    {
        var task = new PartitionTask(PartitionTaskKind.CaviStep, CaviPayload.Write(k, means, halfExpectedSquare));
        PartitionAnswers.Sum(data, task, totals.Length, cancellationToken).CopyTo(totals);
    }
}
