// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>
/// A regression mixture's parameters as a payload: [K, P, weights (K), θ (K·P), scales (K)], then the design's basis
/// change T (P·P, row-major) when the fit uses one.
/// </summary>
internal static class RegressionPayload
{
    public static double[] Write(RegressionMixtureParameters p, double[]? transform) =>
        [p.Weights.Length, p.Parameters.Length / p.Weights.Length, .. p.Weights, .. p.Parameters, .. p.Scales, .. transform ?? []];

    public static (RegressionMixtureParameters Parameters, double[]? Transform) Read(double[] payload, int k, int p)
    {
        int length = 2 + k + k * p + k;
        if (payload.Length != length + p * p)
            PartitionShard.RequireLength(payload, length, $"regression mixture's parameters (K = {k}, P = {p})");
        if ((int)payload[0] != k || (int)payload[1] != p)
            throw new ArgumentException($"The task's parameters are for K = {payload[0]}, P = {payload[1]}; the mixture has K = {k}, P = {p}.", "task");
        var parameters = new RegressionMixtureParameters(payload.AsSpan(2, k).ToArray(), payload.AsSpan(2 + k, k * p).ToArray(),
                                                         payload.AsSpan(2 + k + k * p, k).ToArray());
        return (parameters, payload.Length > length ? payload[length..] : null);
    }
}
