// SPDX-License-Identifier: MIT
using System.Globalization;
using GaussianPeaks;
using ModelCompiler;
using ModelCompiler.Examples;
using ModelCompiler.LeastSquares;

// The seed case: two Gaussian peaks fitted to ten points, as
//   curve_fit(gaussian, x, y, p0=[3, 4, 3, 6, 1, 1])
// followed by a cubic polynomial fit of the same data, as numpy.polyfit(x, y, 3).
var ci = CultureInfo.InvariantCulture;
double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
double[] y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

var peaks = CurveFit.Fit<Peaks.TwoGaussiansModel>(x, y, initial: [3, 4, 3, 6, 1, 1]);
Console.WriteLine(peaks);

// scipy 1.10's curve_fit with default tolerances stops a little before the minimum: its RSS is
// 0.353624656668344; with ftol = xtol = 1e-15 it reaches the value found here.
Console.WriteLine(string.Format(ci, "scipy curve_fit (default tolerances) RSS 0.353624656668344; here {0:R}\n", peaks.ResidualSumOfSquares));

var cubic = Polynomial.Fit(x, y, degree: 3);
Console.WriteLine(cubic);
Console.WriteLine("numpy.polyfit(x, y, 3) = [-0.009712509713, -0.058275058275, 1.408313908314, -0.20979020979]");
Console.WriteLine("here                   = [" + string.Join(", ", cubic.Parameters.Select(c => c.ToString("G12", ci))) + "]\n");

double[] p = peaks.Parameters, c = cubic.Parameters;
double TwoPeaks(double t) => Peaks.TwoGaussians(t, p[0], p[1], p[2], p[3], p[4], p[5]);
double Cubic(double t) => ((c[0] * t + c[1]) * t + c[2]) * t + c[3];

string path = args.Length > 0 ? args[0] : "gaussian-peaks.svg";
new SvgPlot("Two Gaussian peaks and a cubic, least squares")
    .Points("data", x, y)
    .Function("two Gaussians", TwoPeaks, -0.5, 9.5)
    .Function("cubic polynomial", Cubic, -0.5, 9.5)
    .Save(path);
Console.WriteLine($"Plot written to {Path.GetFullPath(path)}");
