// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Broyden's good method (Broyden 1965) with a backtracking line search (Dennis &amp; Schnabel, Algorithms 6.3.1 and
/// 8.3.1): the approximation B = Q·R starts as the Jacobian at x₀; each iteration takes p = −B⁻¹F (at most 1000·max(‖x‖, 1)
/// long), backtracks along it until ‖F(x + t·p)‖ ≤ (1 − 10⁻⁴t)‖F(x)‖ (quadratic interpolation, t shrinking by 0.1 to
/// 0.5 a time, at most ten times), and updates B ← B + (y − B·s)·sᵀ/(sᵀs) with s the step and y the change in F, on
/// the factors by Givens rotations in O(n²). The Jacobian is evaluated afresh when the search fails along a secant
/// direction or after five steps without 0.1% progress; when the search fails along a fresh Newton direction, or
/// fifteen steps bring no progress, the method stops. Stops when ‖s‖ ≤ xtol·‖x‖, when F = 0, or when the budget is
/// spent.
/// </summary>
internal sealed class BroydenSolver<TEval>(TEval evaluator, EquationSolverOptions options, int budget) where TEval : ISystemEvaluator
{
    private const double Epsilon = 2.220446049250313e-16;
    private const double Armijo = 1e-4;
    private const int MaxBacktracks = 10;

    public EquationOutcome Solve(double[] x, double[] fvec, IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken)
    {
        int n = x.Length;
        var pattern = evaluator.Pattern;
        var values = new double[pattern.NonzeroCount];
        var a = new double[n * n];
        var r = new double[n * n];
        var q = new double[n * n];
        var qtf = new double[n];
        var norms = new double[n];
        var rdiag = new double[n];
        var step = new double[n];
        var trial = new double[n];
        var trialF = new double[n];
        var rs = new double[n];
        var u = new double[n];
        var v = new double[n];
        var work = new double[n];
        var pivot = new int[n];
        double xtol = options.StepTolerance, ftol = options.ResidualTolerance;

        double fnorm = Norms.Euclidean(fvec);
        int iterations = 0, slow = 0;
        bool fresh = false, first = true, refresh = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (refresh)
            {
                if (!evaluator.Jacobian(x, fvec, values))
                {
                    if (first)
                        throw new ArgumentException("The Jacobian is not finite at the start; start where F is differentiable.", "x0");
                    return Outcome(EquationTermination.NonFiniteJacobian, EquationMessages.NonFiniteJacobian);
                }
                first = false;
                SystemChecks.ToDenseColumnMajor(pattern, values, a);
                DenseQr.Factor(n, a, r, q, fvec, qtf, norms, rdiag, work, pivot);
                fresh = true;
                refresh = false;
            }

            DenseQr.GaussNewton(n, r, qtf, step);
            double xnorm = Norms.Euclidean(x), pnorm = Norms.Euclidean(step);
            double maxStep = 1000 * Math.Max(xnorm, 1), fraction = 1;   // of the Newton step p the capped step is
            if (!(pnorm <= maxStep))
            {
                fraction = double.IsFinite(pnorm) ? maxStep / pnorm : 0;
                for (int j = 0; j < n; j++)
                    step[j] = double.IsFinite(step[j]) ? step[j] * fraction : 0;
                pnorm = Norms.Euclidean(step);
            }

            // Backtracking on φ(t) = ‖F(x + t·s)‖², s the step: φ′(0) = −2‖F‖² times the fraction of the Newton step
            // that s is, so that a capped step far short of a distant root (x₀ = 1, the root at 3e10) is held to the
            // decrease it can give, not to the whole step's.
            double t = 1, fnorm1 = double.PositiveInfinity;
            bool accepted = false;
            for (int k = 0; k <= MaxBacktracks && pnorm > 0; k++)
            {
                for (int j = 0; j < n; j++)
                    trial[j] = x[j] + t * step[j];
                fnorm1 = evaluator.Residuals(trial, trialF) ? Norms.Euclidean(trialF) : double.PositiveInfinity;
                if (fnorm1 <= (1 - Armijo * t * fraction) * fnorm)
                {
                    accepted = true;
                    break;
                }
                if (evaluator.Counter.Residuals >= budget)
                    return Outcome(EquationTermination.MaxFunctionEvaluations, EquationMessages.Budget(budget));
                double phi0 = fnorm * fnorm, slope = -2 * phi0 * fraction;
                double next = double.IsFinite(fnorm1) ? -slope * t * t / (2 * (fnorm1 * fnorm1 - phi0 - slope * t)) : 0.1 * t;
                t = Math.Clamp(next, 0.1 * t, 0.5 * t);
            }
            if (!accepted)
            {
                if (!fresh)
                {
                    refresh = true;
                    continue;
                }
                if (pnorm <= xtol * xnorm || t * pnorm <= Epsilon * xnorm)
                    return Outcome(EquationTermination.MachinePrecision, EquationMessages.Rounding);
                return Outcome(EquationTermination.NoProgress, FormattableString.Invariant(
                    $"no step along the Newton direction of a fresh Jacobian reduced ‖F‖ = {fnorm:G3}: the Jacobian may be singular there, or x is a local minimum of ‖F‖"));
            }

            // s = t·p; Broyden's update u = Qᵀ(y − B·s)/‖s‖ = (Qᵀ·F(x + s) − qtf − R·s)/‖s‖, v = s/‖s‖.
            for (int j = 0; j < n; j++)
                step[j] *= t;
            double snorm = Norms.Euclidean(step);
            DenseQr.TriangularTimes(n, r, step, rs);
            DenseQr.TransposeTimes(n, q, trialF, work);
            for (int j = 0; j < n; j++)
            {
                u[j] = (work[j] - qtf[j] - rs[j]) / snorm;
                v[j] = step[j] / snorm;
                qtf[j] = work[j];
            }
            DenseQr.RankOneUpdate(n, r, q, qtf, u, v);
            fresh = false;

            double reduction = 1 - fnorm1 / fnorm;
            trial.CopyTo(x, 0);
            trialF.CopyTo(fvec, 0);
            fnorm = fnorm1;
            iterations++;
            progress?.Report(new EquationSolverProgress(iterations, fnorm, (double[])x.Clone()));
            slow = reduction >= 0.001 ? 0 : slow + 1;

            if (fnorm == 0)
                return Outcome(EquationTermination.ExactSolution, EquationMessages.Exact);
            if (snorm <= xtol * Norms.Euclidean(x))
                return Outcome(EquationTermination.StepTolerance, EquationMessages.Step(xtol));
            if (ftol > 0 && Norms.Max(fvec) <= ftol)
                return Outcome(EquationTermination.ResidualTolerance, EquationMessages.Residual(ftol));
            if (evaluator.Counter.Residuals >= budget)
                return Outcome(EquationTermination.MaxFunctionEvaluations, EquationMessages.Budget(budget));
            // Five slow secant steps call for a fresh Jacobian; fifteen mean no progress is to be had.
            if (slow % 5 == 0 && slow > 0)
                refresh = true;
            if (slow == 15)
                return Outcome(EquationTermination.NoProgress, EquationMessages.NoProgressIterations(fnorm));
        }

        EquationOutcome Outcome(EquationTermination termination, string message)
            => new((double[])x.Clone(), (double[])fvec.Clone(), iterations, termination, message, DenseQr.Cosine(n, r, qtf, fnorm));
    }
}
