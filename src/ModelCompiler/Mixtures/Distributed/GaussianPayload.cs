// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>A Gaussian mixture's parameters as a payload: [type, K, d, weights (K), means (K·d), covariances, precision factors].</summary>
internal static class GaussianPayload
{
    public static double[] Write(GaussianParameters p)
    {
        var payload = new List<double>(3 + p.Weights.Length + p.Means.Length + 2 * p.Covariances.Length)
        {
            (int)p.Type, p.ComponentCount, p.Dimension,
        };
        payload.AddRange(p.Weights);
        payload.AddRange(p.Means);
        payload.AddRange(p.Covariances);
        payload.AddRange(p.PrecisionsCholesky);
        return payload.ToArray();
    }

    public static GaussianParameters Read(double[] payload, int dimension)
    {
        if (payload.Length < 3)
            throw new ArgumentException("The task's payload is too short for a Gaussian mixture's parameters.", "task");
        var type = (CovarianceType)(int)payload[0];
        int k = (int)payload[1], d = (int)payload[2];
        if (!Enum.IsDefined(type) || k < 1 || d != dimension)
            throw new ArgumentException(
                $"The task's parameters are for {k} components of type {type} in {d} dimensions; the shard has {dimension} columns.", "task");
        int covariance = GaussianParameters.CovarianceLength(type, k, d);
        PartitionShard.RequireLength(payload, 3 + k + k * d + 2 * covariance, "Gaussian mixture's parameters");
        int at = 3;
        double[] Next(int length)
        {
            double[] values = payload.AsSpan(at, length).ToArray();
            at += length;
            return values;
        }
        return new GaussianParameters(type, k, d, Next(k), Next(k * d), Next(covariance), Next(covariance));
    }
}
