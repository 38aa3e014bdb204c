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

    /// <summary>result = H·v at the current point (a Hessian or product evaluation, or a gradient difference).</summary>
    void HessianTimes(double[] v, double[] result);
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
        // Radii are lengths in x's units: a start larger than the largest radius scales both by its size, or unknowns
        // near 1e9 would cross to their minimum 1000 at a time.
        double scale = Math.Max(1, Bfgs.NormInf(x) / maxRadius);
        initialRadius *= scale;
        maxRadius *= scale;
        double radius = initialRadius;
        int k = 0, cappedSteps = 0;   // accepted steps in a row that filled the largest trust radius
        MinimizationTermination termination;
        while (true)
        {
            if (gnorm <= gradientTolerance)
            {
                if (LeaveDownwardAxis(objective, subproblem, ref x, ref g, ref xNew, ref gNew, ref f, radius))
                {
                    k++;
                    gnorm = Bfgs.NormInf(g);
                    subproblem.SetPoint(x, g);
                    objective.Report(k, f, gnorm, x);
                    continue;
                }
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

    /// <summary>
    /// A gradient-test stop where the Hessian curves downward along an unknown the iteration never moved is a saddle or
    /// a maximum, not a minimum: the subproblem's steps see only the directions g has, and from (0, 0.1) on
    /// x⁴ − x² + y², or from any start where ∇f = 0 by symmetry, the iteration stopped at the saddle (0, 0). For each such
    /// unknown (up to 100; at an ordinary minimum every unknown has moved and nothing is evaluated) the curvature Hᵢᵢ
    /// costs one Hessian product; along the most negative, steps of Δ, Δ/4, Δ/16 and Δ/64 are tried, and the first
    /// that lowers f is taken.
    /// </summary>
    private static bool LeaveDownwardAxis<TSource, TSubproblem>(ObjectiveEvaluator<TSource> objective, TSubproblem subproblem,
        ref double[] x, ref double[] g, ref double[] trial, ref double[] trialGradient, ref double f, double radius)
        where TSource : struct, IObjectiveSource
        where TSubproblem : ITrustRegionSubproblem
    {
        int n = x.Length, axis = -1, checkedAxes = 0;
        double least = 0;
        for (int i = 0; i < n && checkedAxes < StationarityAudit.MaxUnknowns && objective.CanEvaluate(objective.GradientCost); i++)
        {
            if (x[i] != objective.Start[i])
                continue;
            checkedAxes++;
            Array.Clear(trial);
            trial[i] = 1;
            subproblem.HessianTimes(trial, trialGradient);
            if (trialGradient[i] < least)
                (axis, least) = (i, trialGradient[i]);
        }
        if (axis < 0)
            return false;
        double direction = g[axis] > 0 ? -1 : 1;
        for (int attempt = 0; attempt < 4 && objective.CanEvaluate(objective.GradientCost); attempt++, radius /= 4)
        {
            Array.Copy(x, trial, n);
            trial[axis] += direction * radius;
            if (trial[axis] == x[axis])
                return false;
            double ft = objective.ValueAndGradient(trial, trialGradient);
            if (ft < f - 16 * Epsilon * Math.Abs(f) && AllFinite(trialGradient))
            {
                (x, trial) = (trial, x);
                (g, trialGradient) = (trialGradient, g);
                f = ft;
                return true;
            }
        }
        return false;
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
