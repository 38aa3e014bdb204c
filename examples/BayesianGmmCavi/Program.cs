// SPDX-License-Identifier: MIT
using System.Globalization;
using BayesianGmmCavi;
using ModelCompiler.Examples;
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

// Histogram of the data (as a density) with each fitted component's density N(mₖ, 1)·Nₖ/n, Nₖ = Σᵢ φᵢₖ.
double[,] phi = fit.Assignments(x);
int n = x.GetLength(0);
var share = new double[5];
for (int i = 0; i < n; i++)
    for (int c = 0; c < 5; c++)
        share[c] += phi[i, c] / n;
const double from = -3, to = 19, width = 0.25;
int bins = (int)((to - from) / width);
var edges = new double[bins];
var heights = new double[bins];
for (int b = 0; b < bins; b++)
    edges[b] = from + b * width;
for (int i = 0; i < n; i++)
{
    int b = (int)Math.Floor((x[i, 0] - from) / width);
    if (b >= 0 && b < bins)
        heights[b] += 1.0 / (n * width);
}
var plot = new SvgPlot("Blei et al. CAVI: five unit-variance clusters, K = 5").Bars("data (density)", edges, heights, width);
foreach (int c in order)
{
    double m = fit.Means[c, 0], w = share[c];
    plot.Function($"q: m = {m:F3}, weight {w:F3}", t => w * Math.Exp(-0.5 * (t - m) * (t - m)) / Math.Sqrt(2 * Math.PI), from, to);
}
plot.Function("mixture", t => order.Sum(c => share[c] * Math.Exp(-0.5 * (t - fit.Means[c, 0]) * (t - fit.Means[c, 0])) / Math.Sqrt(2 * Math.PI)), from, to);
string path = Path.GetFullPath("bayesian-gmm-cavi.svg");
plot.Save(path);
Console.WriteLine($"Wrote {path}");
