// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Ridders' method (Ridders 1979; scipy's <c>ridder</c>): evaluate the midpoint x₃, then the point
/// x₄ = x₃ + (x₃ − x₁)·sign(f₁ − f₂)·f₃/√(f₃² − f₁f₂), where the exponential-weighted secant crosses zero, which
/// always lies in the bracket; keep the smallest sub-bracket with a sign change. Two evaluations per step,
/// convergence of order √2 per evaluation.
/// </summary>
internal static class Ridders
{
    public static ScalarRootResult Run<TEval>(TEval f, double a, double b, double fa, double fb, ScalarRootOptions options)
        where TEval : IScalarEvaluator
    {
        int evaluations = 2, iterations = 0;
        if (a > b)
        {
            (a, b) = (b, a);
            (fa, fb) = (fb, fa);
        }
        (double x, double fx) = Math.Abs(fa) <= Math.Abs(fb) ? (a, fa) : (b, fb);
        while (true)
        {
            if (Math.Abs(b - a) <= options.Tolerance(x))
                return RootBracket.Finish("ridder", x, fx, a, b, iterations, evaluations, true, options);
            if (iterations >= options.MaxIterations)
                return RootBracket.Finish("ridder", x, fx, a, b, iterations, evaluations, false, options);
            iterations++;
            double half = 0.5 * (b - a), mid = a + half;
            double fm = f.Value(mid);
            evaluations++;
            if (fm == 0 || double.IsNaN(fm))
                return RootBracket.Finish("ridder", mid, fm, a, b, iterations, evaluations, false, options);
            double offset = Math.Sign(fa - fb) * half * fm / Math.Sqrt(fm * fm - fa * fb);
            // Stay at least half a tolerance inside the bracket so that a step always shrinks it.
            double limit = Math.Max(0, Math.Abs(half) - 0.5 * options.Tolerance(mid));
            double xn = mid + Math.Sign(offset) * Math.Min(Math.Abs(offset), limit);
            double fn = f.Value(xn);
            evaluations++;
            if (fn == 0 || double.IsNaN(fn))
                return RootBracket.Finish("ridder", xn, fn, a, b, iterations, evaluations, false, options);
            // Of a < p ≤ q < b (the midpoint and the new point in order), keep the piece with the sign change.
            (double p, double fp, double q, double fq) = xn < mid ? (xn, fn, mid, fm) : (mid, fm, xn, fn);
            if ((fp > 0) != (fa > 0))
                (b, fb) = (p, fp);
            else if ((fq > 0) != (fp > 0))
                (a, fa, b, fb) = (p, fp, q, fq);
            else
                (a, fa) = (q, fq);
            (x, fx) = Math.Abs(fn) <= Math.Abs(fm) ? (xn, fn) : (mid, fm);
        }
    }
}
