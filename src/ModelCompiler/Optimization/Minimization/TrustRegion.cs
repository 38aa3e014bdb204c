// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>A trust-region subproblem solver: approximately minimizes m(p) = gᵀp + ½pᵀHp over ‖p‖₂ ≤ Δ.</summary>
internal interface ITrustRegionSubproblem
{
    /// <summary>The point moved: x and g are new, any Hessian information is stale.</summary>
    void SetPoint(double[] x, double[] g);

    /// <summary>Writes the step and returns the model's predicted reduction −m(p); <paramref name="onBoundary"/>
    /// says whether ‖p‖ reached Δ.</summary>
    double Solve(double radius, double[] p, out bool onBoundary);
}

/// <summary>The trust-region framework shared by Newton–CG and trust-exact (Nocedal &amp; Wright, Algorithm 4.1).</summary>
internal static class TrustRegion
{
    private const double Epsilon = 2.220446049250313e-16;

    public static string? OptionsError(double initialRadius, double maxRadius, double acceptance)
        => !(initialRadius > 0 && double.IsFinite(initialRadius)) ? $"InitialTrustRadius must be finite and > 0, got {initialRadius}."
         : !(maxRadius >= initialRadius && double.IsFinite(maxRadius)) ? $"MaxTrustRadius must be finite and ≥ InitialTrustRadius ({initialRadius}), got {maxRadius}."
         : !(acceptance >= 0 && acceptance < 0.25) ? $"AcceptanceRatio must lie in [0, 0.25), got {acceptance}."
         : null;

    /// <summary>
    /// Runs the trust-region iteration from the objective's start. Trial points are evaluated with the gradient
    /// (one call), so an accepted point needs no second evaluation.
    /// </summary>
    public static MinimizationResult Minimize<TSource, TSubproblem>(ObjectiveEvaluator<TSource> objective, TSubproblem subproblem,
        string method, double gradientTolerance, double initialRadius, double maxRadius, double eta, int maxIterations)
        where TSource : struct, IObjectiveSource
        where TSubproblem : ITrustRegionSubproblem
    {
        int n = objective.N;
        var x = (double[])objective.Start.Clone();
        var g = new double[n];
        var p = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        double f = objective.ValueAndGradient(x, g);
        objective.RequireFiniteStart(f, g);
        subproblem.SetPoint(x, g);
        double gnorm = Bfgs.NormInf(g);
        double radius = initialRadius;
        int k = 0, cappedSteps = 0;   // accepted steps in a row that filled the largest trust radius
        MinimizationTermination termination;
        while (true)
        {
            if (gnorm <= gradientTolerance)
            {
                termination = MinimizationTermination.GradientTolerance;
                break;
            }
            if (k >= maxIterations)
            {
                termination = MinimizationTermination.MaxIterations;
                break;
            }
            if (!objective.CanEvaluate(objective.GradientCost))
            {
                termination = MinimizationTermination.MaxFunctionEvaluations;
                break;
            }
            double predicted = subproblem.Solve(radius, p, out bool onBoundary);
            double stepNorm = Bfgs.Norm2(p);
            if (!(predicted > 16 * Epsilon * Math.Abs(f)) || stepNorm <= Epsilon * Bfgs.Norm2(x))
            {
                // The model promises no decrease that double precision could show.
                termination = MinimizationTermination.MachinePrecision;
                break;
            }
            for (int i = 0; i < n; i++)
                xNew[i] = x[i] + p[i];
            double fNew = objective.ValueAndGradient(xNew, gNew);
            bool finite = double.IsFinite(fNew) && AllFinite(gNew);
            double rho = finite ? (f - fNew) / predicted : double.NegativeInfinity;
            if (rho < 0.25)
                radius *= 0.25;
            else if (rho > 0.75 && onBoundary)
                radius = Math.Min(2 * radius, maxRadius);
            if (rho > eta)
            {
                cappedSteps = onBoundary && stepNorm >= 0.99 * maxRadius ? cappedSteps + 1 : 0;
                (x, xNew) = (xNew, x);
                (g, gNew) = (gNew, g);
                f = fNew;
                k++;
                gnorm = Bfgs.NormInf(g);
                subproblem.SetPoint(x, g);
                objective.Report(k, f, gnorm, x);
            }
            else if (radius <= Epsilon * Math.Max(1, Bfgs.Norm2(x)))
            {
                termination = finite ? MinimizationTermination.MachinePrecision : MinimizationTermination.NonFiniteValue;
                break;
            }
        }
        string message = Messages.For(termination, gradientTolerance);
        if (termination is MinimizationTermination.MaxIterations or MinimizationTermination.MaxFunctionEvaluations && cappedSteps >= 10)
            message += string.Format(CultureInfo.InvariantCulture,
                " The last {0} steps all filled the largest trust radius, MaxTrustRadius = {1:G3}: the unknowns are larger than " +
                "that radius can cross in the iterations given; raise MaxTrustRadius to their scale, or rescale them.", cappedSteps, maxRadius);
        return objective.Result(method, x, f, g, gnorm, k, termination, message);
    }

    private static bool AllFinite(double[] v)
    {
        foreach (double value in v)
            if (!double.IsFinite(value))
                return false;
        return true;
    }

    /// <summary>The τ ≥ 0 with ‖z + τd‖ = Δ (z inside the region).</summary>
    public static double ToBoundary(ReadOnlySpan<double> z, ReadOnlySpan<double> d, double radius)
        => BoundaryRoots(z, d, radius).Upper;

    /// <summary>Both roots τ₋ ≤ 0 ≤ τ₊ of ‖z + τd‖ = Δ for z inside the region, computed without cancellation.</summary>
    public static (double Lower, double Upper) BoundaryRoots(ReadOnlySpan<double> z, ReadOnlySpan<double> d, double radius)
    {
        double a = 0, b = 0, c = 0;
        for (int i = 0; i < z.Length; i++)
        {
            a += d[i] * d[i];
            b += z[i] * d[i];
            c += z[i] * z[i];
        }
        c = Math.Min(0, c - radius * radius);
        // aτ² + 2bτ + c = 0 with c ≤ 0: q = −(b + sign(b)·√(b² − ac)) gives the roots q/a and c/q.
        double q = -(b + (b >= 0 ? 1 : -1) * Math.Sqrt(b * b - a * c));
        if (q == 0)
            return (0, 0);
        double r1 = q / a, r2 = c / q;
        return (Math.Min(r1, r2), Math.Max(r1, r2));
    }
}
