// SPDX-License-Identifier: MIT
// A Gaussian mixture fitted over partitions of points held by the silos of an Orleans cluster on this machine.
//
//   dotnet run -c Release --project examples/ClusterEm                  three silos, the client and a fit, in one process
//   dotnet run -c Release --project examples/ClusterEm -- --silos 4 --points 4000000 --partitions 16
//
// or one process per silo and one for the client (start silo 0 first, it is the primary):
//
//   dotnet run -c Release --project examples/ClusterEm -- silo 0
//   dotnet run -c Release --project examples/ClusterEm -- silo 1
//   dotnet run -c Release --project examples/ClusterEm -- fit --silos 2
using System.Diagnostics;
using ClusterEm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Distributed;
using ModelCompiler.Orleans.Mixtures;

string mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "local";
int silos = Option("--silos", 3), points = Option("--points", 1_000_000), partitionCount = Option("--partitions", 8);

if (mode == "silo")
{
    int index = int.Parse(args[1]);
    using IHost silo = await LocalSilo.StartAsync(index);
    Console.WriteLine($"silo {index} listening on ports {LocalSilo.SiloPort + index} and {LocalSilo.GatewayPort + index}; Ctrl-C stops it");
    await silo.WaitForShutdownAsync();
    return;
}

var hosts = new List<IHost>();
if (mode == "local")
    for (int i = 0; i < silos; i++)
        hosts.Add(await LocalSilo.StartAsync(i));
using IHost clientHost = await LocalSilo.StartClientAsync(silos);
var client = clientHost.Services.GetRequiredService<IClusterClient>();

// The points: three 2-D Gaussians, written as one point file per partition, every partition but the last a whole
// number of EM chunks so that a fit on one machine can form its sums the same way.
string folder = Directory.CreateTempSubdirectory("cluster-em-").FullName;
int[] lengths = Lengths(points, partitionCount);
double[,] all = Generate(points, seed: 2026);
string[] paths = Write(all, lengths, folder);
Console.WriteLine($"{points:N0} points in {lengths.Length} partition files under {folder}, {silos} silo(s)");

// A start from a quick fit to a sample, then EM over the partitions.
var sample = new GaussianMixture(3).Fit(Sample(all, 5_000));
var options = new GaussianMixtureOptions
{
    WeightsInit = sample.Weights, MeansInit = sample.Means, PrecisionsInit = sample.Precisions,
    Em = new EmOptions { Tolerance = 1e-6, PartitionLengths = lengths },
};
var clock = Stopwatch.StartNew();
var distributed = await new GaussianMixture(3, options).FitAsync(client, paths);
double clusterSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
var local = new GaussianMixture(3, options).Fit(all);
double localSeconds = clock.Elapsed.TotalSeconds;

Console.WriteLine($"cluster: {distributed.Iterations} iterations in {clusterSeconds:F2} s, lower bound {distributed.LowerBound:R}");
Console.WriteLine($"local:   {local.Iterations} iterations in {localSeconds:F2} s, lower bound {local.LowerBound:R}");
bool same = distributed.Weights.SequenceEqual(local.Weights) && distributed.Covariances.SequenceEqual(local.Covariances)
            && distributed.Means.Cast<double>().SequenceEqual(local.Means.Cast<double>());
Console.WriteLine(same ? "the cluster's fit equals the local fit to the last bit" : "THE FITS DIFFER");
for (int k = 0; k < 3; k++)
    Console.WriteLine($"  component {k}: weight {distributed.Weights[k]:F4}, mean ({distributed.Means[k, 0]:F4}, {distributed.Means[k, 1]:F4})");

// Secondaries first: the primary keeps the membership until the last silo has left.
foreach (IHost host in Enumerable.Reverse(hosts))
{
    await host.StopAsync();
    host.Dispose();
}
Directory.Delete(folder, recursive: true);
return;

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}

static int[] Lengths(int n, int partitions)
{
    int chunks = (n + EmEngine.ChunkLength - 1) / EmEngine.ChunkLength;
    int perPartition = (chunks + partitions - 1) / partitions * EmEngine.ChunkLength;
    var lengths = new List<int>();
    for (int start = 0; start < n; start += perPartition)
        lengths.Add(Math.Min(perPartition, n - start));
    return lengths.ToArray();
}

static double[,] Generate(int n, int seed)
{
    var random = new Random(seed);
    var x = new double[n, 2];
    for (int i = 0; i < n; i++)
    {
        double u = random.NextDouble();
        double z0 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double z1 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        (double mx, double my, double s) = u < 0.5 ? (0.0, 0.0, 1.0) : u < 0.8 ? (5.0, 3.0, 0.7) : (-3.0, 4.0, 1.3);
        x[i, 0] = mx + s * z0;
        x[i, 1] = my + s * (0.5 * z0 + z1);
    }
    return x;
}

static string[] Write(double[,] all, int[] lengths, string folder)
{
    var paths = new string[lengths.Length];
    for (int p = 0, start = 0; p < lengths.Length; start += lengths[p], p++)
    {
        var part = new double[lengths[p], 2];
        Buffer.BlockCopy(all, start * 2 * sizeof(double), part, 0, lengths[p] * 2 * sizeof(double));
        PointFile.Write(paths[p] = Path.Combine(folder, $"part-{p:D3}.points"), part);
    }
    return paths;
}

static double[,] Sample(double[,] all, int count)
{
    var sample = new double[count, 2];
    Buffer.BlockCopy(all, 0, sample, 0, count * 2 * sizeof(double));
    return sample;
}
