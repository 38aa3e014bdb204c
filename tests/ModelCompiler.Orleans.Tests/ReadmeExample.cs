// SPDX-License-Identifier: MIT
using ModelCompiler;
using ModelCompiler.LeastSquares;
using ModelCompiler.Orleans;

// Every silo: siloBuilder.AddModelCompiler(); the client: clientBuilder.AddModelCompiler().
public static class DecayJob
{
    // curves: a raw float64 file of 8-point curves (BinaryCurveReader.Write) that every silo can read.
    public static async Task<BatchFitResult> FitAsync(IClusterClient client, string curves, string results, CancellationToken cancel)
    {
        var job = new CurveFitJob { InputPath = curves, OutputDirectory = results, X = [0, 1, 2, 3, 4, 5, 6, 7], Initial = [100, 2, 5] };
        var options = new ClusterFitOptions { CurvesPerPartition = 50_000, MaxAttempts = 3, PartitionTimeout = TimeSpan.FromMinutes(10) };
        var progress = new Progress<ClusterFitProgress>(p => Console.WriteLine($"{p.CurvesFinished} of {p.CurveCount} curves"));
        var summary = await ClusterCurveFit.FitManyAsync<Lifetimes.DecayModel>(client, job, options, progress, cancel);
        Console.WriteLine(summary);   // curves, converged, partitions, silos, time, and the partitions that were retried
        return ClusterCurveFit.ReadResults(summary);   // curve c at index c, as CurveFit.FitMany gives it, to the bit
    }
}

public static partial class Lifetimes
{
    [Model("a*exp(-t/tau) + b")]
    public static partial double Decay(double t, double a, double tau, double b);
}
