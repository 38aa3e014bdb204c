// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>Step 1 of CAVI as a payload: [K, means (K·d), ½·E[μₖᵀμₖ] (K)].</summary>
internal static class CaviPayload
{
    public static double[] Write(int k, double[] means, double[] halfExpectedSquare) => [k, .. means, .. halfExpectedSquare];

    public static (int K, double[] Means, double[] Half) Read(double[] payload, int dimension)
    {
        int k = payload.Length > 0 ? (int)payload[0] : 0;
        if (k < 1)
            throw new ArgumentException("The task's payload does not start with a component count K ≥ 1.", "task");
        PartitionShard.RequireLength(payload, 1 + k * dimension + k, "CAVI step's means and expected squares");
        return (k, payload.AsSpan(1, k * dimension).ToArray(), payload.AsSpan(1 + k * dimension, k).ToArray());
    }
}
