// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Orleans.Mixtures;

public static class ClusterGmm
{
    // parts: point files (PointFile.Write) that every silo can read, in data order; sample: a few thousand of the points.
    public static async Task<GaussianMixture> FitAsync(IClusterClient client, string[] parts, double[,] sample, CancellationToken cancel)
    {
        var start = new GaussianMixture(3).Fit(sample);   // the start, from a fit to the sample on this machine
        var mixture = new GaussianMixture(3, new GaussianMixtureOptions
        {
            WeightsInit = start.Weights, MeansInit = start.Means, PrecisionsInit = start.Precisions,
            Em = new EmOptions { Tolerance = 1e-6 },
        });
        var options = new ClusterPartitionsOptions { CallTimeout = TimeSpan.FromMinutes(5), MaxAttempts = 5 };
        return await mixture.FitAsync(client, parts, options, cancellationToken: cancel);
    }
}
