// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Brent's root finder (Brent 1973, ch. 4; scipy's <c>brentq</c>), and the variant with hyperbolic instead of
/// inverse quadratic extrapolation (Bus &amp; Dekker 1975; scipy's <c>brenth</c>). The best point b, the previous
/// point a and the contrapoint c with f(b)·f(c) &lt; 0 are kept; the interpolated step is taken when it falls in the
/// three quarters of [b, c] next to b and is less than half the step before last, otherwise the method bisects, so
/// the bracket at least halves every two steps. Superlinear on smooth simple roots; never worse than about twice
/// bisection's count.
/// </summary>
internal static class BrentRoot
{
    public static ScalarRootResult Run<TEval>(TEval f, double a, double b, double fa, double fb, ScalarRootOptions options, bool hyperbolic)
        where TEval : IScalarEvaluator
    {
        string method = hyperbolic ? "brenth" : "brentq";
        double c = a, fc = fa, d = b - a, e = d;
        int evaluations = 2, iterations = 0;
        while (true)
        {
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                // b is the best point.
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 0.5 * options.Tolerance(b);
            double m = 0.5 * (c - b);
            // scipy counts the pass that finds the bracket closed as an iteration too.
            if (Math.Abs(m) <= tol || fb == 0)
                return RootBracket.Finish(method, b, fb, b, c, iterations + 1, evaluations, true, options);
            if (iterations >= options.MaxIterations)
                return RootBracket.Finish(method, b, fb, b, c, iterations, evaluations, false, options);

            if (Math.Abs(e) < tol || Math.Abs(fa) <= Math.Abs(fb))
            {
                d = e = m;
            }
            else
            {
                double step = a == c ? Secant(a, b, fa, fb)
                    : hyperbolic ? Hyperbolic(a, b, c, fa, fb, fc)
                    : InverseQuadratic(a, b, c, fa, fb, fc, m);
                double towardC = step * Math.Sign(m);
                if (towardC >= 0 && towardC < 1.5 * Math.Abs(m) - 0.5 * tol && Math.Abs(step) < 0.5 * Math.Abs(e))
                {
                    e = d;
                    d = step;
                }
                else
                {
                    d = e = m;
                }
            }
            a = b;
            fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f.Value(b);
            evaluations++;
            iterations++;
            if (double.IsNaN(fb))
                return RootBracket.Finish(method, b, fb, a, c, iterations, evaluations, false, options);
            if ((fb > 0) == (fc > 0))
            {
                // The sign change is now between a and b.
                c = a;
                fc = fa;
                d = e = b - a;
            }
        }
    }

    /// <summary>The secant step from b through a.</summary>
    private static double Secant(double a, double b, double fa, double fb) => fb * (a - b) / (fb - fa);

    /// <summary>The step from b to the zero of the inverse quadratic through (f(a), a), (f(b), b), (f(c), c), in Brent's rational form.</summary>
    private static double InverseQuadratic(double a, double b, double c, double fa, double fb, double fc, double m)
    {
        double s = fb / fa, q = fa / fc, r = fb / fc;
        double p = s * (2 * m * q * (q - r) - (b - a) * (r - 1));
        double denominator = (q - 1) * (r - 1) * (s - 1);
        return -p / denominator;
    }

    /// <summary>The step from b to the zero of the hyperbola through the three points.</summary>
    private static double Hyperbolic(double a, double b, double c, double fa, double fb, double fc)
    {
        double slopeA = (fa - fb) / (a - b), slopeC = (fc - fb) / (c - b);
        return -fb * (fc - fa) / (fc * slopeA - fa * slopeC);
    }
}
