// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.Examples;
using ModelCompiler.Mixtures.Regression;
using MultiLineEm;

// The seed case: x = linspace(−40, 40, 200); even-indexed points on y = 5x − 3 + U(0, 3), odd-indexed on
// y = −7x + 2 + U(0, 3). EM untangles the two lines without being told which point is which; then the same data
// with a quadratic curve per component, and with Laplace noise.
var ci = CultureInfo.InvariantCulture;
var random = new Random(3);
double[] x = Enumerable.Range(0, 200).Select(i => -40 + 80.0 * i / 199).ToArray();
double[] y = x.Select((v, i) => (i % 2 == 0 ? 5 * v - 3 : -7 * v + 2) + 3 * random.NextDouble()).ToArray();

var options = new RegressionMixtureOptions { Seed = 1 };
var lines = Curves.LineMixture.Fit(x, y, options);
Print("Two lines, Gaussian noise (truth: y = 5x − 3 and y = −7x + 2, plus U(0, 3) noise of mean 1.5)", lines);
var quadratics = Curves.QuadraticMixture.Fit(x, y, options);
Print("Two quadratics, Gaussian noise (the x² coefficients should vanish)", quadratics);
var laplace = Curves.LaplaceLineMixture.Fit(x, y, options);
Print("Two lines, Laplace noise (the median of U(0, 3) is also 1.5)", laplace);

string path = args.Length > 0 ? args[0] : "multi-line-em.svg";
var plot = new SvgPlot("Two lines untangled by EM").Points("data", x, y);
foreach (var (component, k) in lines.Components.Select((c, k) => (c, k)))
    plot.Function($"line {k + 1}: y = {component.Coefficients[0].ToString("F2", ci)} + {component.Coefficients[1].ToString("F3", ci)}x",
                  t => component.Coefficients[0] + component.Coefficients[1] * t, -40, 40);
plot.Save(path);
Console.WriteLine($"Plot written to {Path.GetFullPath(path)}");

void Print(string title, RegressionMixtureResult fit)
{
    Console.WriteLine(title);
    Console.WriteLine($"  {fit.EmResult.Iterations} EM iterations, {(fit.EmResult.Converged ? "converged" : "not converged")}; " +
                      string.Format(ci, "log-likelihood {0:F4}, AIC {1:F2}, BIC {2:F2}", fit.LogLikelihood, fit.Aic, fit.Bic));
    foreach (var c in fit.Components.OrderByDescending(c => c.Coefficients[1]))
    {
        var terms = c.Coefficients.Select((v, j) => string.Format(ci, "{0} = {1,10:F5} ± {2:F5}", fit.ParameterNames[j], v, c.StandardErrors[j]));
        Console.WriteLine(string.Format(ci, "  weight {0:F4}, scale {1:F4}:  ", c.Weight, c.Scale) + string.Join(",  ", terms));
    }
    Console.WriteLine();
}
