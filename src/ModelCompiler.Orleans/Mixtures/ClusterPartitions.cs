// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Orleans.Mixtures;

/// <summary>
/// Partitions held by <see cref="IPointPartitionGrain"/>s of an Orleans cluster, one per point file: the
/// <see cref="IPartitionedData"/> that <c>GaussianMixture.Fit</c>, <c>BleiCavi.Fit</c> and <c>RegressionMixture.Fit</c>
/// take. Each round goes to every partition at once; a call lost with its silo is sent again (see
/// <see cref="ClusterPartitionsOptions"/>), and the answers are returned in partition order, so the fit equals the
/// one-machine fit of the same points with the same partition lengths, however many silos there are and whichever fail.
/// </summary>
public sealed class ClusterPartitions : IPartitionedData
{
    private readonly IPointPartitionGrain[] _grains;
    private readonly string[] _paths;
    private readonly ClusterPartitionsOptions _options;
    private int _retries;

    private ClusterPartitions(IPointPartitionGrain[] grains, string[] paths, int[] lengths, int columns, ClusterPartitionsOptions options)
    {
        _grains = grains;
        _paths = paths;
        PartitionLengths = lengths;
        ColumnCount = columns;
        _options = options;
    }

    /// <summary>
    /// Connects to the partitions in the point files <paramref name="paths"/> (in data order, readable by every silo):
    /// each is activated on some silo, reads its file and reports its shape.
    /// </summary>
    /// <exception cref="ArgumentException">No paths, or an option is invalid.</exception>
    /// <exception cref="MixturePartitionException">A file is missing or corrupt, or the files' column counts differ.</exception>
    public static async Task<ClusterPartitions> ConnectAsync(IGrainFactory grains, IReadOnlyList<string> paths,
                                                             ClusterPartitionsOptions? options = null,
                                                             CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(paths);
        options ??= ClusterPartitionsOptions.Default;
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        if (paths.Count == 0 || paths.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Give one point file per partition, none empty.", nameof(paths));
        string[] files = paths.ToArray();
        IPointPartitionGrain[] refs = files.Select(p => grains.GetGrain<IPointPartitionGrain>(p)).ToArray();
        var partitions = new ClusterPartitions(refs, files, [], 0, options);
        PartitionShape[] shapes = await Task.WhenAll(files.Select((_, p) =>
            partitions.Call(p, grain => grain.DescribeAsync(), shape => shape.InputError, cancellationToken)));
        for (int p = 0; p < shapes.Length; p++)
            if (shapes[p].Columns != shapes[0].Columns)
                throw new MixturePartitionException(p, files[p], 1, isInputError: true,
                    $"Partition {p} ({files[p]}) has {shapes[p].Columns} columns; partition 0 ({files[0]}) has {shapes[0].Columns}.");
        return new ClusterPartitions(refs, files, shapes.Select(s => s.Points).ToArray(), shapes[0].Columns, options);
    }

    /// <inheritdoc/>
    public IReadOnlyList<int> PartitionLengths { get; }

    /// <inheritdoc/>
    public int ColumnCount { get; }

    /// <summary>Calls sent again after a loss since this object was connected.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>The silo each partition is on now (asks every partition).</summary>
    public async Task<IReadOnlyList<string>> SilosAsync() =>
        (await Task.WhenAll(_grains.Select(g => g.DescribeAsync()))).Select(s => s.Silo).ToArray();

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Run(PartitionTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var message = new PartitionTaskMessage(task.Kind, task.Payload, task.ModelType, _options.MaxDegreeOfParallelism);
        // The solvers are synchronous; the calls run on the thread pool, so this blocks no grain scheduler.
        PartitionAnswerMessage[] answers = Task.Run(() => Task.WhenAll(_grains.Select((_, p) =>
            Call(p, grain => grain.RunAsync(message), answer => answer.InputError, cancellationToken)))).GetAwaiter().GetResult();
        return answers.Select(a => a.Values!).ToArray();
    }

    /// <summary>
    /// One partition's call with the options' timeout and retries; <paramref name="inputError"/> picks the answer's
    /// report of a file no retry can mend.
    /// </summary>
    private async Task<T> Call<T>(int partition, Func<IPointPartitionGrain, Task<T>> call, Func<T, string?> inputError,
                                  CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            T answer;
            try
            {
                answer = await call(_grains[partition]).WaitAsync(_options.CallTimeout, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                    throw new MixturePartitionException(partition, _paths[partition], attempt, isInputError: false,
                        $"Partition {partition} ({_paths[partition]}) failed {attempt} times; the last: {e.Message}", e);
                Interlocked.Increment(ref _retries);
                await Task.Delay(_options.RetryDelay, cancellationToken);
                continue;
            }
            if (inputError(answer) is { } error)
                throw new MixturePartitionException(partition, _paths[partition], attempt, isInputError: true,
                    $"Partition {partition} ({_paths[partition]}) cannot be read: {error}");
            return answer;
        }
    }
}
