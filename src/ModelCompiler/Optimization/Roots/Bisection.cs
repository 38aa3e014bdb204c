// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Bisection (scipy's <c>bisect</c>): halves the bracket every step; slow (one bit per evaluation) but certain.</summary>
internal static class Bisection
{
    public static ScalarRootResult Run<TEval>(TEval f, double a, double b, double fa, double fb, ScalarRootOptions options)
        where TEval : IScalarEvaluator
    {
        int evaluations = 2, iterations = 0;
        while (true)
        {
            // The better end is the answer while the bracket is wide; the midpoint once it is narrow.
            double mid = a + 0.5 * (b - a);
            if (Math.Abs(b - a) <= options.Tolerance(mid) || iterations >= options.MaxIterations)
            {
                bool converged = Math.Abs(b - a) <= options.Tolerance(mid);
                (double x, double fx) = Math.Abs(fa) <= Math.Abs(fb) ? (a, fa) : (b, fb);
                return RootBracket.Finish("bisect", x, fx, a, b, iterations, evaluations, converged, options);
            }
            double fm = f.Value(mid);
            evaluations++;
            iterations++;
            if (fm == 0 || double.IsNaN(fm))
                return RootBracket.Finish("bisect", mid, fm, a, b, iterations, evaluations, false, options);
            if ((fm > 0) == (fa > 0))
            {
                a = mid;
                fa = fm;
            }
            else
            {
                b = mid;
                fb = fm;
            }
        }
    }
}
