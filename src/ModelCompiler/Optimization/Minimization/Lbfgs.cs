// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Limited-memory BFGS by the two-loop recursion (see <see cref="LbfgsOptions"/>).</summary>
internal static class Lbfgs
{
    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, LbfgsOptions options)
        where TSource : struct, IObjectiveSource
    {
        int n = objective.N;
        int m = Math.Max(1, Math.Min(options.Memory, n));
        int maxIterations = options.IterationLimit(n);
        var x = (double[])objective.Start.Clone();
        var g = new double[n];
        var p = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[m][];
        var y = new double[m][];
        for (int j = 0; j < m; j++)
        {
            s[j] = new double[n];
            y[j] = new double[n];
        }
        var rho = new double[m];
        var a = new double[m];
        int stored = 0, newest = -1;

        double f = objective.ValueAndGradient(x, g);
        objective.RequireFiniteStart(f, g);
        double fOld = f + Bfgs.Norm2(g) / 2;
        double gnorm = Bfgs.NormInf(g);
        var settings = WolfeSettings.Default(0.9);
        int k = 0;
        MinimizationTermination termination;
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
                TwoLoop(g, p, s, y, rho, a, stored, newest, m);
                double slope = WolfeLineSearch.Dot(g, p);
                if (!(slope < 0) && stored > 0)
                {
                    stored = 0;
                    continue;
                }
                double alpha0 = stored == 0 ? Bfgs.ScipyInitialStep(f, fOld, slope) : 1;
                outcome = WolfeLineSearch.Search(objective, x, p, f, slope, alpha0, settings, xNew, gNew, out fNew, out alpha);
                if (outcome != LineSearchOutcome.Failed || stored == 0)
                    break;
                stored = 0;   // one more try along steepest descent, with the memory dropped
            }
            if (outcome is not (LineSearchOutcome.Wolfe or LineSearchOutcome.SufficientDecrease))
            {
                termination = Bfgs.Stop(outcome);
                break;
            }
            int slot = (newest + 1) % m;
            double ys = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                s[slot][i] = xNew[i] - x[i];
                y[slot][i] = gNew[i] - g[i];
                ys += s[slot][i] * y[slot][i];
                yy += y[slot][i] * y[slot][i];
            }
            if (ys > 2.220446049250313e-16 * yy)
            {
                rho[slot] = 1 / ys;
                newest = slot;
                stored = Math.Min(stored + 1, m);
            }
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fOld = f;
            f = fNew;
            k++;
            gnorm = Bfgs.NormInf(g);
            objective.Report(k, f, gnorm, x);
        }
        return objective.Result(options.Method, x, f, g, gnorm, k, termination, Messages.For(termination, options.GradientTolerance));
    }

    /// <summary>p = −H∇f by the two-loop recursion over the stored pairs, newest first, with H₀ = (sᵀy/yᵀy)I.</summary>
    private static void TwoLoop(double[] g, double[] p, double[][] s, double[][] y, double[] rho, double[] a,
                                int stored, int newest, int m)
    {
        int n = g.Length;
        for (int i = 0; i < n; i++)
            p[i] = -g[i];
        if (stored == 0)
            return;
        for (int l = 0; l < stored; l++)
        {
            int j = ((newest - l) % m + m) % m;
            a[j] = rho[j] * WolfeLineSearch.Dot(s[j], p);
            var yj = y[j];
            for (int i = 0; i < n; i++)
                p[i] -= a[j] * yj[i];
        }
        double gamma = 1 / (rho[newest] * WolfeLineSearch.Dot(y[newest], y[newest]));
        for (int i = 0; i < n; i++)
            p[i] *= gamma;
        for (int l = stored - 1; l >= 0; l--)
        {
            int j = ((newest - l) % m + m) % m;
            double b = rho[j] * WolfeLineSearch.Dot(y[j], p);
            var sj = s[j];
            for (int i = 0; i < n; i++)
                p[i] += (a[j] - b) * sj[i];
        }
    }
}
