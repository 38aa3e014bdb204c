// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>Centers (row-major k×d), the label of every point, the inertia Σᵢ ‖xᵢ − c_{label i}‖² and Lloyd iterations.</summary>
internal sealed record KMeansResult(double[] Centers, int[] Labels, double Inertia, int Iterations);

/// <summary>
/// k-means as scikit-learn's <c>KMeans(n_init=1)</c>: greedy k-means++ seeding (2 + ⌊ln k⌋ candidates
/// per center, the one that lowers the potential most is kept), then Lloyd iterations until the total
/// squared center shift is at most tol·(mean feature variance). Passes run on fixed chunks in parallel
/// and reduce in chunk order, so labels and centers do not depend on the thread count.
/// </summary>
internal static class KMeans
{
    /// <summary>k-means++ followed by Lloyd's algorithm.</summary>
    public static KMeansResult Fit(ColumnData data, int k, Random random, EmExecution execution,
                                   int maxIterations = 300, double tolerance = 1e-4)
    {
        int n = data.PointCount, d = data.Dimension;
        int[] seeds = PlusPlus(data, k, random, execution);
        var centers = new double[k * d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++)
                centers[c * d + j] = data.Columns[j * n + seeds[c]];

        double threshold = tolerance * data.MeanFeatureVariance();
        var labels = new int[n];
        var distances = new double[n];
        int chunks = ChunkedParallel.ChunkCount(n);
        int slot = k * (d + 1) + 1;
        var partials = new double[chunks * slot];
        var totals = new double[slot];
        int iterations = 0;
        double inertia = 0;
        for (int it = 1; it <= maxIterations; it++)
        {
            iterations = it;
            ChunkedParallel.Run(chunks, execution, new AssignAction(data, centers, k, labels, distances, partials, slot));
            ChunkedParallel.SumInChunkOrder(partials, slot, totals);
            inertia = totals[slot - 1];
            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                double count = totals[c * (d + 1) + d];
                for (int j = 0; j < d; j++)
                {
                    double updated = count > 0 ? totals[c * (d + 1) + j] / count : centers[c * d + j];
                    shift += (updated - centers[c * d + j]) * (updated - centers[c * d + j]);
                    centers[c * d + j] = updated;
                }
            }
            shift += RelocateEmptyClusters(data, centers, k, totals, distances);
            if (shift <= threshold)
                break;
        }
        // Final labels for the final centers (as scikit-learn does after its last iteration).
        ChunkedParallel.Run(chunks, execution, new AssignAction(data, centers, k, labels, distances, partials, slot));
        ChunkedParallel.SumInChunkOrder(partials, slot, totals);
        inertia = totals[slot - 1];
        return new KMeansResult(centers, labels, inertia, iterations);
    }

    /// <summary>Indices of k distinct-by-construction seed points chosen by greedy k-means++.</summary>
    public static int[] PlusPlus(ColumnData data, int k, Random random, EmExecution execution)
    {
        int n = data.PointCount;
        int trials = 2 + (int)Math.Log(k);
        int chunks = ChunkedParallel.ChunkCount(n);
        var seeds = new int[k];
        var closest = new double[n];
        var candidateDistance = new double[trials * n];
        var potentials = new double[chunks * trials];
        var totals = new double[trials];
        var candidates = new int[trials];

        seeds[0] = random.Next(n);
        Array.Fill(closest, double.PositiveInfinity);
        candidates[0] = seeds[0];
        ChunkedParallel.Run(chunks, execution, new DistanceAction(data, candidates, 1, closest, candidateDistance, potentials, trials));
        ChunkedParallel.SumInChunkOrder(potentials, trials, totals);
        candidateDistance.AsSpan(0, n).CopyTo(closest);
        double potential = totals[0];

        var cumulative = new double[n];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++)
                cumulative[i] = running += closest[i];
            for (int t = 0; t < trials; t++)
            {
                // All points coincide with the chosen seeds when the potential is 0: any point will do.
                double target = random.NextDouble() * potential;
                int index = cumulative.AsSpan().BinarySearch(target);
                index = index < 0 ? ~index : index;
                candidates[t] = Math.Min(index, n - 1);
            }
            ChunkedParallel.Run(chunks, execution, new DistanceAction(data, candidates, trials, closest, candidateDistance, potentials, trials));
            ChunkedParallel.SumInChunkOrder(potentials, trials, totals);
            int best = 0;
            for (int t = 1; t < trials; t++)
                if (totals[t] < totals[best])
                    best = t;
            seeds[c] = candidates[best];
            potential = totals[best];
            candidateDistance.AsSpan(best * n, n).CopyTo(closest);
        }
        return seeds;
    }

    /// <summary>
    /// An empty cluster takes the point farthest from its own center (as scikit-learn relocates),
    /// each such point used once. Returns the squared shift this adds.
    /// </summary>
    private static double RelocateEmptyClusters(ColumnData data, double[] centers, int k, double[] totals, double[] distances)
    {
        int n = data.PointCount, d = data.Dimension;
        double shift = 0;
        for (int c = 0; c < k; c++)
        {
            if (totals[c * (d + 1) + d] > 0)
                continue;
            int far = 0;
            for (int i = 1; i < n; i++)
                if (distances[i] > distances[far])
                    far = i;
            for (int j = 0; j < d; j++)
            {
                double v = data.Columns[j * n + far];
                shift += (v - centers[c * d + j]) * (v - centers[c * d + j]);
                centers[c * d + j] = v;
            }
            distances[far] = 0;
        }
        return shift;
    }

    /// <summary>Nearest center of every point of a chunk, with per-chunk sums, counts and inertia.</summary>
    private readonly struct AssignAction(ColumnData data, double[] centers, int k, int[] labels, double[] distances,
                                         double[] partials, int slot) : IChunkAction
    {
        public void Invoke(int chunk, int worker)
        {
            int n = data.PointCount, d = data.Dimension;
            (int start, int length) = ChunkedParallel.Range(chunk, n);
            Span<double> sums = partials.AsSpan(chunk * slot, slot);
            sums.Clear();
            double[] x = data.Columns;
            for (int i = start; i < start + length; i++)
            {
                int bestLabel = 0;
                double bestDistance = double.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double t = x[j * n + i] - centers[c * d + j];
                        s += t * t;
                    }
                    if (s < bestDistance)
                    {
                        bestDistance = s;
                        bestLabel = c;
                    }
                }
                labels[i] = bestLabel;
                distances[i] = bestDistance;
                for (int j = 0; j < d; j++)
                    sums[bestLabel * (d + 1) + j] += x[j * n + i];
                sums[bestLabel * (d + 1) + d] += 1;
                sums[slot - 1] += bestDistance;
            }
        }
    }

    /// <summary>
    /// For each candidate t: min(closest distance, distance to the candidate) of every point and the
    /// chunk's sum of those minima (the k-means++ potential if that candidate were chosen).
    /// </summary>
    private readonly struct DistanceAction(ColumnData data, int[] candidates, int count, double[] closest,
                                           double[] candidateDistance, double[] potentials, int slot) : IChunkAction
    {
        public void Invoke(int chunk, int worker)
        {
            int n = data.PointCount, d = data.Dimension;
            (int start, int length) = ChunkedParallel.Range(chunk, n);
            Span<double> pot = potentials.AsSpan(chunk * slot, slot);
            pot.Clear();
            double[] x = data.Columns;
            for (int t = 0; t < count; t++)
            {
                int cand = candidates[t];
                double sum = 0;
                for (int i = start; i < start + length; i++)
                {
                    double s = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double u = x[j * n + i] - x[j * n + cand];
                        s += u * u;
                    }
                    double m = Math.Min(s, closest[i]);
                    candidateDistance[t * n + i] = m;
                    sum += m;
                }
                pot[t] = sum;
            }
        }
    }
}
