// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Newton's method with Powell's dogleg in a trust region (Dennis &amp; Schnabel §6.4), a new Jacobian at every accepted
/// point, kept in the CSR order of its pattern and factored by a banded LU within the pattern's bandwidths (a dense LU
/// when the pattern is dense). The Cauchy point comes from sparse products with J and Jᵀ, so nothing n×n is formed.
/// Scaling, radius rules and stopping tests as <see cref="HybridPowell{TEval}"/>; the Newton step is skipped (Cauchy
/// steps only) where the LU meets an exactly zero pivot.
/// </summary>
internal sealed class NewtonTrustRegion<TEval>(TEval evaluator, EquationSolverOptions options, int budget) where TEval : ISystemEvaluator
{
    private const double Epsilon = 2.220446049250313e-16;

    public EquationOutcome Solve(double[] x, double[] fvec, IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken)
    {
        int n = x.Length;
        var pattern = evaluator.Pattern;
        var values = new double[pattern.NonzeroCount];
        var lu = new BandedLu(n, pattern.LowerBandwidth, pattern.UpperBandwidth);
        var diag = new double[n];
        var norms = new double[n];
        var newton = new double[n];
        var descent = new double[n];
        var step = new double[n];
        var trial = new double[n];
        var trialF = new double[n];
        var jp = new double[n];
        var work = new double[n];
        double xtol = options.StepTolerance, ftol = options.ResidualTolerance;

        double fnorm = Norms.Euclidean(fvec);
        double delta = 0, xnorm = 0;
        int iterations = 0, successes = 0, slow = 0;
        bool first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!evaluator.Jacobian(x, fvec, values))
            {
                if (first)
                    throw new ArgumentException("The Jacobian is not finite at the start; start where F is differentiable.", "x0");
                return Outcome(EquationTermination.NonFiniteJacobian, EquationMessages.NonFiniteJacobian);
            }
            SparseOps.ColumnNorms(pattern, values, norms);
            if (first)
            {
                for (int j = 0; j < n; j++)
                    diag[j] = norms[j] == 0 ? 1 : norms[j];
                xnorm = Norms.Scaled(diag, x, work);
                delta = options.InitialStepBound * xnorm;
                if (delta == 0)
                    delta = options.InitialStepBound;
            }
            for (int j = 0; j < n; j++)
                diag[j] = Math.Max(diag[j], norms[j]);

            // Newton step −J⁻¹F, when J factors.
            lu.Load(pattern, values);
            bool hasNewton = lu.Factor();
            double newtonNorm = double.PositiveInfinity;
            if (hasNewton)
            {
                for (int j = 0; j < n; j++)
                    newton[j] = -fvec[j];
                lu.Solve(newton);
                newtonNorm = Norms.Scaled(diag, newton, work);
                hasNewton = double.IsFinite(newtonNorm);
            }

            // Scaled steepest descent d = −D⁻²JᵀF/‖D⁻¹JᵀF‖ (‖D·d‖ = 1) and the D-distance to the Cauchy point.
            SparseOps.TransposeTimes(pattern, values, fvec, descent);
            for (int j = 0; j < n; j++)
                descent[j] /= diag[j];
            double gnorm = Norms.Euclidean(descent);
            double cauchy = 0;
            if (gnorm > 0)
            {
                for (int j = 0; j < n; j++)
                    descent[j] = -descent[j] / gnorm / diag[j];
                SparseOps.Times(pattern, values, descent, jp);
                double jd = Norms.Euclidean(jp);
                cauchy = gnorm / jd / jd;
            }
            if (!hasNewton && gnorm == 0)
                return Outcome(EquationTermination.NoProgress, FormattableString.Invariant(
                    $"J is singular and JᵀF = 0 at x: x is a stationary point of ‖F‖ = {fnorm:G3}, not a root"));

            bool first2 = first;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Dogleg(n, hasNewton, newton, newtonNorm, descent, cauchy, diag, delta, step);
                double region = delta;
                for (int j = 0; j < n; j++)
                    trial[j] = x[j] + step[j];
                double pnorm = Norms.Scaled(diag, step, work);
                if (first2)
                    delta = Math.Min(delta, pnorm);
                first2 = false;
                first = false;

                bool finite = evaluator.Residuals(trial, trialF);
                double fnorm1 = finite ? Norms.Euclidean(trialF) : double.PositiveInfinity;
                double actual = fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1;
                SparseOps.Times(pattern, values, step, jp);
                for (int j = 0; j < n; j++)
                    jp[j] += fvec[j];
                double model = Norms.Euclidean(jp);
                double predicted = model < fnorm ? 1 - (model / fnorm) * (model / fnorm) : 0;
                double ratio = predicted > 0 ? actual / predicted : 0;

                if (ratio < 0.1)
                {
                    successes = 0;
                    delta *= 0.5;
                }
                else
                {
                    successes++;
                    if (ratio >= 0.5 || successes > 1)
                        delta = Math.Max(delta, pnorm / 0.5);
                    if (Math.Abs(ratio - 1) <= 0.1)
                        delta = pnorm / 0.5;
                }
                bool accepted = ratio >= 1e-4;
                if (accepted)
                {
                    trial.CopyTo(x, 0);
                    trialF.CopyTo(fvec, 0);
                    xnorm = Norms.Scaled(diag, x, work);
                    fnorm = fnorm1;
                    iterations++;
                    progress?.Report(new EquationSolverProgress(iterations, fnorm, (double[])x.Clone()));
                }
                slow = SlowProgress.Next(slow, actual, ratio, pnorm, region);

                if (fnorm == 0)
                    return Outcome(EquationTermination.ExactSolution, EquationMessages.Exact);
                if (delta <= xtol * xnorm)
                    return Outcome(EquationTermination.StepTolerance, EquationMessages.Step(xtol));
                if (ftol > 0 && Norms.Max(fvec) <= ftol)
                    return Outcome(EquationTermination.ResidualTolerance, EquationMessages.Residual(ftol));
                if (evaluator.Counter.Residuals >= budget)
                    return Outcome(EquationTermination.MaxFunctionEvaluations, EquationMessages.Budget(budget));
                if (0.1 * Math.Max(0.1 * delta, pnorm) <= Epsilon * xnorm || pnorm == 0)
                    return Outcome(EquationTermination.MachinePrecision, EquationMessages.Rounding);
                if (slow == 10)
                    return Outcome(EquationTermination.NoProgress, EquationMessages.NoProgressIterations(fnorm));
                if (accepted)
                    break;
            }
        }

        EquationOutcome Outcome(EquationTermination termination, string message)
        {
            SparseOps.TransposeTimes(pattern, values, fvec, work);
            SparseOps.ColumnNorms(pattern, values, norms);
            return new((double[])x.Clone(), (double[])fvec.Clone(), iterations, termination, message,
                       EquationOutcome.LargestCosine(work, norms, Norms.Euclidean(fvec)));
        }
    }

    /// <summary>The dogleg between the Cauchy point cauchy·d and the Newton step, cut at ‖D·p‖ = Δ.</summary>
    private static void Dogleg(int n, bool hasNewton, ReadOnlySpan<double> newton, double newtonNorm, ReadOnlySpan<double> descent,
                               double cauchy, ReadOnlySpan<double> diag, double delta, Span<double> step)
    {
        if (hasNewton && newtonNorm <= delta)
        {
            newton.CopyTo(step);
            return;
        }
        if (!hasNewton || cauchy >= delta)
        {
            double length = Math.Min(cauchy, delta);
            for (int j = 0; j < n; j++)
                step[j] = length * descent[j];
            return;
        }
        double c1 = 0, c2 = 0;
        for (int j = 0; j < n; j++)
        {
            double a = cauchy * diag[j] * descent[j], b = diag[j] * newton[j];
            c1 += a * (b - a);
            c2 += (b - a) * (b - a);
        }
        double c0 = cauchy * cauchy - delta * delta;
        double root = Math.Sqrt(c1 * c1 - c2 * c0);
        double tau = c1 > 0 ? -c0 / (c1 + root) : (root - c1) / c2;
        for (int j = 0; j < n; j++)
            step[j] = (1 - tau) * cauchy * descent[j] + tau * newton[j];
    }
}
