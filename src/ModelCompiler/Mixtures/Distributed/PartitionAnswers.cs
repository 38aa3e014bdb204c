// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>The coordinator's side of a round: send a task to every partition and add the answers in partition order.</summary>
internal static class PartitionAnswers
{
    /// <summary>
    /// total[j] = Σ_p answer_p[j] from 0, in partition order: with each answer the sum of its partition's chunks, this
    /// is <see cref="Partitions.Sum(ReadOnlySpan{double}, int, Span{double})"/> on one machine.
    /// </summary>
    public static double[] Sum(IPartitionedData data, PartitionTask task, int length, CancellationToken cancellationToken)
    {
        IReadOnlyList<double[]> answers = data.Run(task, cancellationToken);
        if (answers.Count != data.PartitionLengths.Count)
            throw new InvalidOperationException(
                $"{task.Kind}: {answers.Count} answers came back from {data.PartitionLengths.Count} partitions.");
        var total = new double[length];
        for (int p = 0; p < answers.Count; p++)
        {
            double[] answer = answers[p] ?? throw new InvalidOperationException($"{task.Kind}: partition {p} answered nothing.");
            if (answer.Length != length)
                throw new InvalidOperationException($"{task.Kind}: partition {p} answered {answer.Length} values; {length} were expected.");
            for (int j = 0; j < length; j++)
                total[j] += answer[j];
        }
        return total;
    }

    /// <summary>
    /// Total points, checked: every partition holds at least one, every one but the last a multiple of the chunk length
    /// (else no fit on one machine sums as these partitions do, and the promised equality has nothing to hold to), the
    /// sum fits the solvers' index range, and the options' <paramref name="declared"/> lengths, if any, are the data's.
    /// </summary>
    public static int PointCount(IPartitionedData data, string parameterName, IReadOnlyList<int>? declared = null)
    {
        ArgumentNullException.ThrowIfNull(data, parameterName);
        IReadOnlyList<int> lengths = data.PartitionLengths;
        if (lengths is null || lengths.Count == 0)
            throw new ArgumentException("The partitioned data have no partitions.", parameterName);
        long n = 0;
        for (int p = 0; p < lengths.Count; p++)
        {
            if (lengths[p] < 1)
                throw new ArgumentException($"Partition {p} holds {lengths[p]} points; every partition needs at least one.", parameterName);
            if (p < lengths.Count - 1 && lengths[p] % ChunkedParallel.ChunkLength != 0)
                throw new ArgumentException(
                    $"Partition {p} holds {lengths[p]} points: every partition but the last must hold a multiple of " +
                    $"{ChunkedParallel.ChunkLength} points (the chunk length), so that a fit over them sums as a fit on one machine " +
                    "with the same PartitionLengths does; split the points so.", parameterName);
            n += lengths[p];
        }
        if (declared is not null && !declared.SequenceEqual(lengths))
            throw new ArgumentException(
                $"The options' PartitionLengths ({string.Join(", ", declared)}) are not the data's partitions ({string.Join(", ", lengths)}); " +
                "a fit over partitions takes the data's: leave PartitionLengths null.", parameterName);
        if (n > int.MaxValue)
            throw new ArgumentException($"The partitions hold {n} points; a fit takes at most {int.MaxValue}.", parameterName);
        if (data.ColumnCount < 1)
            throw new ArgumentException($"The partitioned data have {data.ColumnCount} columns; they need at least one.", parameterName);
        return (int)n;
    }

    /// <summary>Each column's variance over all partitions, in two rounds (column sums, then squared deviations about the means).</summary>
    public static double[] ColumnVariances(IPartitionedData data, int n, CancellationToken cancellationToken)
    {
        int d = data.ColumnCount;
        double[] means = Sum(data, new PartitionTask(PartitionTaskKind.ColumnSums, []), d, cancellationToken);
        for (int j = 0; j < d; j++)
            means[j] /= n;
        double[] squares = Sum(data, new PartitionTask(PartitionTaskKind.SquaredDeviations, means), d, cancellationToken);
        for (int j = 0; j < d; j++)
            squares[j] /= n;
        return squares;
    }
}
