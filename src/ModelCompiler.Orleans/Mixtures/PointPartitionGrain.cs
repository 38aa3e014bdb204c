// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Distributed;
using Orleans.Placement;

namespace ModelCompiler.Orleans.Mixtures;

/// <summary>
/// Holds a partition's points in memory on the silo that activated it. Reading the file and each round's pass run on
/// the thread pool, not on the grain's scheduler. Placement by activation count spreads a fit's partitions over the
/// silos.
/// </summary>
[ActivationCountBasedPlacement]
internal sealed class PointPartitionGrain : Grain, IPointPartitionGrain
{
    private PartitionShard? _shard;
    private string? _inputError;

    public async Task<PartitionShape> DescribeAsync()
    {
        PartitionShard? shard = await Load();
        return new PartitionShape(shard?.PointCount ?? 0, shard?.ColumnCount ?? 0, RuntimeIdentity, _inputError);
    }

    public async Task<PartitionAnswerMessage> RunAsync(PartitionTaskMessage task)
    {
        ArgumentNullException.ThrowIfNull(task);
        PartitionShard? shard = await Load();
        if (shard is null)
            return new PartitionAnswerMessage(null, _inputError);
        var work = new PartitionTask(task.Kind, task.Payload, task.ModelType);
        try
        {
            return new PartitionAnswerMessage(await Task.Run(() => shard.Run(work, task.MaxDegreeOfParallelism)), null);
        }
        catch (ArgumentException e)
        {
            // A payload or model type this silo cannot use is no transient fault: report it rather than be retried.
            return new PartitionAnswerMessage(null, $"{this.GetPrimaryKeyString()}: {e.Message}");
        }
    }

    /// <summary>A path as given, or the local path of a <c>file://</c> URI; other schemes are refused by name.</summary>
    internal static string LocalPath(string key)
    {
        if (!Uri.TryCreate(key, UriKind.Absolute, out Uri? uri) || uri.IsFile)
            return uri?.LocalPath ?? key;
        throw new IOException($"{key}: partition files are read by path or file:// URI; the scheme '{uri.Scheme}' is not supported.");
    }

    /// <summary>The points, read once per activation; null (with the reason kept) when the file is missing or corrupt.</summary>
    private async Task<PartitionShard?> Load()
    {
        if (_shard is not null || _inputError is not null)
            return _shard;
        string key = this.GetPrimaryKeyString();
        try
        {
            _shard = await Task.Run(() => PointFile.Read(LocalPath(key)));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _inputError = e.Message;
        }
        return _shard;
    }
}
