// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// The fixed point x = g(x) by Steffensen's method (Aitken's Δ² on two steps of the plain iteration; scipy's
/// <c>fixed_point</c>, method 'del2'): p = p₀ − (p₁ − p₀)²/(p₂ − 2p₁ + p₀) with p₁ = g(p₀), p₂ = g(p₁), which
/// converges quadratically where the plain iteration converges linearly (or not at all, for |g′| &gt; 1).
/// </summary>
internal static class Steffensen
{
    public static ScalarRootResult Run<TEval>(TEval g, double x0, ScalarRootOptions options) where TEval : IScalarEvaluator
    {
        var ci = CultureInfo.InvariantCulture;
        if (!double.IsFinite(x0))
            throw new ArgumentException(string.Create(ci, $"The start x0 must be finite, got {x0}."), nameof(x0));
        double p0 = x0;
        int evaluations = 0;
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            double p1 = g.Value(p0);
            double p2 = double.IsFinite(p1) ? g.Value(p1) : double.NaN;
            evaluations += double.IsFinite(p1) ? 2 : 1;
            if (!double.IsFinite(p1) || !double.IsFinite(p2))
            {
                if (iteration == 1)
                    throw new ArgumentException(string.Create(ci, $"g is not finite at x0 = {x0:R} or at g(x0) = {p1:R}; start where g is finite."), nameof(x0));
                return Result(p0, RootTermination.NonFiniteValue,
                    string.Create(ci, $"g is not finite at {p0:R} or at g of it; the iteration left g's domain"), iteration);
            }
            double curvature = p2 - 2 * p1 + p0;
            double p = curvature != 0 ? p0 - (p1 - p0) * (p1 - p0) / curvature : p2;
            if (!double.IsFinite(p))
                return Result(p0, RootTermination.NonFiniteValue, "the accelerated step overflowed", iteration);
            if (iteration == 1)
                options = options.ForScale(Math.Abs(p - p0));
            if (Math.Abs(p - p0) <= options.Tolerance(p) || p1 == p0)
                return Result(p, RootTermination.Converged,
                    string.Create(ci, $"the last step {Math.Abs(p - p0):G3} met the tolerance {options.Tolerance(p):G3}"), iteration);
            p0 = p;
        }
        return Result(p0, RootTermination.MaxIterations, string.Create(ci, $"the limit of {options.MaxIterations} iterations was reached"),
                      options.MaxIterations);

        ScalarRootResult Result(double x, RootTermination termination, string message, int iterations)
        {
            double residual = g.Value(x) - x;
            evaluations++;
            if (residual == 0 && termination == RootTermination.Converged)
                termination = RootTermination.ExactRoot;
            return new("fixed_point", x, residual, double.NaN, double.NaN, iterations, evaluations, 0, 0, termination, message);
        }
    }
}
