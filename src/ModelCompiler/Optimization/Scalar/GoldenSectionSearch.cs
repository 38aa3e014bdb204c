// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Golden-section search (Kiefer 1953) inside a bracket: four points x₀ &lt; x₁ &lt; x₂ &lt; x₃, the outer pair
/// closing in on the lower inner point by the golden ratio each step. Linear convergence with ratio 0.618,
/// one evaluation per step, robust to any unimodal f. In the form of scipy 1.10's <c>golden</c> (which
/// evaluates f again at the bracket's middle point), so that it reproduces scipy's iterates and counts.
/// </summary>
internal static class GoldenSectionSearch
{
    private const double R = 0.61803399;   // scipy's _gR, 1/φ to eight digits
    private const double C = 1 - R;

    public static ScalarMinimizationResult Run<TEval>(TEval f, MinimumBracket bracket, double rel, double abs, int maxIterations)
        where TEval : IScalarEvaluator
    {
        double xa = bracket.A, xb = bracket.B, xc = bracket.C;
        double x0 = xa, x3 = xc, x1, x2;
        if (Math.Abs(xc - xb) > Math.Abs(xb - xa))
        {
            x1 = xb;
            x2 = xb + C * (xc - xb);
        }
        else
        {
            x2 = xb;
            x1 = xb - C * (xb - xa);
        }
        double f1 = BrentMinimization.Sanitize(f.Value(x1)), f2 = BrentMinimization.Sanitize(f.Value(x2));
        int evaluations = bracket.FunctionEvaluations + 2, iterations = 0;
        bool converged = false;
        while (iterations < maxIterations)
        {
            if (Math.Abs(x3 - x0) <= rel * (Math.Abs(x1) + Math.Abs(x2)) + abs)
            {
                converged = true;
                break;
            }
            if (f2 < f1)
            {
                x0 = x1;
                x1 = x2;
                x2 = R * x1 + C * x3;
                f1 = f2;
                f2 = BrentMinimization.Sanitize(f.Value(x2));
            }
            else
            {
                x3 = x2;
                x2 = x1;
                x1 = R * x2 + C * x0;
                f2 = f1;
                f1 = BrentMinimization.Sanitize(f.Value(x1));
            }
            evaluations++;
            iterations++;
        }
        (double x, double fx) = f1 < f2 ? (x1, f1) : (x2, f2);
        return ScalarMinimizer.Finish("golden", x, fx, Math.Min(x0, x3), Math.Max(x0, x3), iterations, evaluations,
                                      converged, maxIterations, "iterations");
    }
}
