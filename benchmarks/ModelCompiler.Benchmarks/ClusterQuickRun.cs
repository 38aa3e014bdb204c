// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.LeastSquares;
using ModelCompiler.Orleans;
using Orleans.TestingHost;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- cluster [curves] [silos] [partition]`: the decays of `-- batch decays` (64 points) from one shared start,
/// written to a binary curve file (untimed), fitted by a local streamed CurveFit.FitMany and then by
/// ClusterCurveFit.FitManyAsync on an in-process cluster of `silos` silos (each fitting one partition at a time on
/// cores/silos cores), with the merged results checked against the local ones bit for bit. On one machine the cluster
/// cannot be faster than the local fit by more than noise; the ratio is what the distribution costs (partition files,
/// polling, grains). Each side's time is the faster of two runs.
/// </summary>
public static class ClusterQuickRun
{
    public static async Task<int> Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        long curves = args.Length > 0 ? long.Parse(args[0], ci) : 300_000;
        int silos = args.Length > 1 ? int.Parse(args[1], ci) : 3;
        int partition = args.Length > 2 ? int.Parse(args[2], ci) : 25_000;
        var data = BatchData.Decays();
        double[] start = [1000, 10, 10];
        string folder = Directory.CreateTempSubdirectory("modelcompiler-cluster-").FullName;
        try
        {
            string input = Path.Combine(folder, "decays.f64");
            using (var file = File.Create(input))
                for (long first = 0; first < curves; first += 100_000)
                    BinaryCurveReader.Write(file, data.Generate(first, (int)Math.Min(100_000, curves - first)).Y);
            Console.WriteLine(string.Format(ci, "cluster decays curves {0} points {1} silos {2} partition {3} cores {4}",
                                            curves, data.PointCount, silos, partition, Environment.ProcessorCount));

            // Warm up the JIT, then the local streamed fit of the same file.
            using (var warm = new BinaryCurveReader(input, data.PointCount))
                CurveFit.FitMany<BenchmarkModels.DecayModel>(data.X, new FirstCurves(warm, 2000), new BinaryBatchFitWriter(Stream.Null), start);
            // Each side runs twice and keeps its faster time, so that neither pays for the JIT's tiering alone.
            double localMs = double.PositiveInfinity;
            BatchFitProgress local = default;
            for (int run = 0; run < 2; run++)
            {
                var watch = Stopwatch.StartNew();
                using (var reader = new BinaryCurveReader(input, data.PointCount))
                    local = CurveFit.FitMany<BenchmarkModels.DecayModel>(data.X, reader, new BinaryBatchFitWriter(Stream.Null), start);
                localMs = Math.Min(localMs, watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine(string.Format(ci, "local streamed FitMany {0:F0} ms {1:F0} fits/s converged {2}", localMs, curves / (localMs / 1000), local.Converged));

            var builder = new InProcessTestClusterBuilder((short)silos);
            builder.Options.ConfigureFileLogging = false;
            int cores = Math.Max(1, Environment.ProcessorCount / silos);
            builder.ConfigureSilo((_, silo) => silo.AddModelCompiler(new CurveFitSiloOptions { MaxDegreeOfParallelism = cores }));
            builder.ConfigureClient(client => client.AddModelCompiler());
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            var job = new CurveFitJob { InputPath = input, OutputDirectory = Path.Combine(folder, "out"), X = data.X, Initial = start };
            var options = new ClusterFitOptions { CurvesPerPartition = partition, PollInterval = TimeSpan.FromMilliseconds(50) };
            await ClusterCurveFit.FitManyAsync<BenchmarkModels.DecayModel>(cluster.Client, job with { CurveCount = 2000 }, options);
            var summary = await ClusterCurveFit.FitManyAsync<BenchmarkModels.DecayModel>(cluster.Client, job, options);
            var again = await ClusterCurveFit.FitManyAsync<BenchmarkModels.DecayModel>(cluster.Client, job, options);
            double clusterMs = Math.Min(summary.Elapsed.TotalMilliseconds, again.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Format(ci, "cluster FitManyAsync {0:F0} ms {1:F0} fits/s converged {2} partitions {3} on {4} silos; cluster/local {5:F2}",
                                            clusterMs, curves / (clusterMs / 1000), summary.Converged, summary.Partitions.Count,
                                            summary.Partitions.Select(p => p.Silo).Distinct().Count(), clusterMs / localMs));

            if (curves <= int.MaxValue)
            {
                BatchFitResult expected;
                using (var reader = new BinaryCurveReader(input, data.PointCount))
                {
                    var y = new double[curves, data.PointCount];
                    reader.Read(y);
                    expected = CurveFit.FitMany<BenchmarkModels.DecayModel>(data.X, y, start);
                }
                var merged = ClusterCurveFit.ReadResults(summary);
                bool same = expected.Parameters.AsSpan().SequenceEqual(merged.Parameters) && expected.Terminations.AsSpan().SequenceEqual(merged.Terminations)
                            && expected.ResidualSumOfSquares.AsSpan().SequenceEqual(merged.ResidualSumOfSquares);
                Console.WriteLine($"merged results equal the local fit bit for bit: {same}");
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

    /// <summary>The first curves of a reader, for the warm-up.</summary>
    private sealed class FirstCurves(ICurveReader reader, int count) : ICurveReader
    {
        private int _left = count;

        public int PointCount => reader.PointCount;

        public int Read(double[,] y)
        {
            if (_left == 0)
                return 0;
            var rows = new double[Math.Min(_left, y.GetLength(0)), PointCount];
            int read = reader.Read(rows);
            Array.Copy(rows, y, read * PointCount);
            _left -= read;
            return read;
        }
    }
}
