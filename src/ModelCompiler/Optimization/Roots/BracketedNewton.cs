// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Newton's method kept inside a bracket (the safeguarded Newton–bisection hybrid of Press et al.'s rtsafe and
/// Dennis &amp; Schnabel §6.3): take the Newton step when it stays in the bracket and at least halves the step
/// before last, bisect otherwise, and shrink the bracket with the sign of every new value. Quadratic near a simple
/// root, never worse than bisection, never leaves the bracket.
/// </summary>
internal static class BracketedNewton
{
    public static ScalarRootResult Run<TEval>(TEval f, double a, double b, double fa, double fb, ScalarRootOptions options)
        where TEval : IScalarEvaluator
    {
        const string method = "newton-bracketed";
        // lo: f < 0, hi: f > 0 (either may be the larger).
        (double lo, double hi) = fa < 0 ? (a, b) : (b, a);
        double x = 0.5 * (a + b);
        double fx = f.ValueAndDerivative(x, out double dx);
        int evaluations = 3, derivatives = 1, iterations = 0;
        double stepBeforeLast = Math.Abs(b - a), step = stepBeforeLast;
        while (true)
        {
            if (fx == 0 || double.IsNaN(fx) || double.IsNaN(dx))
                return RootBracket.Finish(method, x, fx, lo, hi, iterations, evaluations, false, options, derivatives);
            if (fx < 0)
                lo = x;
            else
                hi = x;
            if (Math.Abs(hi - lo) <= options.Tolerance(x) || Math.Abs(step) <= options.Tolerance(x))
                return RootBracket.Finish(method, x, fx, lo, hi, iterations, evaluations, true, options, derivatives);
            if (iterations >= options.MaxIterations)
                return RootBracket.Finish(method, x, fx, lo, hi, iterations, evaluations, false, options, derivatives);
            iterations++;
            bool outside = ((x - hi) * dx - fx) * ((x - lo) * dx - fx) > 0;
            bool slow = Math.Abs(2 * fx) > Math.Abs(stepBeforeLast * dx);
            stepBeforeLast = step;
            if (outside || slow || dx == 0)
            {
                step = 0.5 * (hi - lo);
                x = lo + step;
            }
            else
            {
                step = fx / dx;
                x -= step;
            }
            fx = f.ValueAndDerivative(x, out dx);
            evaluations++;
            derivatives++;
        }
    }
}
