// SPDX-License-Identifier: MIT
using System.Globalization;
using BayesianGmmCavi;
using ModelCompiler.Plotting;
using ModelCompiler.Variational;

// CAVI for the Bayesian mixture of Gaussians of Blei, Kucukelbir & McAuliffe (2017): five clusters
// at 1, 5, 7, 9, 15, unit variance, 1,000 points each; K = 5, prior μₖ ~ N(0, σ² = 100).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

double[,] x = FiveClusters.Generate();
var options = new BleiCaviOptions
{
    PriorVariance = FiveClusters.PriorVariance,
    RestartCount = FiveClusters.Restarts,
    Seed = FiveClusters.Seed,
    RelativeTolerance = 1e-10,
};
BleiCaviResult fit = BleiCavi.Fit(x, FiveClusters.TrueMeans.Length, options);

Console.WriteLine($"n = {x.GetLength(0)}, K = 5, σ² = {options.PriorVariance}, restarts = {options.RestartCount}, seed = {options.Seed}");
Console.WriteLine("Final ELBO of each restart: " + string.Join(", ", fit.RestartElbos.Select(e => e.ToString("F4"))));
Console.WriteLine($"Kept restart {fit.BestRestart}: {fit.Termination} at iteration {fit.Iterations} " +
                  $"(|ΔELBO| < {options.RelativeTolerance:G}·|ELBO|)");
IReadOnlyList<double> trace = fit.ElboTrace;
Console.WriteLine("ELBO trace:");
foreach (int t in new[] { 1, 2, 3, 5, 10, 20, 50, 100 }.Where(t => t < trace.Count).Append(trace.Count))
    Console.WriteLine($"  iteration {t,4}: {trace[t - 1],16:F6}" + (t > 1 ? $"   change {trace[t - 1] - trace[t - 2]:E3}" : ""));

var order = Enumerable.Range(0, 5).OrderBy(c => fit.Means[c, 0]).ToArray();
Console.WriteLine("Posterior means (sorted), sd of q(μ), truth:");
for (int r = 0; r < 5; r++)
{
    int c = order[r];
    Console.WriteLine($"  m = {fit.Means[c, 0],9:F5}   s = {Math.Sqrt(fit.Variances[c]):F5}   true {FiveClusters.TrueMeans[r]}");
}

// Histogram of the data (as a density) with each fitted component's density N(mₖ, 1)·Nₖ/n, Nₖ = Σᵢ φᵢₖ, and their sum.
double[,] phi = fit.Assignments(x);
int n = x.GetLength(0);
var share = new double[5];
for (int i = 0; i < n; i++)
    for (int c = 0; c < 5; c++)
        share[c] += phi[i, c] / n;
double[] data = Enumerable.Range(0, n).Select(i => x[i, 0]).ToArray();
string path = Path.GetFullPath(args.Length > 0 ? args[0] : "bayesian-gmm-cavi.png");
Plots.Mixture1D(path, data, order.Select(c => share[c]).ToArray(), order.Select(c => fit.Means[c, 0]).ToArray(), [1, 1, 1, 1, 1],
                new MixturePlotOptions
                {
                    Title = "Blei et al. CAVI: five unit-variance clusters, K = 5",
                    Bins = 88,
                    ComponentNames = order.Select(c => $"q: m = {fit.Means[c, 0]:F3}").ToArray(),
                });
Console.WriteLine($"Wrote {path}");
