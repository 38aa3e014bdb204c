// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Powell's hybrid method (Powell 1970) in the form of MINPACK's hybrj/hybrd (Moré, Garbow &amp; Hillstrom 1980):
/// <list type="bullet">
/// <item>a dogleg step in the trust region ‖D·p‖ ≤ Δ from J = Q·R (no pivoting), D the running maximum of J's column norms;</item>
/// <item>the gain ratio ρ = actual/predicted relative reduction of ‖F‖²: Δ halves when ρ &lt; 0.1, becomes 2‖D·p‖ when
/// ρ ≥ 0.5 or after two successes (at most, or exactly when |ρ − 1| ≤ 0.1); steps with ρ ≥ 10⁻⁴ are taken;</item>
/// <item>after every step, Broyden's rank-one update J ← J + (y − J·p)(D²p)ᵀ/‖D·p‖² applied to Q and R directly;</item>
/// <item>a new Jacobian after two failed steps in a row; stops when Δ ≤ xtol·‖D·x‖, when five Jacobians or ten
/// iterations bring no progress, at the rounding level, or when the budget is spent.</item>
/// </list>
/// A trial point where F is not finite counts as a failed step (Δ halves, no update).
/// </summary>
internal sealed class HybridPowell<TEval>(TEval evaluator, EquationSolverOptions options, int budget) where TEval : ISystemEvaluator
{
    public EquationOutcome Solve(double[] x, double[] fvec, IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken)
    {
        int n = x.Length;
        var pattern = evaluator.Pattern;
        var values = new double[pattern.NonzeroCount];
        var a = new double[n * n];
        var r = new double[n * n];
        var q = new double[n * n];
        var diag = new double[n];
        var qtf = new double[n];
        var norms = new double[n];
        var rdiag = new double[n];
        var step = new double[n];
        var trial = new double[n];
        var trialF = new double[n];
        var predicted = new double[n];
        var u = new double[n];
        var v = new double[n];
        var work = new double[n];
        var work2 = new double[n];
        var pivot = new int[n];
        double xtol = options.StepTolerance, ftol = options.ResidualTolerance;
        const double epsilon = 2.220446049250313e-16;

        double fnorm = Norms.Euclidean(fvec);
        double delta = 0, xnorm = 0;
        int iterations = 0, successes = 0, failures = 0, slowIterations = 0, slowJacobians = 0;
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
            bool freshJacobian = true;
            SystemChecks.ToDenseColumnMajor(pattern, values, a);
            DenseQr.Factor(n, a, r, q, fvec, qtf, norms, rdiag, work, pivot);
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

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DenseQr.Dogleg(n, r, diag, qtf, delta, step, work, work2);
                double region = delta;
                for (int j = 0; j < n; j++)
                    trial[j] = x[j] + step[j];
                double pnorm = Norms.Scaled(diag, step, work);
                if (first)
                    delta = Math.Min(delta, pnorm);
                first = false;

                bool finite = evaluator.Residuals(trial, trialF);
                double fnorm1 = finite ? Norms.Euclidean(trialF) : double.PositiveInfinity;
                double actual = fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1;

                // Predicted: ‖F + J·p‖ = ‖qtf + R·p‖.
                DenseQr.TriangularTimes(n, r, step, predicted);
                for (int j = 0; j < n; j++)
                    predicted[j] += qtf[j];
                double model = Norms.Euclidean(predicted);
                double predictedReduction = model < fnorm ? 1 - (model / fnorm) * (model / fnorm) : 0;
                double ratio = predictedReduction > 0 ? actual / predictedReduction : 0;

                if (ratio < 0.1)
                {
                    successes = 0;
                    failures++;
                    delta *= 0.5;
                }
                else
                {
                    failures = 0;
                    successes++;
                    if (ratio >= 0.5 || successes > 1)
                        delta = Math.Max(delta, pnorm / 0.5);
                    if (Math.Abs(ratio - 1) <= 0.1)
                        delta = pnorm / 0.5;
                }

                if (ratio >= 1e-4)
                {
                    trial.CopyTo(x, 0);
                    trialF.CopyTo(fvec, 0);
                    xnorm = Norms.Scaled(diag, x, work);
                    fnorm = fnorm1;
                    iterations++;
                    progress?.Report(new EquationSolverProgress(iterations, fnorm, (double[])x.Clone()));
                }

                slowIterations = SlowProgress.Next(slowIterations, actual, ratio, pnorm, region);
                if (freshJacobian)
                    slowJacobians++;
                if (actual >= 0.1)
                    slowJacobians = 0;

                if (fnorm == 0)
                    return Outcome(EquationTermination.ExactSolution, EquationMessages.Exact);
                // Δ grows or holds after good steps, so steps that shrink steadily (a double root's halving) never bring it
                // below xtol·‖D·x‖: x² = 0 ran its whole budget to x = 3e-63. A taken step as short as a region that
                // follows the steps (Δ = ‖D·p‖/0.5) would stop is the same test.
                if (delta <= xtol * xnorm || ratio >= 1e-4 && pnorm <= 0.5 * xtol * xnorm)
                    return Outcome(EquationTermination.StepTolerance, EquationMessages.Step(xtol));
                if (ftol > 0 && Norms.Max(fvec) <= ftol)
                    return Outcome(EquationTermination.ResidualTolerance, EquationMessages.Residual(ftol));
                if (evaluator.Counter.Residuals >= budget)
                    return Outcome(EquationTermination.MaxFunctionEvaluations, EquationMessages.Budget(budget));
                if (0.1 * Math.Max(0.1 * delta, pnorm) <= epsilon * xnorm || pnorm == 0)
                    return Outcome(EquationTermination.MachinePrecision, EquationMessages.Rounding);
                if (slowJacobians == 5)
                    return Outcome(EquationTermination.NoProgress, EquationMessages.NoProgressJacobian(fnorm));
                if (slowIterations == 10)
                    return Outcome(EquationTermination.NoProgress, EquationMessages.NoProgressIterations(fnorm));
                if (failures == 2)
                    break;
                if (!finite)
                    continue;

                // Broyden's update of the factors: u = Qᵀ(F(x + p) − F − J·p)/‖D·p‖, v = D²·p/‖D·p‖.
                DenseQr.TransposeTimes(n, q, trialF, work);
                for (int j = 0; j < n; j++)
                {
                    u[j] = (work[j] - predicted[j]) / pnorm;
                    v[j] = diag[j] * (diag[j] * step[j] / pnorm);
                    if (ratio >= 1e-4)
                        qtf[j] = work[j];
                }
                DenseQr.RankOneUpdate(n, r, q, qtf, u, v);
                freshJacobian = false;
            }
        }

        EquationOutcome Outcome(EquationTermination termination, string message)
            => new((double[])x.Clone(), (double[])fvec.Clone(), iterations, termination, message, DenseQr.Cosine(n, r, qtf, fnorm));
    }
}
