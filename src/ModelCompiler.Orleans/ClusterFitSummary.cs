// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Orleans;

/// <summary>A completed partition: its curves, how many converged, the attempts it took, its silo and its result file.</summary>
public sealed record PartitionSummary(int Partition, long FirstCurve, int CurveCount, long Converged, int Attempts,
                                      string Silo, string OutputPath);

/// <summary>
/// The outcome of <see cref="ClusterCurveFit.FitManyAsync{TModel}"/>: every partition completed, in order, with its
/// result file. <see cref="ClusterCurveFit.ReadResults(ClusterFitSummary)"/> merges the files into one
/// <see cref="LeastSquares.BatchFitResult"/>.
/// </summary>
public sealed record ClusterFitSummary(string JobId, string Formula, long CurveCount, long Converged,
                                       IReadOnlyList<PartitionSummary> Partitions, TimeSpan Elapsed)
{
    /// <summary>The partitions that needed more than one attempt.</summary>
    public IReadOnlyList<PartitionSummary> RetriedPartitions => Partitions.Where(p => p.Attempts > 1).ToArray();

    /// <summary>The result files, in partition order.</summary>
    public IReadOnlyList<string> OutputPaths => Partitions.Select(p => p.OutputPath).ToArray();

    /// <summary>Curves, convergence, partitions, silos, retries and time.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"Cluster batch fit {JobId} of {Formula}: {CurveCount} curves, {Converged} converged ");
        text.Append(ci, $"({(CurveCount == 0 ? 0 : 100.0 * Converged / CurveCount):F2}%), {Partitions.Count} partitions on ");
        text.Append(ci, $"{Partitions.Select(p => p.Silo).Distinct().Count()} silos in {Elapsed.TotalSeconds:F2} s");
        var retried = RetriedPartitions;
        if (retried.Count > 0)
            text.Append(ci, $"; retried: {string.Join(", ", retried.Select(p => $"{p.Partition} ({p.Attempts} attempts)"))}");
        return text.Append('.').ToString();
    }
}
