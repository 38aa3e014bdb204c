// SPDX-License-Identifier: MIT
using System.Diagnostics;
using LifetimeImage;
using ModelCompiler;
using ModelCompiler.Plotting;

// A fluorescence-lifetime image: one decay per pixel, all fitted at once by FitMany, and the lifetime map drawn. The
// pixels' brightness spans four decades, so one shared start is far from most of them: CurveFit.StartSolvingLinear
// keeps its lifetime and solves each pixel's amplitude and offset, and the batch is printed from both starts.
const int side = 160;
double[,] y = FlimImage.Generate(side);
double[] t = FlimImage.Channels;
double[] shared = [100, 2, 1];

// Both fits once on a few pixels first, so that neither timing below pays for compiling the solver.
var few = new double[512, t.Length];
Array.Copy(y, few, few.Length);
CurveFit.FitMany<FlimImage.DecayModel>(t, few, shared);
CurveFit.FitMany<FlimImage.DecayModel>(t, few, CurveFit.StartSolvingLinear<FlimImage.DecayModel>(t, shared));

var watch = Stopwatch.StartNew();
var plain = CurveFit.FitMany<FlimImage.DecayModel>(t, y, shared);
double plainMs = watch.Elapsed.TotalMilliseconds;
watch.Restart();
var fits = CurveFit.FitMany<FlimImage.DecayModel>(t, y, CurveFit.StartSolvingLinear<FlimImage.DecayModel>(t, shared));
double solvedMs = watch.Elapsed.TotalMilliseconds;

Console.WriteLine($"{side}×{side} pixels of {t.Length} channels");
Console.WriteLine($"from the shared start (100, 2, 1):  {plain.Evaluations.Average(),5:F1} evaluations per pixel, {plainMs,6:F0} ms; {plain}");
Console.WriteLine($"with each pixel's a and b solved:  {fits.Evaluations.Average(),5:F1} evaluations per pixel, {solvedMs,6:F0} ms; {fits}");

// The lifetime map, and the median lifetime of each region against the truth.
var map = new double[side, side];
var cell = new List<double>();
var background = new List<double>();
for (int j = 0; j < side; j++)
    for (int i = 0; i < side; i++)
    {
        int pixel = j * side + i;
        // A pixel too dim to tell its lifetime to 20% is left blank, as lifetime maps do.
        double tau = fits.ParametersOf(pixel)[1], se = fits.StandardErrorsOf(pixel)[1];
        if (!fits.IsDetermined(pixel) || !(se < 0.2 * Math.Abs(tau)))
            tau = double.NaN;
        map[j, i] = tau;
        if (double.IsFinite(tau))
            (FlimImage.InCell(i, j, side) ? cell : background).Add(tau);
    }
Console.WriteLine($"{cell.Count + background.Count} of {side * side} pixels tell their lifetime to 20%; " +
                  $"median lifetime in the cells {Median(cell):F3} ns (truth {FlimImage.CellLifetime}), " +
                  $"in the background {Median(background):F3} ns (truth {FlimImage.BackgroundLifetime})");

string path = args.Length > 0 ? args[0] : "lifetime-image.png";
var plot = new ScottPlot.Plot();
var heatmap = plot.Add.Heatmap(map);
heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
heatmap.ManualRange = new ScottPlot.Range(0, 4);
plot.Add.ColorBar(heatmap).Label = "lifetime τ (ns)";
plot.Title("Fluorescence lifetime per pixel (FitMany, solved starts)");
new Figure(plot, 720, 640).Save(path);
Console.WriteLine($"Lifetime map written to {Path.GetFullPath(path)}");

static double Median(List<double> values)
{
    values.Sort();
    return values.Count == 0 ? double.NaN : values[values.Count / 2];
}
