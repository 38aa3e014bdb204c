// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.Mixtures;
using ModelCompiler.Plotting;

// Choosing the number of components of a 2-D Gaussian mixture by AIC and BIC, for each covariance
// type, as scikit-learn's model-selection example does; then sampling new points from the chosen fit.
var ci = CultureInfo.InvariantCulture;
double[,] x = GenerateData(3000, seed: 7);
int n = x.GetLength(0);

var types = new[] { CovarianceType.Full, CovarianceType.Tied, CovarianceType.Diagonal, CovarianceType.Spherical };
const int maxComponents = 8;
(double Bic, int K, CovarianceType Type, GaussianMixture Fit) best = (double.PositiveInfinity, 0, CovarianceType.Full, null!);
var bicByType = new Dictionary<CovarianceType, double[]>();
Console.WriteLine("type        K   params           AIC           BIC");
foreach (CovarianceType type in types)
{
    bicByType[type] = new double[maxComponents];
    for (int k = 1; k <= maxComponents; k++)
    {
        var gmm = new GaussianMixture(k, new GaussianMixtureOptions
        {
            CovarianceType = type,
            Em = new EmOptions { InitializationCount = 3, Seed = 1, Tolerance = 1e-6, MaxIterations = 500 },
        }).Fit(x);
        double aic = gmm.Aic(x), bic = gmm.Bic(x);
        bicByType[type][k - 1] = bic;
        Console.WriteLine(string.Format(ci, "{0,-10} {1,2} {2,8} {3,13:F1} {4,13:F1}", type, k, gmm.FreeParameterCount, aic, bic));
        if (bic < best.Bic)
            best = (bic, k, type, gmm);
    }
}
Console.WriteLine($"\nlowest BIC: {best.Type} covariance with K = {best.K} (the data were drawn from 4 clusters with correlated, unequal full covariances)");

GaussianMixture chosen = best.Fit;
for (int k = 0; k < chosen.ComponentCount; k++)
    Console.WriteLine(string.Format(ci, "  component {0}: weight {1:F3}, mean ({2:F2}, {3:F2})", k, chosen.Weights[k], chosen.Means[k, 0], chosen.Means[k, 1]));

(double[,] samples, _) = chosen.Sample(1000, seed: 3);
Console.WriteLine($"\nsampled {samples.GetLength(0)} new points from the chosen mixture; mean log-likelihood of the samples under it {chosen.Score(samples).ToString("F4", ci)}, of the data {chosen.Score(x).ToString("F4", ci)}");

// The data coloured by the chosen fit's components with their 1, 2, 3σ ellipses (as scikit-learn's covariance-type
// example draws them), the sampled points on top; then BIC against K for each covariance type.
string dir = AppContext.BaseDirectory;
string scatter = Path.Combine(dir, "gmm-model-selection.png");
var figure = Figures.Mixture2D(x, chosen, new MixturePlotOptions { Title = $"Data, the BIC choice ({best.Type}, K = {best.K}) and 1,000 samples from it" });
var sampled = figure.Panels[0].Add.Markers(Column(samples, 0), Column(samples, 1), ScottPlot.MarkerShape.Cross, 4, ScottPlot.Colors.Black.WithAlpha(0.5));
sampled.LegendText = "sampled from the fit";
figure.Save(scatter);

var bicPlot = Figures.Plot("BIC against the number of components", "components K", "BIC");
double[] ks = Enumerable.Range(1, maxComponents).Select(k => (double)k).ToArray();
foreach (CovarianceType type in types)
{
    var line = bicPlot.Add.Scatter(ks, bicByType[type]);
    line.LegendText = type.ToString();
    line.LineWidth = 2;
}
bicPlot.ShowLegend(ScottPlot.Edge.Right);
string bicPath = Path.Combine(dir, "gmm-bic.png");
new Figure(bicPlot, 800, 500).Save(bicPath);
Console.WriteLine($"plots: {scatter}\n       {bicPath}");

static double[] Column(double[,] m, int j) => Enumerable.Range(0, m.GetLength(0)).Select(i => m[i, j]).ToArray();

// Four clusters with different sizes, orientations and spreads; component first, then the point.
static double[,] GenerateData(int n, int seed)
{
    double[] weights = [0.4, 0.25, 0.2, 0.15];
    double[][] means = [[0, 0], [6, 4], [-5, 5], [4, -5]];
    double[][] factors = [[1.6, 0, 1.0, 0.7], [0.6, 0, 0.5, 0.5], [1.0, 0, -0.8, 0.6], [0.5, 0, 0, 1.5]];
    var random = new Random(seed);
    var x = new double[n, 2];
    for (int i = 0; i < n; i++)
    {
        double u = random.NextDouble(), cumulative = 0;
        int c = 0;
        for (; c < weights.Length - 1; c++)
            if (u < (cumulative += weights[c]))
                break;
        double z0 = Normal(random), z1 = Normal(random);
        x[i, 0] = means[c][0] + factors[c][0] * z0;
        x[i, 1] = means[c][1] + factors[c][2] * z0 + factors[c][3] * z1;
    }
    return x;
}

static double Normal(Random random)
{
    double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
    return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
}
