// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.Mixtures;
using ModelCompiler.Plotting;

// EM for a two-component 1-D mixture with a shared σ: π₁ = 0.3, μ = (5, 15), σ = 2.
// Each point is generated the way the model says it was: first its component (1 with probability
// 0.3, else 2), then a normal value around that component's mean. Drawing the two halves
// separately and concatenating would fix the proportions exactly and hide the weights' sampling noise.
var ci = CultureInfo.InvariantCulture;
const int n = 10_000;
double[] trueWeights = [0.3, 0.7], trueMeans = [5, 15];
const double trueSigma = 2;

var random = new Random(1);
var x = new double[n, 1];
for (int i = 0; i < n; i++)
{
    int component = random.NextDouble() < trueWeights[0] ? 0 : 1;
    x[i, 0] = trueMeans[component] + trueSigma * StandardNormal(random);
}

// Tied covariance = one σ shared by both components; reg_covar = 0 gives the textbook shared-σ EM,
// σ² = Σᵢₖ rᵢₖ(xᵢ − μₖ)² / n.
var gmm = new GaussianMixture(2, new GaussianMixtureOptions
{
    CovarianceType = CovarianceType.Tied,
    RegularizationCovariance = 0,
    Em = new EmOptions { Tolerance = 1e-10, MaxIterations = 1000, Seed = 0 },
}).Fit(x);

// Components come out in k-means order; list them by mean so they line up with the truth.
int[] order = Enumerable.Range(0, 2).OrderBy(k => gmm.Means[k, 0]).ToArray();
double sigma = Math.Sqrt(gmm.Covariances[0]);
Console.WriteLine($"{n} points, EM {(gmm.Converged ? "converged" : "stopped")} after {gmm.Iterations} iterations, mean log-likelihood {gmm.LowerBound.ToString("F6", ci)}\n");
Console.WriteLine("parameter      truth   estimate");
for (int j = 0; j < 2; j++)
    Console.WriteLine(string.Format(ci, "π{0}           {1,7:F3}   {2,8:F5}", j + 1, trueWeights[j], gmm.Weights[order[j]]));
for (int j = 0; j < 2; j++)
    Console.WriteLine(string.Format(ci, "μ{0}           {1,7:F3}   {2,8:F5}", j + 1, trueMeans[j], gmm.Means[order[j], 0]));
Console.WriteLine(string.Format(ci, "σ (shared)   {0,7:F3}   {1,8:F5}", trueSigma, sigma));

// Histogram of the data with the fitted components and their sum on top.
double[] column = Enumerable.Range(0, n).Select(i => x[i, 0]).ToArray();
string path = Path.Combine(AppContext.BaseDirectory, "two-component-em.png");
Plots.Mixture1D(path, column, gmm, new MixturePlotOptions { Title = "Two-component mixture, shared σ: data and EM fit" });
Console.WriteLine($"\nplot: {path}");

static double StandardNormal(Random random)
{
    double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
    return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
}
