// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Alefeld, Potra &amp; Shi's enclosing method (ACM TOMS Algorithm 748, 1995; scipy's <c>toms748</c>). Each
/// iteration takes k interpolation steps (inverse cubic interpolation through the bracket's ends and the two
/// points last removed, or Newton steps on the quadratic through three points when the four values are not
/// distinct or the cubic's zero leaves the bracket), then a double-length secant step from the better end, and
/// bisects when the bracket has not at least halved. Every trial point is kept a little inside the bracket, so the
/// bracket always shrinks; the asymptotic efficiency index is 1.65 (k = 1) or 1.66 (k = 2) against Brent's 1.0
/// worst case on smooth simple roots.
/// </summary>
internal static class Toms748
{
    private const double RequiredShrink = 0.5;

    private struct State
    {
        public double A, B, FA, FB;   // the bracket, A < B, FA·FB < 0
        public double D, FD;          // the end removed by the last bracketing
        public double E, FE;          // the end removed before it (NaN until there is one)
        public int Evaluations;
        public bool Stop;             // f = 0 or NaN at the new point, or the bracket met the tolerance
        public double StopX, StopF;
    }

    public static ScalarRootResult Run<TEval>(TEval f, double a, double b, double fa, double fb, ScalarRootOptions options, int steps)
        where TEval : IScalarEvaluator
    {
        if (a > b)
        {
            (a, b) = (b, a);
            (fa, fb) = (fb, fa);
        }
        var s = new State { A = a, B = b, FA = fa, FB = fb, E = double.NaN, FE = double.NaN, Evaluations = 2 };
        int iterations = 1;
        Narrow(f, ref s, a - fa * (b - a) / (fb - fa), options);
        while (!s.Stop)
        {
            if (iterations >= options.MaxIterations)
                return Finish(s, iterations, false, options);
            iterations++;
            double width = s.B - s.A;
            for (int j = 1; j <= steps && !s.Stop; j++)
            {
                double c = double.NaN;
                if (!double.IsNaN(s.E) && Distinct(s.FA, s.FB, s.FD, s.FE))
                    c = InverseCubic(s.A, s.B, s.D, s.E, s.FA, s.FB, s.FD, s.FE);
                if (!(c > s.A && c < s.B))
                    c = NewtonQuadratic(s.A, s.B, s.D, s.FA, s.FB, s.FD, j + 1);
                s.E = s.D;
                s.FE = s.FD;
                Narrow(f, ref s, c, options);
            }
            if (s.Stop)
                break;

            // Double-length secant step from the better end.
            (double u, double fu) = Math.Abs(s.FA) < Math.Abs(s.FB) ? (s.A, s.FA) : (s.B, s.FB);
            double secant = u - 2 * fu * (s.B - s.A) / (s.FB - s.FA);
            if (!(Math.Abs(secant - u) <= 0.5 * (s.B - s.A)))
                secant = s.A + 0.5 * (s.B - s.A);
            s.E = s.D;
            s.FE = s.FD;
            Narrow(f, ref s, secant, options);
            if (s.Stop || s.B - s.A < RequiredShrink * width)
                continue;

            s.E = s.D;
            s.FE = s.FD;
            Narrow(f, ref s, s.A + 0.5 * (s.B - s.A), options);
        }
        return Finish(s, iterations, true, options);
    }

    private static ScalarRootResult Finish(in State s, int iterations, bool converged, ScalarRootOptions options)
    {
        (double x, double fx) = !double.IsNaN(s.StopX) && s.Stop && (s.StopF == 0 || double.IsNaN(s.StopF))
            ? (s.StopX, s.StopF)
            : Math.Abs(s.FA) <= Math.Abs(s.FB) ? (s.A, s.FA) : (s.B, s.FB);
        return RootBracket.Finish("toms748", x, fx, s.A, s.B, iterations, s.Evaluations, converged, options);
    }

    /// <summary>
    /// Evaluates f at c, pushed at least 0.7 of a half tolerance inside [A, B], and keeps the half with the sign
    /// change; D becomes the end dropped. Sets Stop when f(c) is 0 or NaN or the new bracket meets the tolerance.
    /// </summary>
    private static void Narrow<TEval>(TEval f, ref State s, double c, ScalarRootOptions options) where TEval : IScalarEvaluator
    {
        double push = 0.35 * options.Tolerance(c);
        if (s.B - s.A <= 4 * push || double.IsNaN(c))
            c = s.A + 0.5 * (s.B - s.A);
        else if (c <= s.A + 2 * push)
            c = s.A + 2 * push;
        else if (c >= s.B - 2 * push)
            c = s.B - 2 * push;
        double fc = f.Value(c);
        s.Evaluations++;
        if (fc == 0 || double.IsNaN(fc))
        {
            s.Stop = true;
            s.StopX = c;
            s.StopF = fc;
            return;
        }
        if ((fc > 0) != (s.FA > 0))
        {
            s.D = s.B;
            s.FD = s.FB;
            s.B = c;
            s.FB = fc;
        }
        else
        {
            s.D = s.A;
            s.FD = s.FA;
            s.A = c;
            s.FA = fc;
        }
        double best = Math.Abs(s.FA) <= Math.Abs(s.FB) ? s.A : s.B;
        if (s.B - s.A <= options.Tolerance(best))
        {
            s.Stop = true;
            s.StopX = double.NaN;
        }
    }

    private static bool Distinct(double f1, double f2, double f3, double f4)
        => f1 != f2 && f1 != f3 && f1 != f4 && f2 != f3 && f2 != f4 && f3 != f4;

    /// <summary>
    /// The zero of the quadratic P through (a, f(a)), (b, f(b)), (d, f(d)) by <paramref name="steps"/> Newton steps
    /// from the end where P is convex towards the root; the secant point when P is linear.
    /// </summary>
    private static double NewtonQuadratic(double a, double b, double d, double fa, double fb, double fd, int steps)
    {
        double slope = (fb - fa) / (b - a);
        double curvature = ((fd - fb) / (d - b) - slope) / (d - a);
        if (curvature == 0 || !double.IsFinite(curvature))
            return a - fa / slope;
        double r = curvature * fa > 0 ? a : b;
        for (int i = 0; i < steps; i++)
            r -= (fa + (slope + curvature * (r - b)) * (r - a)) / (slope + curvature * (2 * r - a - b));
        return r;
    }

    /// <summary>The zero of the cubic x(f) through the four points, by Neville-style differences (APS 1995, §4).</summary>
    private static double InverseCubic(double a, double b, double d, double e, double fa, double fb, double fd, double fe)
    {
        double q11 = (d - e) * fd / (fe - fd);
        double q21 = (b - d) * fb / (fd - fb);
        double q31 = (a - b) * fa / (fb - fa);
        double d21 = (b - d) * fd / (fd - fb);
        double d31 = (a - b) * fb / (fb - fa);
        double q22 = (d21 - q11) * fb / (fe - fb);
        double q32 = (d31 - q21) * fa / (fd - fa);
        double d32 = (d31 - q21) * fd / (fd - fa);
        double q33 = (d32 - q22) * fa / (fe - fa);
        return a + q31 + q32 + q33;
    }
}
