// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>Quantiles of Student's t distribution, for the confidence intervals of fitted parameters.</summary>
public static class StudentT
{
    /// <summary>The t such that P(T ≤ t) = <paramref name="probability"/> with ν degrees of freedom.</summary>
    public static double InverseCdf(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Probability must lie in (0, 1).");
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        if (probability == 0.5)
            return 0;
        if (probability < 0.5)
            return -InverseCdf(1 - probability, degreesOfFreedom);
        // Fits of many curves ask for the same quantile once per curve, and the bisection below costs some fifty
        // incomplete-beta evaluations: half of a 48-point single fit's time before this cache.
        if (_last is { } last && last.Probability == probability && last.DegreesOfFreedom == degreesOfFreedom)
            return last.Quantile;
        double quantile = UpperQuantile(probability, degreesOfFreedom);
        _last = (probability, degreesOfFreedom, quantile);
        return quantile;
    }

    [ThreadStatic]
    private static (double Probability, double DegreesOfFreedom, double Quantile)? _last;

    private static double UpperQuantile(double probability, double degreesOfFreedom)
    {
        // Bracket then bisect on the upper tail, which is accurate far into it; 200 halvings reach
        // the resolution of a double.
        double tail = 1 - probability;
        double lo = 0, hi = 1;
        while (UpperTail(hi, degreesOfFreedom) > tail)
        {
            lo = hi;
            hi *= 2;
            if (hi > 1e300)
                return double.PositiveInfinity;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (UpperTail(mid, degreesOfFreedom) > tail)
                lo = mid;
            else
                hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>P(T &gt; t) for t ≥ 0: ½·I_{ν/(ν+t²)}(ν/2, ½).</summary>
    public static double UpperTail(double t, double degreesOfFreedom)
    {
        double v = degreesOfFreedom;
        return 0.5 * RegularizedIncompleteBeta(0.5 * v, 0.5, v / (v + t * t));
    }

    /// <summary>I_x(a, b) by the continued fraction (modified Lentz), with the symmetry for fast convergence.</summary>
    internal static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
            return 0;
        if (x >= 1)
            return 1;
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        if (x > (a + 1) / (a + b + 2))
            return 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, 1 - x) / b;
        return Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny)
            d = tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
                break;
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, n = 9), about 15 digits.</summary>
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++)
            sum += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
