// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Optimization;

/// <summary>BFGS with a dense inverse-Hessian approximation (see <see cref="BfgsOptions"/>).</summary>
internal static class Bfgs
{
    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, BfgsOptions options)
        where TSource : struct, IObjectiveSource
    {
        int n = objective.N;
        int maxIterations = options.IterationLimit(n);
        bool scipy = options.ScipyCurvatureFallback;
        var x = (double[])objective.Start.Clone();
        var g = new double[n];
        var p = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[n];
        var y = new double[n];
        var hy = new double[n];
        var h = new double[n * n];
        double[]? scipyWork = null;
        SetIdentity(h, n, 1);
        bool identity = true;

        double f = objective.ValueAndGradient(x, g);
        objective.RequireFiniteStart(f, g);
        double fOld = f + Norm2(g) / 2;   // scipy's guess of the previous value, which makes the first step 1.01/‖g‖₂
        double gnorm = NormInf(g);
        int k = 0;
        var settings = scipy ? WolfeSettings.Scipy(0.9) : WolfeSettings.Default(0.9);
        var termination = MinimizationTermination.GradientTolerance;
        while (true)
        {
            if (gnorm <= options.GradientTolerance)
            {
                termination = MinimizationTermination.GradientTolerance;
                break;
            }
            if (k >= maxIterations)
            {
                termination = MinimizationTermination.MaxIterations;
                break;
            }
            LineSearchOutcome outcome;
            double fNew, alpha;
            while (true)
            {
                Multiply(h, g, p, n, -1);
                double slope = WolfeLineSearch.Dot(g, p);
                if (!(slope < 0) && !identity)
                {
                    SetIdentity(h, n, 1);
                    identity = true;
                    continue;
                }
                double alpha0 = k == 0 || options.InterpolateInitialStep ? ScipyInitialStep(f, fOld, slope) : 1;
                outcome = WolfeLineSearch.Search(objective, x, p, f, slope, alpha0, settings, xNew, gNew, out fNew, out alpha);
                if (outcome != LineSearchOutcome.Failed || identity || scipy)
                    break;
                // A failed search along the quasi-Newton direction gets one more chance along steepest descent.
                SetIdentity(h, n, 1);
                identity = true;
            }
            if (outcome is not (LineSearchOutcome.Wolfe or LineSearchOutcome.SufficientDecrease))
            {
                termination = Stop(outcome);
                break;
            }
            for (int i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fOld = f;
            f = fNew;
            k++;
            gnorm = NormInf(g);
            objective.Report(k, f, gnorm, x);
            if (gnorm <= options.GradientTolerance)
                continue;
            double ys = WolfeLineSearch.Dot(y, s);
            if (scipy)
            {
                double rho = 1.0 / ys;
                if (double.IsInfinity(rho))
                    rho = 1000.0;
                ScipyUpdate(h, s, y, rho, n, scipyWork ??= new double[3 * n * n]);
                identity = false;
            }
            else if (ys > 2.220446049250313e-16 * Norm2(y) * Norm2(s))
            {
                if (identity && options.ScaleInitialHessian)
                    SetIdentity(h, n, ys / WolfeLineSearch.Dot(y, y));
                Update(h, s, y, hy, 1 / ys, n);
                identity = false;
            }
        }
        var inverse = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inverse[i, j] = h[i * n + j];
        return objective.Result(options.Method, x, f, g, gnorm, k, termination, Messages.For(termination, options.GradientTolerance), inverse);
    }

    /// <summary>scipy's first trial min(1, 1.01·2(f − f_prev)/φ′(0)), or 1 when that is not positive.</summary>
    internal static double ScipyInitialStep(double f, double fOld, double slope)
    {
        if (slope == 0)
            return 1;
        double alpha = Math.Min(1.0, 1.01 * 2 * (f - fOld) / slope);
        return alpha < 0 || double.IsNaN(alpha) ? 1 : alpha;
    }

    internal static MinimizationTermination Stop(LineSearchOutcome outcome) => outcome switch
    {
        LineSearchOutcome.RoundingLevel => MinimizationTermination.MachinePrecision,
        LineSearchOutcome.NonFinite => MinimizationTermination.NonFiniteValue,
        LineSearchOutcome.Budget => MinimizationTermination.MaxFunctionEvaluations,
        _ => MinimizationTermination.LineSearchFailed,
    };

    /// <summary>H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ in O(n²): H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ²yᵀHy + ρ)ssᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(double[] h, double[] s, double[] y, double[] hy, double rho, int n)
    {
        Multiply(h, y, hy, n, 1);
        double yhy = WolfeLineSearch.Dot(y, hy);
        double c = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++)
        {
            int row = i * n;
            for (int j = 0; j < n; j++)
                h[row + j] += c * s[i] * s[j] - rho * (s[i] * hy[j] + hy[i] * s[j]);
        }
    }

    /// <summary>scipy's form of the update, A₁·H·A₂ + ρssᵀ with A₁ = I − ρsyᵀ and A₂ = I − ρysᵀ, as matrix products
    /// (O(n³)), so that the preset's iterates round as scipy's do.</summary>
    private static void ScipyUpdate(double[] h, double[] s, double[] y, double rho, int n, double[] work)
    {
        var a1 = work.AsSpan(0, n * n);
        var a2 = work.AsSpan(n * n, n * n);
        var t = work.AsSpan(2 * n * n, n * n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a1[i * n + j] = (i == j ? 1 : 0) - s[i] * y[j] * rho;
                a2[i * n + j] = (i == j ? 1 : 0) - y[i] * s[j] * rho;
            }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int l = 0; l < n; l++)
                    sum += a1[i * n + l] * h[l * n + j];
                t[i * n + j] = sum;
            }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int l = 0; l < n; l++)
                    sum += t[i * n + l] * a2[l * n + j];
                h[i * n + j] = sum + rho * s[i] * s[j];
            }
    }

    private static void Multiply(double[] h, ReadOnlySpan<double> v, Span<double> result, int n, double sign)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            int row = i * n;
            for (int j = 0; j < n; j++)
                sum += h[row + j] * v[j];
            result[i] = sign * sum;
        }
    }

    private static void SetIdentity(double[] h, int n, double scale)
    {
        Array.Clear(h);
        for (int i = 0; i < n; i++)
            h[i * n + i] = scale;
    }

    internal static double NormInf(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double value in v)
            m = Math.Max(m, Math.Abs(value));
        return double.IsNaN(m) ? double.NaN : m;
    }

    internal static double Norm2(ReadOnlySpan<double> v)
    {
        double scale = 0, sum = 1;
        foreach (double value in v)
        {
            if (value == 0)
                continue;
            double a = Math.Abs(value);
            if (scale < a)
            {
                sum = 1 + sum * (scale / a) * (scale / a);
                scale = a;
            }
            else
            {
                sum += a / scale * (a / scale);
            }
        }
        return scale * Math.Sqrt(sum);
    }
}
