// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>A regression mixture's parameters as a payload: [K, P, weights (K), θ (K·P), scales (K)].</summary>
internal static class RegressionPayload
{
    public static double[] Write(RegressionMixtureParameters p) =>
        [p.Weights.Length, p.Parameters.Length / p.Weights.Length, .. p.Weights, .. p.Parameters, .. p.Scales];

    public static RegressionMixtureParameters Read(double[] payload, int k, int p)
    {
        PartitionShard.RequireLength(payload, 2 + k + k * p + k, $"regression mixture's parameters (K = {k}, P = {p})");
        if ((int)payload[0] != k || (int)payload[1] != p)
            throw new ArgumentException($"The task's parameters are for K = {payload[0]}, P = {payload[1]}; the mixture has K = {k}, P = {p}.", "task");
        return new RegressionMixtureParameters(payload.AsSpan(2, k).ToArray(), payload.AsSpan(2 + k, k * p).ToArray(),
                                               payload.AsSpan(2 + k + k * p, k).ToArray());
    }
}
