// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Brent's minimization on a closed interval as Forsythe, Malcolm &amp; Moler's <c>fmin</c> (1977) states it:
/// start at the golden-section point of [a, b], then parabolic steps through the three best points when they
/// fall inside and shrink, golden-section steps otherwise, never evaluating within the tolerance of the best
/// point or of the ends (so the ends themselves are never evaluated). In the form of scipy 1.10's
/// <c>_minimize_scalar_bounded</c>, so that it reproduces <c>fminbound</c>'s iterates and counts, with one
/// difference: the relative part of the tolerance, √ε·|x| there, is taken of the smaller of |x| and the interval's
/// width. On an interval far from 0 ([1.7e9, 1.7e9 + 10], Unix seconds) √ε·|x| = 25 exceeds the interval, and
/// fminbound returns its first golden-section point, 0.82 from the minimum, as a solution; where |x| is at most the
/// width (every interval that contains 0 or starts from it) nothing changes.
/// </summary>
internal static class BoundedMinimization
{
    private static readonly double GoldenSection = 0.5 * (3 - Math.Sqrt(5));

    public static ScalarMinimizationResult Run<TEval>(TEval f, double lower, double upper, double rel, double abs, int maxEvaluations)
        where TEval : IScalarEvaluator
    {
        double a = lower, b = upper;
        double xf = a + GoldenSection * (b - a);    // the best point
        double nfc = xf, fulc = xf;                 // the second best and the previous second best
        double rat = 0, e = 0;
        double best = f.Value(xf), fx = BrentMinimization.Sanitize(best);   // f at the best point, and as it ranks
        int evaluations = 1;
        double fnfc = fx, ffulc = fx;
        double xm = 0.5 * (a + b);
        double width = b - a;
        double tol1 = Tolerance(xf, width, rel, abs);
        double tol2 = 2 * tol1;
        bool converged = true, nanAtA = false, nanAtB = false;   // whether f is NaN at an end of [a, b] it evaluated
        while (Math.Abs(xf - xm) > tol2 - 0.5 * (b - a))
        {
            bool golden = true;
            if (Math.Abs(e) > tol1)
            {
                golden = false;
                double r = (xf - nfc) * (fx - ffulc);
                double q = (xf - fulc) * (fx - fnfc);
                double p = (xf - fulc) * q - (xf - nfc) * r;
                q = 2 * (q - r);
                if (q > 0)
                    p = -p;
                q = Math.Abs(q);
                r = e;
                e = rat;
                if (Math.Abs(p) < Math.Abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf))
                {
                    rat = p / q;
                    double trial = xf + rat;
                    if (trial - a < tol2 || b - trial < tol2)
                        rat = xm - xf >= 0 ? tol1 : -tol1;
                }
                else
                {
                    golden = true;
                }
            }
            if (golden)
            {
                e = xf >= xm ? a - xf : b - xf;
                rat = GoldenSection * e;
            }
            double x = xf + (rat >= 0 ? 1 : -1) * Math.Max(Math.Abs(rat), tol1);
            double value = f.Value(x), fu = BrentMinimization.Sanitize(value);
            evaluations++;
            // fmin's ties move the best point; a tie of two NaNs must not, or the search walks on through f's NaN
            // region: f NaN beyond 1 on [0, 3] ended at 3 with "not finite at any point tried".
            if (fu < fx || fu == fx && fu < double.PositiveInfinity)
            {
                if (x >= xf)
                    (a, nanAtA) = (xf, double.IsNaN(best));
                else
                    (b, nanAtB) = (xf, double.IsNaN(best));
                fulc = nfc;
                ffulc = fnfc;
                nfc = xf;
                fnfc = fx;
                xf = x;
                fx = fu;
                best = value;
            }
            else
            {
                if (x < xf)
                    (a, nanAtA) = (x, double.IsNaN(value));
                else
                    (b, nanAtB) = (x, double.IsNaN(value));
                if (fu <= fnfc || nfc == xf)
                {
                    fulc = nfc;
                    ffulc = fnfc;
                    nfc = x;
                    fnfc = fu;
                }
                else if (fu <= ffulc || fulc == xf || fulc == nfc)
                {
                    fulc = x;
                    ffulc = fu;
                }
            }
            xm = 0.5 * (a + b);
            tol1 = Tolerance(xf, width, rel, abs);
            tol2 = 2 * tol1;
            if (evaluations >= maxEvaluations)
            {
                converged = Math.Abs(xf - xm) <= tol2 - 0.5 * (b - a);
                break;
            }
        }
        return ScalarMinimizer.Finish("bounded", xf, best, a, b, evaluations, evaluations, converged, maxEvaluations,
                                      "function evaluations", nanAtA || nanAtB);
    }

    /// <summary>
    /// fmin's tol1 = rel·|x| + abs/3 with |x| capped at the interval's width, and never below 4 ulps of x, a step that
    /// still moves x.
    /// </summary>
    private static double Tolerance(double x, double width, double rel, double abs)
    {
        double magnitude = Math.Abs(x);
        return Math.Max(rel * Math.Min(magnitude, width) + abs / 3, 4 * (Math.BitIncrement(magnitude) - magnitude));
    }
}
