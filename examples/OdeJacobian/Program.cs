// SPDX-License-Identifier: MIT
using System.Globalization;
using MathNet.Numerics;
using ModelCompiler.Ode;
using OdeJacobian;

// ODE right-hand sides with generated Jacobians, on the textbook's cases: odeint on Airy's equation with and without
// Dfun, the Lorenz system from two nearby starts, Robertson's stiff kinetics to t = 1e11, and a Lotka–Volterra fit.
var ci = CultureInfo.InvariantCulture;
string folder = args.Length > 0 ? args[0] : ".";

// Airy's equation y″ = t·y as the system (y′, y), on t = 0, 0.01, …, 3.99, against Ai(t).
var airy = TextbookCases.Airy();
Console.WriteLine("Airy's equation: y at the textbook's sample points (columns 2–3: the textbook's ychk and Ai(t) itself)");
Console.Write("   t   textbook  Ai(t)                ");
foreach (var run in airy)
    Console.Write($"{run.Label,-28}");
Console.WriteLine();
for (int k = 0; k < TextbookCases.AirySamples.Length; k++)
{
    int i = 6 * k;
    double t = TextbookCases.AiryTimes[i];
    Console.Write(string.Format(ci, "{0,5:F2} {1,9:F6}  {2,-19:F16}  ", t, TextbookCases.AirySamples[k], SpecialFunctions.AiryAi(t)));
    foreach (var run in airy)
        Console.Write(string.Format(ci, "{0,-28:F16}", run.Result[i, 1]));
    Console.WriteLine();
}
Console.Write("largest relative error against Ai over [0, 4):   ");
foreach (var run in airy)
{
    double worst = 0;
    for (int i = 0; i < TextbookCases.AiryTimes.Length; i++)
    {
        double ai = SpecialFunctions.AiryAi(TextbookCases.AiryTimes[i]);
        worst = Math.Max(worst, Math.Abs(run.Result[i, 1] - ai) / Math.Abs(ai));
    }
    Console.Write(string.Format(ci, "{0,-28:0.00E+00}", worst));
}
Console.WriteLine();
PrintStatistics(airy.Select(r => (r.Label, r.Result.Statistics)));
Console.WriteLine("odeint's method stays explicit on this non-stiff problem and never asks for the Jacobian (as LSODA never calls Dfun);");
Console.WriteLine("the BDF asks for one at every refresh, and without it differences f, at the cost of f evaluations.\n");

// Lorenz, the textbook's call, from (0, 1, 0) and (0, 1.01, 0).
var (a, b) = TextbookCases.Lorenz();
Console.WriteLine("Lorenz, σ = 10, ρ = 28, β = 3, t ∈ [0, 30) step 0.01: the trajectories from (0, 1, 0) and (0, 1.01, 0)");
foreach (int i in new[] { 0, 500, 1000, 1500, 2000, 2500, 2999 })
{
    double distance = Math.Sqrt(Enumerable.Range(0, 3).Sum(j => Math.Pow(a[i, j] - b[i, j], 2)));
    Console.WriteLine(string.Format(ci, "  t = {0,5:F2}  a = ({1,8:F3}, {2,8:F3}, {3,8:F3})  b = ({4,8:F3}, {5,8:F3}, {6,8:F3})  |a − b| = {7:G3}",
        a.Times[i], a[i, 0], a[i, 1], a[i, 2], b[i, 0], b[i, 1], b[i, 2], distance));
}
PrintStatistics([("from (0, 1, 0)", a.Statistics), ("from (0, 1.01, 0)", b.Statistics)]);
string lorenzPath = Path.Combine(folder, "lorenz.png");
ExamplePlots.Lorenz(lorenzPath, a, b);
Console.WriteLine($"x–z projection written to {Path.GetFullPath(lorenzPath)}\n");

// Robertson's kinetics to t = 1e11.
var robertson = TextbookCases.Robertson();
Console.WriteLine("Robertson's kinetics to t = 1e11 (rtol 1e-6, atol 1e-14, 1e-20, 1e-14), by the NDF:");
var ndf = robertson[0].Result;
for (int i = 0; i < ndf.Times.Count; i += 3)
    Console.WriteLine(string.Format(ci, "  t = {0,-8:G3} y1 = {1,-14:0.000000E+00} y2 = {2,-14:0.000000E+00} y3 = {3,-14:0.000000E+00}", ndf.Times[i], ndf[i, 0], ndf[i, 1], ndf[i, 2]));
foreach (var run in robertson)
{
    int last = run.Result.Times.Count - 1;
    double error = Enumerable.Range(0, 3).Max(j => Math.Abs(run.Result[last, j] - TextbookCases.RobertsonAtTenToTheEleven[j]) / TextbookCases.RobertsonAtTenToTheEleven[j]);
    Console.WriteLine(string.Format(ci, "  {0,-8} relative error at 1e11: {1:0.00E+00}", run.Label, error));
}
PrintStatistics(robertson.Select(r => (r.Label, r.Result.Statistics)));
Console.WriteLine();

// Lotka–Volterra: (α, β, γ, δ) from 20 noisy counts of both species.
var fit = TextbookCases.LotkaVolterraFit();
Console.WriteLine("Lotka–Volterra fit:");
Console.WriteLine(fit);
Console.WriteLine("reference estimate (exact least-squares minimizer): " + string.Join(", ", TextbookCases.LotkaReferenceEstimate.Select(v => v.ToString("R", ci))));
string lotkaPath = Path.Combine(folder, "lotka-volterra.png");
ExamplePlots.LotkaVolterra(lotkaPath, TextbookCases.LotkaTimes, TextbookCases.LotkaObservations, fit);
Console.WriteLine($"Fit plotted to {Path.GetFullPath(lotkaPath)}");

void PrintStatistics(IEnumerable<(string Label, OdeStatistics Statistics)> runs)
{
    Console.WriteLine("  method                         steps   f evaluations   Jacobians   LU factorizations");
    foreach (var (label, s) in runs)
        Console.WriteLine(string.Format(ci, "  {0,-28} {1,7} {2,15} {3,11} {4,19}", label, s.Steps, s.FunctionEvaluations, s.JacobianEvaluations, s.LuFactorizations));
}
