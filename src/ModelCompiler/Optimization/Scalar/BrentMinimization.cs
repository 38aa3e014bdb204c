// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Brent's minimization without derivatives (Brent 1973, ch. 5): inside a bracket [a, b] keep the best point x,
/// the second best w and the previous w, v; try the vertex of the parabola through them when it falls inside the
/// interval and moves less than half the step before last, otherwise take a golden-section step into the larger
/// part; never evaluate closer than the tolerance to x or to the ends. Written in the form of scipy 1.10's
/// <c>Brent</c> so that it reproduces scipy's iterates and counts.
/// </summary>
internal static class BrentMinimization
{
    // scipy's _cg: (3 − √5)/2 to seven digits. The exact value would change the last bits of the iterates.
    private const double GoldenSection = 0.3819660;

    public static ScalarMinimizationResult Run<TEval>(TEval f, MinimumBracket bracket, double rel, double abs, int maxIterations)
        where TEval : IScalarEvaluator
    {
        double x = bracket.B, w = x, v = x;
        double fx = Sanitize(bracket.FB), fw = fx, fv = fx;
        double a = Math.Min(bracket.A, bracket.C), b = Math.Max(bracket.A, bracket.C);
        double step = 0, previousStep = 0;   // scipy's rat and deltax
        int evaluations = bracket.FunctionEvaluations, iterations = 0;
        bool converged = false, nanAtA = false, nanAtB = false;   // whether f is NaN at an end of [a, b]
        while (iterations < maxIterations)
        {
            double tol1 = rel * Math.Abs(x) + abs;
            double tol2 = 2 * tol1;
            double xm = 0.5 * (a + b);
            if (Math.Abs(x - xm) < tol2 - 0.5 * (b - a))
            {
                converged = true;
                break;
            }
            if (Math.Abs(previousStep) <= tol1)
            {
                previousStep = x >= xm ? a - x : b - x;
                step = GoldenSection * previousStep;
            }
            else
            {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0)
                    p = -p;
                q = Math.Abs(q);
                double stepBeforeLast = previousStep;
                previousStep = step;
                if (p > q * (a - x) && p < q * (b - x) && Math.Abs(p) < Math.Abs(0.5 * q * stepBeforeLast))
                {
                    // Parabolic step; not too close to the ends.
                    step = p / q;
                    double trial = x + step;
                    if (trial - a < tol2 || b - trial < tol2)
                        step = xm - x >= 0 ? tol1 : -tol1;
                }
                else
                {
                    previousStep = x >= xm ? a - x : b - x;
                    step = GoldenSection * previousStep;
                }
            }
            double u = Math.Abs(step) < tol1 ? (step >= 0 ? x + tol1 : x - tol1) : x + step;
            double value = f.Value(u), fu = Sanitize(value);
            evaluations++;
            if (fu > fx)
            {
                if (u < x)
                    (a, nanAtA) = (u, double.IsNaN(value));
                else
                    (b, nanAtB) = (u, double.IsNaN(value));
                if (fu <= fw || w == x)
                {
                    v = w;
                    w = u;
                    fv = fw;
                    fw = fu;
                }
                else if (fu <= fv || v == x || v == w)
                {
                    v = u;
                    fv = fu;
                }
            }
            else
            {
                if (u >= x)
                    (a, nanAtA) = (x, false);
                else
                    (b, nanAtB) = (x, false);
                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            }
            iterations++;
        }
        return ScalarMinimizer.Finish("brent", x, fx, a, b, iterations, evaluations, converged, maxIterations, "iterations", nanAtA || nanAtB);
    }

    /// <summary>A NaN value ranks as +∞: the point is never taken as the best.</summary>
    internal static double Sanitize(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;
}
