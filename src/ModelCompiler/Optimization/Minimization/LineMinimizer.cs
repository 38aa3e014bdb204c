// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Exact-as-possible minimization of φ(α) = f(x + αd) for Powell's method: a golden-section bracket grown by parabolic
/// extrapolation from α = 0 and 1 (limit 110 widths, as in Numerical Recipes' mnbrak and scipy's bracket), then
/// Brent's (1973) parabolic interpolation with golden-section safeguards; on a finite interval (bounds), Brent's
/// localmin. A non-finite φ counts as +∞.
/// </summary>
internal sealed class LineMinimizer<TSource> where TSource : struct, IObjectiveSource
{
    private const double Golden = 1.618034;        // the bracket's growth factor (scipy's _gold)
    private const double GoldenSection = 0.3819660; // (3 − √5)/2 (scipy's _cg)
    private const double GrowLimit = 110;
    private const double MinTolerance = 1e-11;      // absolute floor of Brent's tolerance (scipy's _mintol)
    private const int MaxBrentIterations = 500;
    private const int MaxBracketIterations = 1000;

    private static readonly Func<double, double> s_identity = static t => t;
    private static readonly Func<double, double> s_tangent = Math.Tan;

    private readonly ObjectiveEvaluator<TSource> _objective;
    private readonly double[] _point;
    private double[] _x = [];
    private double[] _d = [];

    public LineMinimizer(ObjectiveEvaluator<TSource> objective)
    {
        _objective = objective;
        _point = new double[objective.N];
    }

    /// <summary>The best step found so far and its value (kept when the budget runs out mid-search).</summary>
    public double BestStep { get; private set; }

    public double BestValue { get; private set; }

    private bool _searching;

    /// <summary>After an interrupted search, moves x (the search's origin) to its best point and returns f there;
    /// otherwise returns <paramref name="fval"/>.</summary>
    public double MoveToBest(double[] x, double fval)
    {
        if (!_searching || !(BestValue < fval))
            return fval;
        for (int i = 0; i < x.Length; i++)
            x[i] += BestStep * _d[i];
        _searching = false;
        return BestValue;
    }

    /// <summary>Minimizes along d from x with f(x) = <paramref name="f0"/>; returns the step and sets <paramref name="value"/>.
    /// Throws <see cref="BudgetExhausted"/> when the budget runs out.</summary>
    public double Minimize(double[] x, double[] d, double f0, double tolerance, bool reevaluateStart, out double value)
    {
        _x = x;
        _d = d;
        BestStep = 0;
        BestValue = f0;
        _searching = true;
        double fa = reevaluateStart ? Phi(0) : f0;
        double fb = Phi(1);
        var (a, b, c, fbest) = Bracket(0, 1, fa, fb);
        double step = Brent(a, b, c, fbest, tolerance, out value);
        _searching = false;
        return step;
    }

    /// <summary>Minimizes along d from x over α ∈ [<paramref name="low"/>, <paramref name="high"/>] by Brent's
    /// localmin with absolute tolerance <paramref name="tolerance"/>/3 + √ε·|α|.</summary>
    public double MinimizeOn(double[] x, double[] d, double f0, double low, double high, double tolerance, out double value)
    {
        _x = x;
        _d = d;
        BestStep = 0;
        BestValue = f0;
        _searching = true;
        double step = double.IsFinite(low) && double.IsFinite(high)
            ? LocalMin(low, high, tolerance, s_identity, out value)
            // A half-line: minimize over θ = atan α, which maps it onto a finite interval (as scipy does).
            : Math.Tan(LocalMin(Math.Atan(low), Math.Atan(high), tolerance, s_tangent, out value));
        _searching = false;
        return step;
    }

    private (double A, double B, double C, double Fb) Bracket(double xa, double xb, double fa, double fb)
    {
        if (fa < fb)
        {
            (xa, xb) = (xb, xa);
            (fa, fb) = (fb, fa);
        }
        double xc = xb + Golden * (xb - xa);
        double fc = Phi(xc);
        int iterations = 0;
        while (fc < fb)
        {
            double tmp1 = (xb - xa) * (fb - fc);
            double tmp2 = (xb - xc) * (fb - fa);
            double val = tmp2 - tmp1;
            double denom = Math.Abs(val) < 1e-21 ? 2.0 * 1e-21 : 2.0 * val;
            double w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
            double wlim = xb + GrowLimit * (xc - xb);
            if (++iterations > MaxBracketIterations || !double.IsFinite(xc))
                break;   // f decreases without bound along the line: Brent works on the last three points
            double fw;
            if ((w - xc) * (xb - w) > 0.0)
            {
                fw = Phi(w);
                if (fw < fc)
                    return (xb, w, xc, fw);
                if (fw > fb)
                    return (xa, xb, w, fb);
                w = xc + Golden * (xc - xb);
                fw = Phi(w);
            }
            else if ((w - wlim) * (wlim - xc) >= 0.0)
            {
                w = wlim;
                fw = Phi(w);
            }
            else if ((w - wlim) * (xc - w) > 0.0)
            {
                fw = Phi(w);
                if (fw < fc)
                {
                    xb = xc;
                    xc = w;
                    w = xc + Golden * (xc - xb);
                    fb = fc;
                    fc = fw;
                    fw = Phi(w);
                }
            }
            else
            {
                w = xc + Golden * (xc - xb);
                fw = Phi(w);
            }
            xa = xb;
            xb = xc;
            xc = w;
            fa = fb;
            fb = fc;
            fc = fw;
        }
        return (xa, xb, xc, fb);
    }

    private double Brent(double xa, double xb, double xc, double fb, double tol, out double value)
    {
        double x = xb, w = xb, v = xb;
        double fx = fb, fw = fb, fv = fb;
        double a = Math.Min(xa, xc), b = Math.Max(xa, xc);
        double deltax = 0, rat = 0;
        for (int iteration = 0; iteration < MaxBrentIterations; iteration++)
        {
            double tol1 = tol * Math.Abs(x) + MinTolerance;
            double tol2 = 2.0 * tol1;
            double xmid = 0.5 * (a + b);
            if (Math.Abs(x - xmid) < tol2 - 0.5 * (b - a))
                break;
            if (Math.Abs(deltax) <= tol1)
            {
                deltax = x >= xmid ? a - x : b - x;
                rat = GoldenSection * deltax;
            }
            else
            {
                double tmp1 = (x - w) * (fx - fv);
                double tmp2 = (x - v) * (fx - fw);
                double p = (x - v) * tmp2 - (x - w) * tmp1;
                tmp2 = 2.0 * (tmp2 - tmp1);
                if (tmp2 > 0.0)
                    p = -p;
                tmp2 = Math.Abs(tmp2);
                double previous = deltax;
                deltax = rat;
                if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.Abs(p) < Math.Abs(0.5 * tmp2 * previous))
                {
                    rat = p * 1.0 / tmp2;
                    double trial = x + rat;
                    if (trial - a < tol2 || b - trial < tol2)
                        rat = xmid - x >= 0 ? tol1 : -tol1;
                }
                else
                {
                    deltax = x >= xmid ? a - x : b - x;
                    rat = GoldenSection * deltax;
                }
            }
            double u = Math.Abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
            double fu = Phi(u);
            if (fu > fx)
            {
                if (u < x)
                    a = u;
                else
                    b = u;
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
                    a = x;
                else
                    b = x;
                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            }
        }
        value = fx;
        return x;
    }

    /// <summary>Brent's localmin on [a, b] for φ(map(t)).</summary>
    private double LocalMin(double a, double b, double xatol, Func<double, double> map, out double value)
    {
        const double sqrtEps = 1.4832396974191326e-8;   // √(2.2e-16), as scipy's fminbound
        double goldenMean = 0.5 * (3.0 - Math.Sqrt(5.0));
        double fulc = a + goldenMean * (b - a);
        double nfc = fulc, xf = fulc;
        double rat = 0, e = 0;
        double fx = Phi(map(xf));
        double ffulc = fx, fnfc = fx;
        double xm = 0.5 * (a + b);
        double tol1 = sqrtEps * Math.Abs(xf) + xatol / 3.0;
        double tol2 = 2.0 * tol1;
        for (int iteration = 1; Math.Abs(xf - xm) > tol2 - 0.5 * (b - a) && iteration < MaxBrentIterations; iteration++)
        {
            bool golden = true;
            if (Math.Abs(e) > tol1)
            {
                golden = false;
                double r = (xf - nfc) * (fx - ffulc);
                double q = (xf - fulc) * (fx - fnfc);
                double p = (xf - fulc) * q - (xf - nfc) * r;
                q = 2.0 * (q - r);
                if (q > 0.0)
                    p = -p;
                q = Math.Abs(q);
                r = e;
                e = rat;
                if (Math.Abs(p) < Math.Abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf))
                {
                    rat = p / q;
                    double trial = xf + rat;
                    if (trial - a < tol2 || b - trial < tol2)
                        rat = tol1 * (xm - xf >= 0 ? 1 : -1);
                }
                else
                {
                    golden = true;
                }
            }
            if (golden)
            {
                e = xf >= xm ? a - xf : b - xf;
                rat = goldenMean * e;
            }
            double x = xf + (rat >= 0 ? 1 : -1) * Math.Max(Math.Abs(rat), tol1);
            double fu = Phi(map(x));
            if (fu <= fx)
            {
                if (x >= xf)
                    a = xf;
                else
                    b = xf;
                fulc = nfc;
                ffulc = fnfc;
                nfc = xf;
                fnfc = fx;
                xf = x;
                fx = fu;
            }
            else
            {
                if (x < xf)
                    a = x;
                else
                    b = x;
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
            tol1 = sqrtEps * Math.Abs(xf) + xatol / 3.0;
            tol2 = 2.0 * tol1;
        }
        value = fx;
        return xf;
    }

    private double Phi(double alpha)
    {
        if (!_objective.CanEvaluate())
            throw new BudgetExhausted();
        for (int i = 0; i < _point.Length; i++)
            _point[i] = _x[i] + alpha * _d[i];
        double f = _objective.Value(_point);
        if (double.IsNaN(f))
            f = double.PositiveInfinity;
        if (f < BestValue)
        {
            BestValue = f;
            BestStep = alpha;
        }
        return f;
    }
}

/// <summary>Unwinds a derivative-free line search when the evaluation budget is spent.</summary>
internal sealed class BudgetExhausted : Exception
{
}
