// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>The Nelder–Mead simplex method (see <see cref="NelderMeadOptions"/>).</summary>
internal static class NelderMead
{
    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, NelderMeadOptions options)
        where TSource : struct, IObjectiveSource
    {
        int n = objective.N;
        int maxIterations = options.IterationLimit(n);
        bool adaptive = options.Adaptive ?? n > 2;
        double rho = 1, chi = adaptive ? 1 + 2.0 / n : 2, psi = adaptive ? 0.75 - 1 / (2.0 * n) : 0.5, sigma = adaptive ? 1 - 1.0 / n : 0.5;
        double[]? lower = objective.Lower, upper = objective.Upper;

        var sim = new double[n + 1][];
        var fsim = new double[n + 1];
        InitialSimplex(objective.Start, options, sim);
        for (int j = 0; j <= n; j++)
            Clip(sim[j], lower, upper);
        var xbar = new double[n];
        var xr = new double[n];
        var xe = new double[n];
        var before = new double[n];

        int k = 0, restarts = 0;
        double restartValue = double.PositiveInfinity;
        // A restart checks a converged simplex; it leaves the values of f that the stationarity audit after the method
        // needs (its gradient and a probe or two per unknown), or a restart that spent the budget would leave the
        // convergence unaudited: against a wall of NaN, a simplex at f = −0.367873 was reported converged where moving
        // one unknown alone reaches −0.367879.
        int reserve = objective.GradientCost + 2 * n;
        bool CanEvaluate(int count = 1) => objective.CanEvaluate(restarts > 0 ? count + reserve : count);
        var termination = MinimizationTermination.MaxFunctionEvaluations;
        bool budget = true;
        for (int j = 0; j <= n; j++)
        {
            fsim[j] = double.PositiveInfinity;
        }
        for (int j = 0; j <= n && budget; j++)
        {
            if (!objective.CanEvaluate())
            {
                budget = false;
                break;
            }
            double f = objective.Value(sim[j]);
            if (j == 0 && !double.IsFinite(f) && options.InitialSimplex is null)
                throw new ArgumentException($"f is {f} at the start; the objective must be finite there.", "start");
            fsim[j] = Finite(f);
        }
        Sort(sim, fsim);

        while (budget)
        {
            if (SimplexConverged(sim, fsim, options.ParameterTolerance, options.FunctionTolerance))
            {
                // A converged simplex may have stagnated short of a minimum (McKinnon 1998): rebuild a full-size
                // simplex at the best vertex and go on while that lowers f by more than the function tolerance.
                if (restarts < options.Restarts && !(restartValue - fsim[0] <= options.FunctionTolerance) && objective.CanEvaluate(n + reserve))
                {
                    restarts++;
                    restartValue = fsim[0];
                    if (!Restart(objective, sim, fsim, options, lower, upper))
                    {
                        budget = false;
                        break;
                    }
                    Sort(sim, fsim);
                    continue;
                }
                termination = MinimizationTermination.SimplexTolerance;
                break;
            }
            if (k >= maxIterations)
            {
                termination = MinimizationTermination.MaxIterations;
                break;
            }
            var worst = sim[n];
            Array.Clear(xbar);
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                    xbar[i] += sim[j][i];
            for (int i = 0; i < n; i++)
                xbar[i] /= n;

            // Reflect.
            for (int i = 0; i < n; i++)
                xr[i] = (1 + rho) * xbar[i] - rho * worst[i];
            Clip(xr, lower, upper);
            if (!(budget = CanEvaluate()))
                break;
            double fxr = Finite(objective.Value(xr));
            bool shrink = false;
            if (fxr < fsim[0])
            {
                // Expand.
                for (int i = 0; i < n; i++)
                    xe[i] = (1 + rho * chi) * xbar[i] - rho * chi * worst[i];
                Clip(xe, lower, upper);
                if (!(budget = CanEvaluate()))
                {
                    Replace(sim, fsim, xr, fxr);
                    break;
                }
                double fxe = Finite(objective.Value(xe));
                if (fxe < fxr)
                    Replace(sim, fsim, xe, fxe);
                else
                    Replace(sim, fsim, xr, fxr);
            }
            else if (fxr < fsim[n - 1])
            {
                Replace(sim, fsim, xr, fxr);
            }
            else
            {
                // Contract outside when the reflection improved on the worst vertex, else inside.
                bool outside = fxr < fsim[n];
                for (int i = 0; i < n; i++)
                    xe[i] = outside ? (1 + psi * rho) * xbar[i] - psi * rho * worst[i] : (1 - psi) * xbar[i] + psi * worst[i];
                Clip(xe, lower, upper);
                if (!(budget = CanEvaluate()))
                    break;
                double fc = Finite(objective.Value(xe));
                if (outside ? fc <= fxr : fc < fsim[n])
                    Replace(sim, fsim, xe, fc);
                else
                    shrink = true;
            }
            if (shrink)
            {
                bool moved = false;
                for (int j = 1; j <= n; j++)
                {
                    sim[j].CopyTo(before, 0);
                    for (int i = 0; i < n; i++)
                        sim[j][i] = sim[0][i] + sigma * (sim[j][i] - sim[0][i]);
                    Clip(sim[j], lower, upper);
                    moved |= !sim[j].AsSpan().SequenceEqual(before);
                    if (!(budget = CanEvaluate()))
                        break;
                    fsim[j] = Finite(objective.Value(sim[j]));
                }
                if (budget && !moved)
                {
                    Sort(sim, fsim);
                    termination = MinimizationTermination.MachinePrecision;
                    k++;
                    break;
                }
            }
            k++;
            Sort(sim, fsim);
            if (budget)
                objective.Report(k, fsim[0], double.NaN, sim[0]);
        }
        Sort(sim, fsim);
        // A restart only checks a simplex that had converged. When the budget or the iteration limit ends the check
        // before it lowered f by more than the function tolerance, that convergence stands: in large units the check
        // cannot shrink its full-size simplex again within 200·n values, and the answer was reported as unconverged.
        if (restarts > 0 && termination is MinimizationTermination.MaxFunctionEvaluations or MinimizationTermination.MaxIterations
            && !(fsim[0] < restartValue - options.FunctionTolerance))
            termination = MinimizationTermination.SimplexTolerance;
        return objective.Result(options.Method, sim[0], fsim[0], default, double.NaN, k, termination, Messages.For(termination));
    }

    /// <summary>The start simplex: the options' own, or x₀ and x₀ + δⱼeⱼ (δⱼ = step·x₀ⱼ, or the zero step where x₀ⱼ = 0).</summary>
    private static void InitialSimplex(double[] x0, NelderMeadOptions options, double[][] sim)
    {
        int n = x0.Length;
        if (options.InitialSimplex is { } given)
        {
            if (given.GetLength(0) != n + 1 || given.GetLength(1) != n)
                throw new ArgumentException(
                    $"options.InitialSimplex is {given.GetLength(0)}×{given.GetLength(1)}; {n} free unknowns need {n + 1}×{n}.", "options");
            for (int j = 0; j <= n; j++)
            {
                sim[j] = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (!double.IsFinite(given[j, i]))
                        throw new ArgumentException($"options.InitialSimplex[{j}, {i}] is {given[j, i]}; it must be finite.", "options");
                    sim[j][i] = given[j, i];
                }
            }
            return;
        }
        sim[0] = (double[])x0.Clone();
        for (int k = 0; k < n; k++)
        {
            var y = (double[])x0.Clone();
            y[k] = y[k] != 0 ? (1 + options.InitialStep) * y[k] : options.ZeroStep;
            sim[k + 1] = y;
        }
    }

    /// <summary>Replaces every vertex but the best by the best one plus the start simplex's edge in each coordinate
    /// (clipped into the box), and evaluates them; false when the budget ran out.</summary>
    private static bool Restart<TSource>(ObjectiveEvaluator<TSource> objective, double[][] sim, double[] fsim,
                                         NelderMeadOptions options, double[]? lower, double[]? upper)
        where TSource : struct, IObjectiveSource
    {
        int n = fsim.Length - 1;
        var best = sim[0];
        for (int j = 1; j <= n; j++)
        {
            best.CopyTo(sim[j], 0);
            double x0 = objective.Start[j - 1];
            double edge = x0 != 0 ? options.InitialStep * x0 : options.ZeroStep;
            if (best[j - 1] != 0)
                edge = Math.Max(Math.Abs(edge), options.InitialStep * Math.Abs(best[j - 1])) * Math.Sign(edge == 0 ? 1 : edge);
            sim[j][j - 1] = best[j - 1] + edge;
            Clip(sim[j], lower, upper);
        }
        for (int j = 1; j <= n; j++)
        {
            if (!objective.CanEvaluate())
                return false;
            fsim[j] = Finite(objective.Value(sim[j]));
        }
        return true;
    }

    private static bool SimplexConverged(double[][] sim, double[] fsim, double xtol, double ftol)
    {
        double spread = 0, fspread = 0;
        for (int j = 1; j < sim.Length; j++)
        {
            for (int i = 0; i < sim[0].Length; i++)
                spread = Math.Max(spread, Math.Abs(sim[j][i] - sim[0][i]));
            fspread = Math.Max(fspread, Math.Abs(fsim[0] - fsim[j]));
        }
        return spread <= xtol && fspread <= ftol;
    }

    /// <summary>Puts the trial point in the worst vertex's place (the arrays are reused, not shared).</summary>
    private static void Replace(double[][] sim, double[] fsim, double[] x, double f)
    {
        int n = fsim.Length - 1;
        x.CopyTo(sim[n], 0);
        fsim[n] = f;
    }

    /// <summary>Stable insertion sort by f, as numpy's argsort on short arrays (ties keep their order).</summary>
    private static void Sort(double[][] sim, double[] fsim)
    {
        for (int j = 1; j < fsim.Length; j++)
        {
            double f = fsim[j];
            var v = sim[j];
            int i = j - 1;
            while (i >= 0 && fsim[i] > f)
            {
                fsim[i + 1] = fsim[i];
                sim[i + 1] = sim[i];
                i--;
            }
            fsim[i + 1] = f;
            sim[i + 1] = v;
        }
    }

    private static void Clip(double[] x, double[]? lower, double[]? upper)
    {
        if (lower is null || upper is null)
            return;
        for (int i = 0; i < x.Length; i++)
            x[i] = Math.Min(Math.Max(x[i], lower[i]), upper[i]);
    }

    /// <summary>A non-finite value ranks as the worst possible.</summary>
    private static double Finite(double f) => double.IsNaN(f) ? double.PositiveInfinity : f;
}
