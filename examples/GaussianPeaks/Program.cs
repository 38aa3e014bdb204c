// SPDX-License-Identifier: MIT
using System.Globalization;
using GaussianPeaks;
using ModelCompiler;
using ModelCompiler.Plotting;
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares;

// The seed case: two Gaussian peaks fitted to ten points, as
//   curve_fit(gaussian, x, y, p0=[3, 4, 3, 6, 1, 1])
// followed by a cubic polynomial fit of the same data, as numpy.polyfit(x, y, 3).
var ci = CultureInfo.InvariantCulture;
double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
double[] y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

var peaks = CurveFit.Fit<Peaks.TwoGaussiansModel>(x, y, initial: [3, 4, 3, 6, 1, 1]);
Console.WriteLine(peaks);

// scipy 1.10's curve_fit with its defaults (MINPACK lmdif, forward differences, ftol = xtol = 1.49012e-8)
// stops a little before the minimum. CurveFitOptions.ScipyCurveFit follows lmdif step by step and stops
// where scipy stops; the default options go on to the minimum. The early stop magnifies last-bit
// differences in the model's values: the generated kernel (vectorized exp, a reciprocal multiply) moves
// it by up to 2e-5 relative; evaluated as numpy does, with numpy's exp, every digit is scipy's.
var scipyLike = CurveFit.Fit<Peaks.TwoGaussiansModel>(x, y, initial: [3, 4, 3, 6, 1, 1], CurveFitOptions.ScipyCurveFit);
var scipyExact = CurveFit.Fit<NumpyExpTwoGaussiansModel>(x, y, initial: [3, 4, 3, 6, 1, 1], CurveFitOptions.ScipyCurveFit);
double[] scipyPopt = [4.680356232561, 0.369613156951, 4.943299963435, 8.345313920361, 2.133116609628, 0.679054373277];
double[] scipyPerr = [0.196443343679, 0.476232973662, 0.206217186284, 0.904566915659, 0.199303716906, 1.572259609646];
Console.WriteLine("     default options (minimum)    ScipyCurveFit, generated     ScipyCurveFit, numpy's exp   scipy 1.10 curve_fit");
for (int j = 0; j < 6; j++)
    Console.WriteLine(string.Format(ci, "{0,-4} {1,15:F12} ±{2,-11:F9} {3,15:F12} ±{4,-11:F9} {5,15:F12} ±{6,-11:F9} {7,15:F12} ±{8:F9}",
                                    peaks.ParameterNames[j], peaks[j], peaks.StandardErrors[j], scipyLike[j], scipyLike.StandardErrors[j],
                                    scipyExact[j], scipyExact.StandardErrors[j], scipyPopt[j], scipyPerr[j]));
Console.WriteLine(string.Format(ci, "RSS  {0,-28:F15} {1,-28:F15} {2,-28:F15} {3}", peaks.ResidualSumOfSquares,
                                scipyLike.ResidualSumOfSquares, scipyExact.ResidualSumOfSquares, "0.353624656668344"));
Console.WriteLine(string.Format(ci, "eval {0,-28} {1,-28} {2,-28} {3}\n", $"{peaks.FunctionEvaluations} + {peaks.JacobianEvaluations} Jacobians",
                                $"nfev {scipyLike.FunctionEvaluations}", $"nfev {scipyExact.FunctionEvaluations}", "nfev 356"));

var cubic = Polynomial.Fit(x, y, degree: 3);
Console.WriteLine(cubic);
Console.WriteLine("numpy.polyfit(x, y, 3) = [-0.009712509713, -0.058275058275, 1.408313908314, -0.20979020979]");
Console.WriteLine("here                   = [" + string.Join(", ", cubic.Parameters.Select(c => c.ToString("G12", ci))) + "]\n");

double[] p = peaks.Parameters, c = cubic.Parameters;
double TwoPeaks(double t) => Peaks.TwoGaussians(t, p[0], p[1], p[2], p[3], p[4], p[5]);
double Cubic(double t) => ((c[0] * t + c[1]) * t + c[2]) * t + c[3];

// The fit with its 95% confidence band on a fine grid and the residuals below; the cubic joins it on the same axes.
string path = args.Length > 0 ? args[0] : "gaussian-peaks.png";
double[] grid = Enumerable.Range(0, 401).Select(i => -0.5 + 10.0 * i / 400).ToArray();
var band = CurveFit.ConfidenceBand<Peaks.TwoGaussiansModel>(peaks, grid);
double[] residuals = x.Select((t, i) => y[i] - TwoPeaks(t)).ToArray();
var figure = Figures.CurveFit(x, y, band, residuals, new FitPlotOptions
{
    Title = "Two Gaussian peaks and a cubic, least squares",
    CurveLabel = "two Gaussians",
});
var cubicLine = figure.Panels[0].Add.ScatterLine(grid, grid.Select(Cubic).ToArray(), ScottPlot.Color.FromHex("#1F77B4"));
cubicLine.LineWidth = 1.5f;
cubicLine.LegendText = "cubic polynomial";
figure.Save(path);
Console.WriteLine($"Plot written to {Path.GetFullPath(path)}");
