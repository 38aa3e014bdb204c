// SPDX-License-Identifier: MIT
// EM for several regressions at once: points drawn alternately from two lines (then two parabolas), fitted as a
// mixture of two regressions without being told which point belongs where.
using System.Globalization;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Plotting;
using MultiLineEm;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string outputDirectory = args.Length > 0 ? args[0] : ".";
Directory.CreateDirectory(outputDirectory);

// x = linspace(−40, 40, 200); even points on y = 5x − 3, odd points on y = −7x + 2, each plus U(0, 3) noise.
var random = new Random(3);
double[] x = Enumerable.Range(0, 200).Select(i => -40 + 80.0 * i / 199).ToArray();
double[] lines = x.Select((v, i) => (i % 2 == 0 ? 5 * v - 3 : -7 * v + 2) + 3 * random.NextDouble()).ToArray();

// The noise U(0, 3) has mean 1.5, so the fitted intercepts land near −1.5 and 3.5 and σ near √(3/4) ≈ 0.87.
var lineFit = RegressionMixture.Fit<MultiLineModels.LineMixture, MultiLineModels.LineModel>(x, lines);
Report("Two lines, Gaussian noise", lineFit);
Plot("Mixture of two lines (Gaussian noise)", x, lines, lineFit, (p, v) => p[0] + p[1] * v, "multiline-gaussian.png");

// The same data with Laplace noise: weighted least absolute deviations per component.
var robustFit = RegressionMixture.Fit<MultiLineModels.RobustLineMixture, MultiLineModels.RobustLineModel>(x, lines);
Report("Two lines, Laplace noise", robustFit);
Plot("Mixture of two lines (Laplace noise)", x, lines, robustFit, (p, v) => p[0] + p[1] * v, "multiline-laplace.png");

// Any g(x): even points on y = 0.1x² − 2x + 1, odd points on y = −0.08x² + x + 4, plus U(0, 3).
double[] parabolas = x.Select((v, i) => (i % 2 == 0 ? 0.1 * v * v - 2 * v + 1 : -0.08 * v * v + v + 4) + 3 * random.NextDouble()).ToArray();
var parabolaFit = RegressionMixture.Fit<MultiLineModels.ParabolaMixture, MultiLineModels.ParabolaModel>(x, parabolas);
Report("Two parabolas, Gaussian noise", parabolaFit);
Plot("Mixture of two parabolas", x, parabolas, parabolaFit, (p, v) => p[0] + p[1] * v + p[2] * v * v, "multiline-parabolas.png");

void Report(string title, RegressionMixtureResult fit)
{
    Console.WriteLine($"== {title}");
    Console.WriteLine(fit);
    int[] labels = fit.Labels();
    int agree = labels.Select((label, i) => label == labels[i % 2] ? 1 : 0).Sum();
    Console.WriteLine($"points assigned with their own line's parity: {agree} of {labels.Length}");
    Console.WriteLine();
}

void Plot(string title, double[] xs, double[] ys, RegressionMixtureResult fit, Func<double[], double, double> curve, string file)
{
    string path = Path.Combine(outputDirectory, file);
    double[][] theta = fit.Components.Select(c => c.Parameters).ToArray();
    Plots.RegressionMixture(path, xs, ys, fit, (k, v) => curve(theta[k], v), new MixturePlotOptions { Title = title });
    Console.WriteLine($"wrote {path}");
}
