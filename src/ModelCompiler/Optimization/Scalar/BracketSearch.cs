// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Downhill search for three points bracketing a minimum: from a and b, step downhill by the golden ratio and
/// try the vertex of the parabola through the last three points when it lies ahead, at most a grow limit times
/// the last interval away (the classic expansion of Press et al., with scipy 1.10's constants so that it
/// reproduces <c>scipy.optimize.bracket</c> call for call).
/// </summary>
internal static class BracketSearch
{
    private const double GoldenRatio = 1.618034;   // scipy's _gold, φ to seven digits
    private const double Tiny = 1e-21;             // guards the parabola's denominator

    public static MinimumBracket Run<TEval>(TEval f, double xa, double xb, double growLimit, int maxIterations)
        where TEval : IScalarEvaluator
    {
        double fa = f.Value(xa), fb = f.Value(xb);
        if (fa < fb)
        {
            (xa, xb) = (xb, xa);
            (fa, fb) = (fb, fa);
        }
        double xc = xb + GoldenRatio * (xb - xa), fc = f.Value(xc);
        int evaluations = 3, iterations = 0;
        while (fc < fb)
        {
            if (iterations >= maxIterations || !double.IsFinite(xc))
                break;
            iterations++;
            // Vertex w of the parabola through (xa, fa), (xb, fb), (xc, fc).
            double r = (xb - xa) * (fb - fc);
            double q = (xb - xc) * (fb - fa);
            double val = q - r;
            double denominator = Math.Abs(val) < Tiny ? 2 * Tiny : 2 * val;
            double w = xb - ((xb - xc) * q - (xb - xa) * r) / denominator;
            double wLimit = xb + growLimit * (xc - xb);
            double fw;
            if ((w - xc) * (xb - w) > 0)
            {
                // The vertex lies between b and c.
                fw = f.Value(w);
                evaluations++;
                if (fw < fc)
                    return new MinimumBracket(xb, w, xc, fb, fw, fc, evaluations, iterations);
                if (fw > fb)
                    return new MinimumBracket(xa, xb, w, fa, fb, fw, evaluations, iterations);
                w = xc + GoldenRatio * (xc - xb);
                fw = f.Value(w);
                evaluations++;
            }
            else if ((w - wLimit) * (wLimit - xc) >= 0)
            {
                // Beyond the limit: stop there.
                w = wLimit;
                fw = f.Value(w);
                evaluations++;
            }
            else if ((w - wLimit) * (xc - w) > 0)
            {
                // Between c and the limit.
                fw = f.Value(w);
                evaluations++;
                if (fw < fc)
                {
                    xb = xc;
                    xc = w;
                    w = xc + GoldenRatio * (xc - xb);
                    fb = fc;
                    fc = fw;
                    fw = f.Value(w);
                    evaluations++;
                }
            }
            else
            {
                // The parabola points backwards: a plain golden step.
                w = xc + GoldenRatio * (xc - xb);
                fw = f.Value(w);
                evaluations++;
            }
            xa = xb;
            xb = xc;
            xc = w;
            fa = fb;
            fb = fc;
            fc = fw;
        }
        return new MinimumBracket(xa, xb, xc, fa, fb, fc, evaluations, iterations);
    }
}
