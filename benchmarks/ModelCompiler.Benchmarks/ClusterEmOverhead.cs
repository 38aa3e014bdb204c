// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Distributed;
using ModelCompiler.Orleans;
using ModelCompiler.Orleans.Mixtures;
using Orleans.TestingHost;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- cluster-em [points] [partitions] [iterations]`: what distributing EM costs. The Gaussian-mixture benchmark
/// problem (<see cref="GaussianMixtureData"/>: K = 5, d = 2, full covariances, its explicit start) over the same points, split into the same partitions (point files, untimed): first by the
/// in-process engine with those partition lengths, then from a client over in-process Orleans clusters of 1, 2 and 4
/// silos (the grains talk through Orleans' messaging and serializer as between machines, on this machine's cores).
/// Reported per iteration: wall time, the time the coordinator waits for the partitions' answers, and the rest — its
/// reduction of the answers in partition order plus the M-step — as the coordinator's share; and the bytes one
/// iteration sends and receives; times are means over the iterations after the first. Every distributed fit is checked
/// against the in-process one to the bit.
/// </summary>
public static class ClusterEmOverhead
{
    private const int K = GaussianMixtureData.Components, D = 2;

    public static async Task<int> Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        int n = args.Length > 0 ? int.Parse(args[0], ci) : 2_000_000;
        int partitionCount = args.Length > 1 ? int.Parse(args[1], ci) : 8;
        int iterations = args.Length > 2 ? int.Parse(args[2], ci) : 20;
        double[,] points = GaussianMixtureData.Generate(n);
        int[] lengths = Lengths(n, partitionCount);
        string folder = Directory.CreateTempSubdirectory("modelcompiler-cluster-em-").FullName;
        try
        {
            string[] paths = Write(points, lengths, folder);
            var options = Options(lengths, iterations);
            Console.WriteLine(string.Format(ci, "cluster-em points {0} d {1} K {2} partitions {3} iterations {4} cores {5} load {6:F1}",
                                            n, D, K, lengths.Length, iterations, Environment.ProcessorCount, LoadAverage()));

            new GaussianMixture(K, options).Fit(points);   // JIT tiers
            var localClock = new IterationClock();
            var local = new GaussianMixture(K, options).Fit(points, localClock);
            double localMs = localClock.Mean;
            Console.WriteLine(string.Format(ci, "in-process engine: {0:F2} ms per iteration", localMs));

            int payload = GaussianParametersLength();
            int answer = K * (1 + D + D * (D + 1) / 2) + 1;
            Console.WriteLine(string.Format(ci,
                "bytes per iteration and partition: {0} out (the parameters), {1} back (K·(1 + d + d(d+1)/2) + 1 doubles); all {2} partitions: {3} out, {4} back",
                8 * payload, 8 * answer, lengths.Length, 8 * payload * lengths.Length, 8 * answer * lengths.Length));

            foreach (int silos in new[] { 1, 2, 4 })
            {
                var builder = new InProcessTestClusterBuilder((short)silos);
                builder.Options.ConfigureFileLogging = false;
                builder.ConfigureSilo((_, silo) => silo.AddModelCompiler());
                builder.ConfigureClient(client => client.AddModelCompiler());
                await using var cluster = builder.Build();
                await cluster.DeployAsync();
                // The partitions give the parallelism: on one machine, a pass per partition on every core would oversubscribe them.
                var partitions = new TimedPartitions(await ClusterPartitions.ConnectAsync(cluster.Client, paths,
                    new ClusterPartitionsOptions { MaxDegreeOfParallelism = 1 }));
                new GaussianMixture(K, options).Fit(partitions);   // activations, JIT tiers on the silos
                partitions.Reset();
                var clock = new IterationClock();
                var distributed = new GaussianMixture(K, options).Fit(partitions, clock);
                double perRound = clock.Mean, waiting = partitions.MeanEStep;
                bool same = distributed.FitSummary.LogLikelihoodTrace.SequenceEqual(local.FitSummary.LogLikelihoodTrace)
                            && distributed.Covariances.SequenceEqual(local.Covariances);
                Console.WriteLine(string.Format(ci,
                    "{0} silo(s): {1:F2} ms per iteration ({2:F2}× in-process), waiting for the partitions' E-step {3:F2} ms, coordinator (reduction + M-step + progress) {4:F3} ms = {5:P1}; {6}",
                    silos, perRound, perRound / localMs, waiting, perRound - waiting, (perRound - waiting) / perRound,
                    same ? "equal to the in-process fit to the bit" : "DIFFERENT FROM THE IN-PROCESS FIT"));
                if (!same)
                    return 1;
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static GaussianMixtureOptions Options(int[] lengths, int iterations) =>
        new()
        {
            WeightsInit = GaussianMixtureData.WeightsInit, MeansInit = GaussianMixtureData.MeansInit,
            PrecisionsInit = GaussianMixtureData.PrecisionsInit,
            Em = new EmOptions { Tolerance = 0, MaxIterations = iterations, PartitionLengths = lengths },
        };

    private static int GaussianParametersLength() => 3 + K + K * D + 2 * K * D * D;

    private static int[] Lengths(int n, int partitions)
    {
        int chunks = (n + EmEngine.ChunkLength - 1) / EmEngine.ChunkLength;
        int per = (chunks + partitions - 1) / partitions * EmEngine.ChunkLength;
        var lengths = new List<int>();
        for (int start = 0; start < n; start += per)
            lengths.Add(Math.Min(per, n - start));
        return lengths.ToArray();
    }

    private static string[] Write(double[,] points, int[] lengths, string folder)
    {
        var paths = new string[lengths.Length];
        for (int p = 0, start = 0; p < lengths.Length; start += lengths[p], p++)
        {
            var part = new double[lengths[p], D];
            Buffer.BlockCopy(points, start * D * sizeof(double), part, 0, lengths[p] * D * sizeof(double));
            PointFile.Write(paths[p] = Path.Combine(folder, $"part-{p:D3}.points"), part);
        }
        return paths;
    }

    private static double LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture); }
        catch (IOException) { return double.NaN; }
    }

    /// <summary>Milliseconds between successive iterations' progress reports.</summary>
    private sealed class IterationClock : IProgress<EmProgress>
    {
        private readonly List<double> _deltas = [];
        private long _last = Stopwatch.GetTimestamp();

        public double Mean => _deltas.Average();

        public void Report(EmProgress value)
        {
            long now = Stopwatch.GetTimestamp();
            if (value.Iteration > 1)
                _deltas.Add(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds);
            _last = now;
        }
    }

    /// <summary>The cluster's partitions, with the time spent waiting for each E-step's answers.</summary>
    private sealed class TimedPartitions(ClusterPartitions inner) : IPartitionedData
    {
        private readonly List<double> _eSteps = [];
        // The first E-step's wait belongs to no timed iteration (those start at the second report).
        public double MeanEStep => _eSteps.Skip(1).Average();
        public IReadOnlyList<int> PartitionLengths => inner.PartitionLengths;
        public int ColumnCount => inner.ColumnCount;

        public void Reset() => _eSteps.Clear();

        public IReadOnlyList<double[]> Run(PartitionTask task, CancellationToken cancellationToken)
        {
            long start = Stopwatch.GetTimestamp();
            var answers = inner.Run(task, cancellationToken);
            if (task.Kind == PartitionTaskKind.GaussianEStep)
                _eSteps.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return answers;
        }
    }

}
