// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>
/// Orders observed, not assumed. The one-step methods run with a fixed step (a tolerance so loose that every step passes,
/// the step pinned by InitialStep = MaxStep = h) on Airy's equation, which is non-autonomous (so Rosenbrock's ∂f/∂t term
/// is exercised), over [0, 2]; halving h divides the error at t = 2 by 2^p. The interpolants are checked the same way at
/// the steps' midpoints. The BDFs, whose order varies, are checked by the slope of error against steps over a
/// tolerance sweep with the order capped.
/// </summary>
public class ConvergenceOrderTests
{
    [Theory]
    [InlineData("Dopri5", 0.2, 5)]
    [InlineData("DOP853", 0.4, 8)]
    [InlineData("Rodas5P", 0.2, 5)]
    [InlineData("Rodas4", 0.2, 4)]
    public void FixedStepErrorFallsAsTheOrder(string method, double h, int order)
    {
        double coarse = FixedStepError(method, h, out _);
        double fine = FixedStepError(method, h / 2, out _);
        double observed = Math.Log2(coarse / fine);
        Assert.True(observed > order - 0.4 && observed < order + 1.3, $"{method}: errors {coarse:E2} → {fine:E2}, observed order {observed:F2}");
    }

    /// <summary>
    /// The interpolant inside each step: error at the midpoints falls as h^min(p, q + 1), q the dense order
    /// (Dopri5 4, DOP853 7, Rodas5P 4, Rodas4 3).
    /// </summary>
    [Theory]
    [InlineData("Dopri5", 0.2, 5)]
    [InlineData("DOP853", 0.4, 8)]
    [InlineData("Rodas5P", 0.2, 5)]
    [InlineData("Rodas4", 0.2, 4)]
    public void DenseOutputErrorFallsAsItsOrder(string method, double h, int order)
    {
        FixedStepError(method, h, out double coarse);
        FixedStepError(method, h / 2, out double fine);
        double observed = Math.Log2(coarse / fine);
        Assert.True(observed > order - 0.4 && observed < order + 1.3, $"{method}: midpoint errors {coarse:E2} → {fine:E2}, observed order {observed:F2}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BdfErrorFallsAsItsOrderAgainstSteps(int maxOrder)
    {
        var rtols = maxOrder == 1 ? new[] { 1e-4, 1e-5, 1e-6, 1e-7 } : new[] { 1e-5, 1e-6, 1e-7, 1e-8 };
        var logSteps = new List<double>();
        var logErrors = new List<double>();
        foreach (double rtol in rtols)
        {
            var (result, error) = OdeTestProblems.LotkaVolterra(new Bdf { MaxOrder = maxOrder, NumericalDifferentiationFormulas = false }, rtol);
            logSteps.Add(Math.Log(result.Statistics.Steps));
            logErrors.Add(Math.Log(error));
        }
        double slope = Slope(logSteps, logErrors);
        Assert.True(Math.Abs(-slope - maxOrder) < 0.6, $"BDF capped at order {maxOrder}: error ∝ steps^{slope:F2}");
    }

    private static double FixedStepError(string method, double h, out double midpointError)
    {
        var (t, reference) = OdeReference.Load("airy", "y", "yp");
        int end = 200;   // t = 2
        var options = new OdeOptions
        {
            RelativeTolerance = 1e3, AbsoluteTolerance = 1e3, InitialStep = h, MaxStep = h, DenseOutput = true,
        };
        var problem = new OdeProblem<OdeSystems.AirySystem>([reference[0][0], reference[1][0]], 0, t[end]);
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method), options);
        Assert.Equal(OdeTermination.Completed, result.Termination);
        Assert.Equal((int)Math.Round(2 / h), result.Statistics.Steps);
        midpointError = 0;
        int stride = (int)Math.Round(h / 0.01);
        for (int i = stride / 2; i < end; i += stride)
            midpointError = Math.Max(midpointError, Math.Abs(result.Solution!.Evaluate(t[i])[0] - reference[0][i]));
        return Math.Abs(result[result.Times.Count - 1, 0] - reference[0][end]);
    }

    private static double Slope(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average();
        return x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
    }
}
