// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Optimization;

/// <summary>L-BFGS-B (see <see cref="LbfgsbOptions"/>): Byrd, Lu, Nocedal &amp; Zhu (1995) with Morales &amp; Nocedal (2011).</summary>
internal static class Lbfgsb
{
    private const double Epsilon = 2.220446049250313e-16;

    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, LbfgsbOptions options)
        where TSource : struct, IObjectiveSource
    {
        int n = objective.N;
        int maxIterations = options.IterationLimit(n);
        var lower = objective.Lower ?? Filled(n, double.NegativeInfinity);
        var upper = objective.Upper ?? Filled(n, double.PositiveInfinity);
        bool boxed = true;
        for (int i = 0; i < n; i++)
            boxed &= double.IsFinite(lower[i]) && double.IsFinite(upper[i]);
        bool constrained = objective.Lower is not null;

        var memory = new CompactLbfgs(n, Math.Max(1, options.Memory));
        var work = new Workspace(n, Math.Max(1, options.Memory));
        var x = (double[])objective.Start.Clone();
        var g = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var d = new double[n];
        var cauchy = new double[n];
        var s = new double[n];
        var y = new double[n];

        double f = objective.ValueAndGradient(x, g);
        objective.RequireFiniteStart(f, g);
        double pgnorm = ProjectedGradientNorm(x, g, lower, upper);
        int k = 0;
        MinimizationTermination termination;
        var settings = new WolfeSettings(1e-3, 0.9, 0.1, 0, double.PositiveInfinity, 20);
        while (true)
        {
            if (pgnorm <= options.GradientTolerance)
            {
                if (constrained && objective.CanEvaluate())
                    f = OntoReachableBounds(objective, f, ref x, ref g, ref xNew, ref gNew, lower, upper, out pgnorm);
                termination = MinimizationTermination.GradientTolerance;
                break;
            }
            if (k >= maxIterations)
            {
                termination = MinimizationTermination.MaxIterations;
                break;
            }
            LineSearchOutcome outcome;
            double fNew, step;
            while (true)
            {
                CauchyPoint(x, g, lower, upper, memory, work, cauchy);
                SubspaceStep(x, g, lower, upper, memory, work, cauchy, xNew);
                double slope = 0, dnorm = 0;
                for (int i = 0; i < n; i++)
                {
                    d[i] = xNew[i] - x[i];
                    slope += g[i] * d[i];
                    dnorm += d[i] * d[i];
                }
                dnorm = Math.Sqrt(dnorm);
                if (!(slope < 0))
                {
                    // No descent from the model (rounding, or a stale memory): restart without memory once.
                    if (memory.Count > 0)
                    {
                        memory.Clear();
                        continue;
                    }
                    outcome = LineSearchOutcome.RoundingLevel;
                    fNew = f;
                    step = 0;
                    break;
                }
                double maxStep = constrained ? (k == 0 && memory.Count == 0 ? 1 : MaxFeasibleStep(x, d, lower, upper)) : double.PositiveInfinity;
                double step0 = k == 0 && memory.Count == 0 && !boxed ? Math.Min(1 / dnorm, maxStep) : Math.Min(1, maxStep);
                outcome = WolfeLineSearch.Search(objective, x, d, f, slope, step0,
                                                 settings with { MaxStep = Math.Max(maxStep, step0) }, xNew, gNew, out fNew, out step);
                if (outcome != LineSearchOutcome.Failed || memory.Count == 0)
                    break;
                memory.Clear();   // L-BFGS-B's recovery: drop the memory and redo the iteration
            }
            if (outcome is not (LineSearchOutcome.Wolfe or LineSearchOutcome.SufficientDecrease))
            {
                termination = Bfgs.Stop(outcome);
                break;
            }
            Project(xNew, lower, upper);   // x + αd may leave the box by rounding
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            double fOld = f;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            f = fNew;
            k++;
            pgnorm = ProjectedGradientNorm(x, g, lower, upper);
            objective.Report(k, f, pgnorm, x);
            if (pgnorm <= options.GradientTolerance)
                continue;
            if (fOld - f <= options.FunctionTolerance * Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(f)), 1))
            {
                termination = MinimizationTermination.FunctionTolerance;
                break;
            }
            if (sy > Epsilon * yy)
                memory.Add(s, y, sy, yy);
        }
        return objective.Result(options.Method, x, f, g, pgnorm, k, termination,
            Messages.For(termination, termination == MinimizationTermination.FunctionTolerance ? options.FunctionTolerance : options.GradientTolerance));
    }

    /// <summary>
    /// At a stop by the projected gradient: the unknowns whose gradient reaches past the bound it points at, but which
    /// are not on it, are moved onto it when that lowers f and does not raise the projected gradient. Their component
    /// of the projected gradient is their distance to the bound, so a box narrower than the tolerance met the test at
    /// whichever end the method started: (x − 5)² on [0, 1e-9] from 0 stopped at 0. Costs one value and gradient, only
    /// where such unknowns exist. Returns f at the point kept, in <paramref name="x"/> and <paramref name="g"/>.
    /// </summary>
    private static double OntoReachableBounds<TSource>(ObjectiveEvaluator<TSource> objective, double f, ref double[] x, ref double[] g,
                                                       ref double[] trial, ref double[] trialGradient, double[] lower, double[] upper,
                                                       out double pgnorm)
        where TSource : struct, IObjectiveSource
    {
        bool any = false;
        for (int i = 0; i < x.Length; i++)
        {
            double bound = g[i] < 0 ? upper[i] : g[i] > 0 ? lower[i] : x[i];
            trial[i] = x[i];
            if (double.IsFinite(bound) && bound != x[i] && Math.Abs(bound - x[i]) <= Math.Abs(g[i]))
            {
                trial[i] = bound;
                any = true;
            }
        }
        pgnorm = ProjectedGradientNorm(x, g, lower, upper);
        if (!any)
            return f;
        double ft = objective.ValueAndGradient(trial, trialGradient), trialNorm = ProjectedGradientNorm(trial, trialGradient, lower, upper);
        if (ft < f && trialNorm <= pgnorm)
        {
            (x, trial) = (trial, x);
            (g, trialGradient) = (trialGradient, g);
            (f, pgnorm) = (ft, trialNorm);
        }
        return f;
    }

    /// <summary>
    /// ‖P(x − g) − x‖∞, P the projection onto the box, each component as min(|gᵢ|, distance to the bound it points
    /// at): P(x − g) − x in floating point is 0 once |xᵢ| exceeds |gᵢ|/ε, which would report a far-off point, or an
    /// objective falling without end, as converged.
    /// </summary>
    internal static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g, double[] lower, double[] upper)
    {
        double norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double step = g[i] < 0 ? Math.Min(-g[i], upper[i] - x[i]) : Math.Min(g[i], x[i] - lower[i]);   // NaN stays NaN
            norm = Math.Max(norm, step);
        }
        return norm;
    }

    /// <summary>
    /// The generalized Cauchy point: the first local minimizer of the model along the projected steepest-descent path
    /// x(t) = P(x − tg), segment by segment between the breakpoints (BLNZ Algorithm CP). Leaves c = Wᵀ(xᶜ − x) in
    /// the workspace for the subspace step, and marks the variables it fixed at bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CauchyPoint(double[] x, double[] g, double[] lower, double[] upper, CompactLbfgs memory,
                                    Workspace work, double[] cauchy)
    {
        int n = x.Length, w = memory.Width;
        double theta = memory.Theta;
        var d = work.Direction;
        var p = work.P;
        var c = work.C;
        var mp = work.Mp;
        var mc = work.Mc;
        var wb = work.Wb;
        var breakpoints = work.Breakpoints;
        int count = 0;
        double fPrime = 0;
        for (int i = 0; i < n; i++)
        {
            double t = g[i] < 0 ? (x[i] - upper[i]) / g[i] : g[i] > 0 ? (x[i] - lower[i]) / g[i] : double.PositiveInfinity;
            work.AtBound[i] = false;
            if (t == 0)
            {
                d[i] = 0;
            }
            else
            {
                d[i] = -g[i];
                fPrime -= d[i] * d[i];
                if (double.IsFinite(t))
                    breakpoints[count++] = (t, i);
            }
        }
        breakpoints.AsSpan(0, count).Sort(static (a, b) => a.T != b.T ? a.T.CompareTo(b.T) : a.Index.CompareTo(b.Index));
        if (w > 0)
            memory.TransposeTimes(d, p);
        for (int j = 0; j < w; j++)
        {
            c[j] = 0;
            mp[j] = p[j];
        }
        if (w > 0)
            memory.SolveMiddle(mp.AsSpan(0, w));
        double fSecond = -theta * fPrime - Dot(p, mp, w);
        double fSecondFloor = Epsilon * fSecond;
        double dtMin = fSecond > 0 ? -fPrime / fSecond : double.PositiveInfinity;
        double tOld = 0;
        int next = 0;
        double tNext = count > 0 ? breakpoints[0].T : double.PositiveInfinity;
        double dt = tNext;
        while (next < count && dtMin >= dt)
        {
            int b = breakpoints[next].Index;
            double gb = g[b];
            double bound = d[b] > 0 ? upper[b] : lower[b];
            double zb = bound - x[b];
            cauchy[b] = bound;
            work.AtBound[b] = true;
            for (int j = 0; j < w; j++)
                c[j] += dt * p[j];
            if (w > 0)
            {
                for (int j = 0; j < w; j++)
                {
                    wb[j] = memory.W(b, j);
                    mc[j] = c[j];
                }
                memory.SolveMiddle(mc.AsSpan(0, w));
                var mwb = work.Mwb;
                for (int j = 0; j < w; j++)
                    mwb[j] = wb[j];
                memory.SolveMiddle(mwb.AsSpan(0, w));
                fPrime += dt * fSecond + gb * gb + theta * gb * zb - gb * Dot(wb, mc, w);
                fSecond += -theta * gb * gb - 2 * gb * Dot(wb, mp, w) - gb * gb * Dot(wb, mwb, w);
                for (int j = 0; j < w; j++)
                {
                    p[j] += gb * wb[j];
                    mp[j] += gb * mwb[j];   // M(p + g_b w_b) = Mp + g_b Mw_b
                }
            }
            else
            {
                fPrime += dt * fSecond + gb * gb + theta * gb * zb;
                fSecond += -theta * gb * gb;
            }
            fSecond = Math.Max(fSecond, fSecondFloor);
            d[b] = 0;
            dtMin = fSecond > 0 ? -fPrime / fSecond : double.PositiveInfinity;
            tOld = tNext;
            next++;
            tNext = next < count ? breakpoints[next].T : double.PositiveInfinity;
            dt = tNext - tOld;
        }
        dtMin = Math.Max(dtMin, 0);
        if (double.IsPositiveInfinity(dtMin))
            dtMin = 0;   // no curvature and no breakpoint: cannot happen with θ > 0; stay put rather than overflow
        tOld += dtMin;
        for (int i = 0; i < n; i++)
            if (!work.AtBound[i])
                cauchy[i] = x[i] + tOld * d[i];
        for (int j = 0; j < w; j++)
            c[j] += dtMin * p[j];
    }

    /// <summary>
    /// Minimizes the model over the variables free at the Cauchy point (direct primal method, BLNZ §5.1), projects
    /// the result onto the box and keeps it when it gives a descent direction from x (Morales &amp; Nocedal 2011),
    /// else backtracks from the Cauchy point along the unconstrained step to the box. Writes the point to <paramref name="result"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SubspaceStep(double[] x, double[] g, double[] lower, double[] upper, CompactLbfgs memory,
                                     Workspace work, double[] cauchy, double[] result)
    {
        int n = x.Length, w = memory.Width;
        double theta = memory.Theta;
        cauchy.CopyTo(result, 0);
        var free = work.Free;
        int t = 0;
        for (int i = 0; i < n; i++)
            if (cauchy[i] > lower[i] && cauchy[i] < upper[i])
                free[t++] = i;
        if (t == 0)
            return;
        var mc = work.Mc;
        for (int j = 0; j < w; j++)
            mc[j] = work.C[j];
        if (w > 0)
            memory.SolveMiddle(mc.AsSpan(0, w));
        var r = work.Reduced;
        for (int l = 0; l < t; l++)
        {
            int i = free[l];
            r[l] = g[i] + theta * (cauchy[i] - x[i]) - (w > 0 ? memory.RowDot(i, mc) : 0);
        }
        var du = work.SubspaceStep;
        if (w == 0)
        {
            for (int l = 0; l < t; l++)
                du[l] = -r[l] / theta;
        }
        else
        {
            // v = M·WᵀZ·r; N = I − (1/θ)·M·WᵀZZᵀW; du = −r/θ − ZᵀW·N⁻¹v/θ².
            var v = work.V;
            var a = work.A;
            Array.Clear(v, 0, w);
            Array.Clear(a, 0, w * w);
            var row = work.Wb;
            for (int l = 0; l < t; l++)
            {
                int i = free[l];
                for (int j = 0; j < w; j++)
                    row[j] = memory.W(i, j);
                for (int j = 0; j < w; j++)
                {
                    v[j] += row[j] * r[l];
                    double rj = row[j];
                    for (int q = 0; q < w; q++)
                        a[j * w + q] += rj * row[q];
                }
            }
            memory.SolveMiddle(v.AsSpan(0, w));
            var nMatrix = work.N;
            var column = work.Mwb;
            for (int q = 0; q < w; q++)
            {
                for (int j = 0; j < w; j++)
                    column[j] = a[j * w + q];
                memory.SolveMiddle(column.AsSpan(0, w));
                for (int j = 0; j < w; j++)
                    nMatrix[j * w + q] = (j == q ? 1 : 0) - column[j] / theta;
            }
            if (!DenseLu.Solve(nMatrix, v, w, work.Pivot))
            {
                for (int l = 0; l < t; l++)
                    du[l] = -r[l] / theta;
            }
            else
            {
                for (int l = 0; l < t; l++)
                    du[l] = -r[l] / theta - memory.RowDot(free[l], v) / (theta * theta);
            }
        }

        // Morales–Nocedal: project the subspace minimizer onto the box; keep it if it is a descent direction.
        double slope = 0;
        for (int l = 0; l < t; l++)
        {
            int i = free[l];
            result[i] = Math.Clamp(cauchy[i] + du[l], lower[i], upper[i]);
        }
        for (int i = 0; i < n; i++)
            slope += g[i] * (result[i] - x[i]);
        if (slope < 0)
            return;
        // Otherwise the original: the longest step along du from the Cauchy point that stays in the box.
        double alpha = 1;
        for (int l = 0; l < t; l++)
        {
            int i = free[l];
            if (du[l] > 0)
                alpha = Math.Min(alpha, (upper[i] - cauchy[i]) / du[l]);
            else if (du[l] < 0)
                alpha = Math.Min(alpha, (lower[i] - cauchy[i]) / du[l]);
        }
        alpha = Math.Max(alpha, 0);
        for (int l = 0; l < t; l++)
        {
            int i = free[l];
            result[i] = cauchy[i] + alpha * du[l];
        }
    }

    /// <summary>The largest α with lower ≤ x + αd ≤ upper.</summary>
    private static double MaxFeasibleStep(double[] x, double[] d, double[] lower, double[] upper)
    {
        double step = double.PositiveInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] > 0 && double.IsFinite(upper[i]))
                step = Math.Min(step, (upper[i] - x[i]) / d[i]);
            else if (d[i] < 0 && double.IsFinite(lower[i]))
                step = Math.Min(step, (lower[i] - x[i]) / d[i]);
        }
        return Math.Max(step, 0);
    }

    private static void Project(double[] x, double[] lower, double[] upper)
    {
        for (int i = 0; i < x.Length; i++)
            x[i] = Math.Clamp(x[i], lower[i], upper[i]);
    }

    private static double Dot(double[] a, double[] b, int length)
    {
        double sum = 0;
        for (int i = 0; i < length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    private static double[] Filled(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }

    /// <summary>Every buffer an iteration needs, allocated once.</summary>
    private sealed class Workspace(int n, int m)
    {
        public readonly double[] Direction = new double[n];
        public readonly bool[] AtBound = new bool[n];
        public readonly (double T, int Index)[] Breakpoints = new (double, int)[n];
        public readonly int[] Free = new int[n];
        public readonly double[] Reduced = new double[n];
        public readonly double[] SubspaceStep = new double[n];
        public readonly double[] P = new double[2 * m];
        public readonly double[] C = new double[2 * m];
        public readonly double[] Mp = new double[2 * m];
        public readonly double[] Mc = new double[2 * m];
        public readonly double[] Wb = new double[2 * m];
        public readonly double[] Mwb = new double[2 * m];
        public readonly double[] V = new double[2 * m];
        public readonly double[] A = new double[4 * m * m];
        public readonly double[] N = new double[4 * m * m];
        public readonly int[] Pivot = new int[2 * m];
    }
}

/// <summary>Small dense LU solves with partial pivoting.</summary>
internal static class DenseLu
{
    /// <summary>Solves A·x = b in place (A row-major n×n, overwritten); false when A is singular.</summary>
    public static bool Solve(double[] a, double[] b, int n, int[] pivot)
    {
        for (int c = 0; c < n; c++)
        {
            int p = c;
            double best = Math.Abs(a[c * n + c]);
            for (int r = c + 1; r < n; r++)
            {
                double v = Math.Abs(a[r * n + c]);
                if (v > best)
                {
                    best = v;
                    p = r;
                }
            }
            if (!(best > 0) || !double.IsFinite(best))
                return false;
            pivot[c] = p;
            if (p != c)
            {
                for (int j = 0; j < n; j++)
                    (a[c * n + j], a[p * n + j]) = (a[p * n + j], a[c * n + j]);
                (b[c], b[p]) = (b[p], b[c]);
            }
            for (int r = c + 1; r < n; r++)
            {
                double factor = a[r * n + c] / a[c * n + c];
                if (factor == 0)
                    continue;
                for (int j = c + 1; j < n; j++)
                    a[r * n + j] -= factor * a[c * n + j];
                b[r] -= factor * b[c];
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int j = i + 1; j < n; j++)
                sum -= a[i * n + j] * b[j];
            b[i] = sum / a[i * n + i];
        }
        return true;
    }
}
