// SPDX-License-Identifier: MIT
using ModelCompiler.Variational;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>
/// The points of one partition, held where they are computed on, and the work a distributed fit asks of them
/// (<see cref="Run"/>). The shard keeps no state between rounds but its points, so a machine that takes over a
/// partition after a failure only has to load them again.
/// </summary>
public sealed class PartitionShard
{
    private readonly ColumnData _data;

    private PartitionShard(ColumnData data) => _data = data;

    /// <summary>Copies n×d <paramref name="rows"/> (one row per point); a non-finite value is an error naming its row.</summary>
    public static PartitionShard FromRows(double[,] rows) => new(ColumnData.FromRows(rows, nameof(rows)));

    /// <summary>
    /// Takes column-major <paramref name="columns"/> (column j of point i at [j·n + i]) without copying; the caller must
    /// not change them afterwards. A non-finite value is an error naming its row and column.
    /// </summary>
    public static PartitionShard FromColumns(double[] columns, int pointCount, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (pointCount < 1 || columnCount < 1 || columns.Length != (long)pointCount * columnCount)
            throw new ArgumentException(
                $"columns holds {columns.Length} values; it must hold n·d = {pointCount}·{columnCount} with n, d ≥ 1.", nameof(columns));
        for (int m = 0; m < columns.Length; m++)
            if (!double.IsFinite(columns[m]))
                throw new ArgumentException(
                    $"columns[{m}] (row {m % pointCount}, column {m / pointCount}) is {columns[m]}; every value must be finite.", nameof(columns));
        return new PartitionShard(ColumnData.FromColumns(columns, pointCount, columnCount));
    }

    /// <summary>Points in the shard.</summary>
    public int PointCount => _data.PointCount;

    /// <summary>Columns per point.</summary>
    public int ColumnCount => _data.Dimension;

    /// <summary>Computes <paramref name="task"/> on the shard's points (<see cref="PartitionTaskKind"/> gives each answer's layout).</summary>
    /// <param name="task">The round's work.</param>
    /// <param name="maxDegreeOfParallelism">Threads the round may use; null uses every core. Answers do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <exception cref="ArgumentException">The payload does not fit the task or the shard.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public double[] Run(PartitionTask task, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(task.Payload, nameof(task));
        if (maxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Give at least one thread, or null for every core.");
        var execution = EmExecution.Create(maxDegreeOfParallelism, cancellationToken);
        Partitions whole = Partitions.Single(_data.PointCount);
        double[] payload = task.Payload;
        switch (task.Kind)
        {
            case PartitionTaskKind.ColumnSums:
                return FeatureMoments.Sums(_data, whole);
            case PartitionTaskKind.SquaredDeviations:
                RequireLength(payload, _data.Dimension, "column means");
                return FeatureMoments.SquaredDeviations(_data, payload, whole);
            case PartitionTaskKind.SumOfSquares:
                return [FeatureMoments.SumOfSquares(_data, whole)];
            case PartitionTaskKind.GaussianEStep:
            {
                GaussianParameters parameters = GaussianPayload.Read(payload, _data.Dimension);
                var family = new GaussianFamily(_data, parameters.ComponentCount, parameters.Type, regCovar: 0,
                                                featureVariances: new double[_data.Dimension]);   // an E-step: no M-step floors
                family.SetParameters(parameters);
                var pass = new LocalEStep<GaussianFamily, GaussianParameters>(family, whole, execution, keepPointLogLikelihood: false);
                return RunWithStatistics(pass, family.StatisticsLength);
            }
            case PartitionTaskKind.CaviStep:
            {
                (int k, double[] means, double[] half) = CaviPayload.Read(payload, _data.Dimension);
                var answer = new double[BleiCaviPass.StatisticsLength(k, _data.Dimension)];
                new LocalCaviPass(_data, k, whole, execution).Run(means, half, answer);
                return answer;
            }
            case PartitionTaskKind.RegressionEStep or PartitionTaskKind.RegressionDesignSums or PartitionTaskKind.RegressionDesignGram:
                return RegressionPartition.Run(task, _data, execution);
            default:
                throw new ArgumentException($"Unknown partition task {(int)task.Kind}.", nameof(task));
        }
    }

    /// <summary>[statistics, Σᵢ ln p(xᵢ)] of one E-step.</summary>
    internal static double[] RunWithStatistics(IEStepPass pass, int statisticsLength)
    {
        var answer = new double[statisticsLength + 1];
        answer[^1] = pass.Run(answer.AsSpan(0, statisticsLength));
        return answer;
    }

    internal static void RequireLength(double[] payload, int length, string what)
    {
        if (payload.Length != length)
            throw new ArgumentException($"The task's payload holds {payload.Length} values; the {what} need {length}.", "task");
    }
}
