// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Variational;

namespace ModelCompiler.Orleans.Mixtures;

/// <summary>
/// Mixture fits over point files spread on an Orleans cluster, from a client: the coordinator (this process) runs
/// EM or CAVI and sends each round's parameters to the partition grains, which answer from the points they read for
/// themselves. The results equal the one-machine fits with the same partition lengths to the bit
/// (<see cref="ClusterPartitions"/>).
/// </summary>
public static class ClusterMixtures
{
    /// <summary>Fits <paramref name="mixture"/> (whose options give the start) to the points in <paramref name="paths"/>.</summary>
    public static async Task<GaussianMixture> FitAsync(this GaussianMixture mixture, IClusterClient client, IReadOnlyList<string> paths,
                                                       ClusterPartitionsOptions? options = null, IProgress<EmProgress>? progress = null,
                                                       CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ClusterPartitions partitions = await ClusterPartitions.ConnectAsync(client, paths, options, cancellationToken);
        return await Task.Run(() => mixture.Fit(partitions, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Blei's CAVI over the points in <paramref name="paths"/> (<see cref="BleiCavi.Fit(ModelCompiler.Mixtures.Distributed.IPartitionedData, int, BleiCaviOptions, IProgress{CaviProgress}?, CancellationToken)"/>).</summary>
    public static async Task<BleiCaviResult> FitBleiCaviAsync(IClusterClient client, IReadOnlyList<string> paths, int componentCount,
                                                              BleiCaviOptions caviOptions, ClusterPartitionsOptions? options = null,
                                                              IProgress<CaviProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ClusterPartitions partitions = await ClusterPartitions.ConnectAsync(client, paths, options, cancellationToken);
        return await Task.Run(() => BleiCavi.Fit(partitions, componentCount, caviOptions, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A mixture of linear regressions over the points in <paramref name="paths"/>, each file holding the variables then y
    /// (<see cref="RegressionMixture.Fit{TMixture, TModel}(ModelCompiler.Mixtures.Distributed.IPartitionedData, RegressionMixtureOptions?, IProgress{EmProgress}?, CancellationToken)"/>).
    /// </summary>
    public static async Task<RegressionMixtureResult> FitRegressionMixtureAsync<TMixture, TModel>(
        IClusterClient client, IReadOnlyList<string> paths, RegressionMixtureOptions mixtureOptions, ClusterPartitionsOptions? options = null,
        IProgress<EmProgress>? progress = null, CancellationToken cancellationToken = default)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        ClusterPartitions partitions = await ClusterPartitions.ConnectAsync(client, paths, options, cancellationToken);
        return await Task.Run(() => RegressionMixture.Fit<TMixture, TModel>(partitions, mixtureOptions, progress, cancellationToken), cancellationToken);
    }
}
