// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// The first step size (Hairer, Nørsett &amp; Wanner, Solving ODE I, II.4, "starting step size"): a guess
/// 0.01·‖y0‖/‖f0‖ refined by one explicit Euler step, so that the error of a method of the given order is about
/// the tolerance. Costs one evaluation of f. Returns a signed step in the direction of integration.
/// </summary>
internal static class InitialStep
{
    /// <param name="context">The integration.</param>
    /// <param name="t0">The start.</param>
    /// <param name="y0">The state there.</param>
    /// <param name="f0">f(t0, y0).</param>
    /// <param name="order">The order of the method.</param>
    /// <param name="tStop">The end of the interval.</param>
    /// <param name="yWork">Work space of length n.</param>
    /// <param name="fWork">Work space of length n.</param>
    /// <param name="scale">Work space of length n.</param>
    public static double Estimate<TF>(OdeContext<TF> context, double t0, ReadOnlySpan<double> y0, ReadOnlySpan<double> f0,
                                      int order, double tStop, Span<double> yWork, Span<double> fWork, Span<double> scale)
        where TF : struct, IOdeFunction
    {
        double direction = context.Direction;
        double span = Math.Abs(tStop - t0);
        context.Scale(y0, scale);
        double d0 = OdeContext<TF>.ScaledNorm(y0, scale);
        double d1 = OdeContext<TF>.ScaledNorm(f0, scale);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(Math.Max(Math.Min(h0, context.MaxStep), OdeContext<TF>.MinimumStep(t0)), span);
        // One explicit Euler step, shortened while f is not finite at its end.
        double d2 = 0;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            for (int i = 0; i < y0.Length; i++)
                yWork[i] = y0[i] + direction * h0 * f0[i];
            context.Rhs(t0 + direction * h0, yWork, fWork);
            if (OdeContext<TF>.AllFinite(fWork))
            {
                double sum = 0;
                for (int i = 0; i < y0.Length; i++)
                {
                    double r = (fWork[i] - f0[i]) / scale[i];
                    sum += r * r;
                }
                d2 = Math.Sqrt(sum / y0.Length) / h0;
                break;
            }
            h0 *= 0.1;
        }
        double largest = Math.Max(d1, d2);
        double h1 = largest <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / largest, 1.0 / (order + 1));
        double h = Math.Min(Math.Min(100 * h0, h1), Math.Min(context.MaxStep, span));
        return direction * Math.Max(h, OdeContext<TF>.MinimumStep(t0));
    }
}
