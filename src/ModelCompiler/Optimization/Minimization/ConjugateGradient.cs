// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Nonlinear conjugate gradients, Hager–Zhang or Polak–Ribière+ (see <see cref="ConjugateGradientOptions"/>).</summary>
internal static class ConjugateGradient
{
    private const double DescentFactor = 0.01;   // restart unless ∇f·p ≤ −0.01‖∇f‖² (scipy's σ₃)
    private const double HagerZhangEta = 0.01;   // η in the lower bound ηₖ = −1/(‖p‖ min(η, ‖g‖))

    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, ConjugateGradientOptions options)
        where TSource : struct, IObjectiveSource
    {
        int n = objective.N;
        int maxIterations = options.IterationLimit(n);
        var x = (double[])objective.Start.Clone();
        var g = new double[n];
        var p = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        double f = objective.ValueAndGradient(x, g);
        objective.RequireFiniteStart(f, g);
        for (int i = 0; i < n; i++)
            p[i] = -g[i];
        bool steepest = true;
        double fOld = f + Bfgs.Norm2(g) / 2;
        double gnorm = Bfgs.NormInf(g);
        double previousStep = 0, previousSlope = 0;
        var settings = WolfeSettings.Default(options.WolfeCurvature);
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
            double slope = WolfeLineSearch.Dot(g, p);
            if (!(slope < 0))
            {
                Restart(g, p);
                steepest = true;
                slope = WolfeLineSearch.Dot(g, p);
            }
            LineSearchOutcome outcome;
            double fNew, alpha;
            while (true)
            {
                double alpha0 = k == 0 || options.InterpolateInitialStep
                    ? Bfgs.ScipyInitialStep(f, fOld, slope)
                    : previousStep * previousSlope / slope;
                if (!(alpha0 > 0) || !double.IsFinite(alpha0))
                    alpha0 = 1;
                outcome = WolfeLineSearch.Search(objective, x, p, f, slope, alpha0, settings, xNew, gNew, out fNew, out alpha);
                if (outcome != LineSearchOutcome.Failed || steepest)
                    break;
                Restart(g, p);
                steepest = true;
                slope = WolfeLineSearch.Dot(g, p);
            }
            if (outcome is not (LineSearchOutcome.Wolfe or LineSearchOutcome.SufficientDecrease))
            {
                termination = Bfgs.Stop(outcome);
                break;
            }

            double beta = options.Formula == ConjugateGradientFormula.HagerZhang
                ? HagerZhangBeta(g, gNew, p)
                : PolakRibierePlusBeta(g, gNew);
            previousStep = alpha;
            previousSlope = slope;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fOld = f;
            f = fNew;
            k++;
            gnorm = Bfgs.NormInf(g);
            double gg = 0, gp = 0;
            for (int i = 0; i < n; i++)
            {
                p[i] = -g[i] + beta * p[i];
                gg += g[i] * g[i];
                gp += g[i] * p[i];
            }
            steepest = false;
            if (!(gp <= -DescentFactor * gg) || !double.IsFinite(beta))
            {
                Restart(g, p);
                steepest = true;
            }
            objective.Report(k, f, gnorm, x);
        }
        return objective.Result(options.Method, x, f, g, gnorm, k, termination, Messages.For(termination, options.GradientTolerance));
    }

    private static void Restart(ReadOnlySpan<double> g, Span<double> p)
    {
        for (int i = 0; i < g.Length; i++)
            p[i] = -g[i];
    }

    /// <summary>max(0, yᵀg₊/‖g‖²), y = g₊ − g.</summary>
    private static double PolakRibierePlusBeta(ReadOnlySpan<double> g, ReadOnlySpan<double> gNew)
    {
        double yg = 0, gg = 0;
        for (int i = 0; i < g.Length; i++)
        {
            yg += (gNew[i] - g[i]) * gNew[i];
            gg += g[i] * g[i];
        }
        return Math.Max(0, yg / gg);
    }

    /// <summary>Hager–Zhang's max(β^N, ηₖ): β^N = (y − 2p‖y‖²/pᵀy)ᵀg₊/pᵀy and ηₖ = −1/(‖p‖ min(η, ‖g‖)).</summary>
    private static double HagerZhangBeta(ReadOnlySpan<double> g, ReadOnlySpan<double> gNew, ReadOnlySpan<double> p)
    {
        double py = 0, yy = 0, yg = 0, pg = 0, pp = 0, gg = 0;
        for (int i = 0; i < g.Length; i++)
        {
            double y = gNew[i] - g[i];
            py += p[i] * y;
            yy += y * y;
            yg += y * gNew[i];
            pg += p[i] * gNew[i];
            pp += p[i] * p[i];
            gg += g[i] * g[i];
        }
        double betaN = (yg - 2 * yy / py * pg) / py;
        double eta = -1 / (Math.Sqrt(pp) * Math.Min(HagerZhangEta, Math.Sqrt(gg)));
        return Math.Max(betaN, eta);
    }
}
