// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Optimization;

/// <summary>
/// Levenberg–Marquardt on ½‖F‖² for a square system, in the form of MINPACK's lmder (Moré 1978) and on the curve
/// fitter's kernels (<see cref="MinpackKernels"/>: pivoted QR, Moré's Levenberg parameter): a new Jacobian every outer
/// iteration, the step minimizing ‖F + J·p‖ in the trust region ‖D·p‖ ≤ Δ, Moré's radius rules on the gain ratio.
/// Stops when Δ ≤ xtol·‖D·x‖ (converged), when F = 0, when neither the actual nor the predicted relative reduction of
/// ‖F‖² exceeds xtol² (a local minimum of ‖F‖ that is not a root), at the rounding level, or when the budget is spent.
/// </summary>
internal sealed class SystemLevenbergMarquardt<TEval>(TEval evaluator, EquationSolverOptions options, int budget) where TEval : ISystemEvaluator
{
    private const double Epsilon = 2.220446049250313e-16;

    public EquationOutcome Solve(double[] x, double[] fvec, IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken)
    {
        int n = x.Length;
        var pattern = evaluator.Pattern;
        var values = new double[pattern.NonzeroCount];
        var fjac = new double[n * n];
        var diag = new double[n];
        var qtf = new double[n];
        var rdiag = new double[n];
        var acnorm = new double[n];
        var step = new double[n];
        var trial = new double[n];
        var trialF = new double[n];
        var sdiag = new double[n];
        var wa3 = new double[n];
        var wa4 = new double[n];
        var work = new double[n];
        var pivot = new int[n];
        double xtol = options.StepTolerance, ftol = Math.Max(xtol * xtol, Epsilon), rtol = options.ResidualTolerance;

        double fnorm = Norms.Euclidean(fvec);
        double par = 0, delta = 0, xnorm = 0, cosine = double.NaN;
        int iterations = 0;
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
            SystemChecks.ToDenseColumnMajor(pattern, values, fjac);
            MinpackKernels.QrFactor(n, n, fjac, n, pivot, rdiag, acnorm, work);
            if (first)
            {
                for (int j = 0; j < n; j++)
                    diag[j] = acnorm[j] == 0 ? 1 : acnorm[j];
                xnorm = Norms.Scaled(diag, x, work);
                delta = options.InitialStepBound * xnorm;
                if (delta == 0)
                    delta = options.InitialStepBound;
            }

            // Qᵀ·F into qtf; R's diagonal back into fjac.
            fvec.CopyTo(wa4, 0);
            for (int j = 0; j < n; j++)
            {
                double vj = fjac[j * n + j];
                if (vj != 0)
                {
                    double sum = 0;
                    for (int i = j; i < n; i++)
                        sum += fjac[j * n + i] * wa4[i];
                    double t = -sum / vj;
                    for (int i = j; i < n; i++)
                        wa4[i] += fjac[j * n + i] * t;
                }
                fjac[j * n + j] = rdiag[j];
                qtf[j] = wa4[j];
            }

            // The largest cosine between F and a column of J: zero at a stationary point of ‖F‖.
            double gnorm = 0;
            for (int j = 0; j < n; j++)
            {
                int l = pivot[j];
                if (acnorm[l] == 0)
                    continue;
                double sum = 0;
                for (int i = 0; i <= j; i++)
                    sum += fjac[j * n + i] * (qtf[i] / fnorm);
                gnorm = Math.Max(gnorm, Math.Abs(sum / acnorm[l]));
            }
            cosine = gnorm;
            if (gnorm <= Epsilon)
                return Outcome(EquationTermination.LocalMinimum, LocalMinimumMessage(fnorm));
            for (int j = 0; j < n; j++)
                diag[j] = Math.Max(diag[j], acnorm[j]);

            double ratio;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                par = MinpackKernels.LevenbergParameter(n, fjac, n, pivot, diag, qtf, delta, par, step, sdiag, wa3, wa4);
                for (int j = 0; j < n; j++)
                {
                    step[j] = -step[j];
                    trial[j] = x[j] + step[j];
                }
                double pnorm = Norms.Scaled(diag, step, work);
                if (first)
                    delta = Math.Min(delta, pnorm);
                first = false;

                double fnorm1 = evaluator.Residuals(trial, trialF) ? Norms.Euclidean(trialF) : double.PositiveInfinity;
                double actual = 0.1 * fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1;

                // Predicted reduction and directional derivative from ‖R·Pᵀ·p‖ and the Levenberg term.
                for (int j = 0; j < n; j++)
                {
                    wa3[j] = 0;
                    double t = step[pivot[j]];
                    for (int i = 0; i <= j; i++)
                        wa3[i] += fjac[j * n + i] * t;
                }
                double t1 = Norms.Euclidean(wa3) / fnorm, t2 = Math.Sqrt(par) * pnorm / fnorm;
                double predicted = t1 * t1 + t2 * t2 / 0.5;
                double directional = -(t1 * t1 + t2 * t2);
                ratio = predicted != 0 ? actual / predicted : 0;

                if (ratio <= 0.25)
                {
                    double t = actual >= 0 ? 0.5 : 0.5 * directional / (directional + 0.5 * actual);
                    if (0.1 * fnorm1 >= fnorm || t < 0.1)
                        t = 0.1;
                    delta = t * Math.Min(delta, pnorm / 0.1);
                    par /= t;
                }
                else if (par == 0 || ratio >= 0.75)
                {
                    delta = pnorm / 0.5;
                    par *= 0.5;
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

                if (fnorm == 0)
                    return Outcome(EquationTermination.ExactSolution, EquationMessages.Exact);
                if (delta <= xtol * xnorm)
                    return Outcome(EquationTermination.StepTolerance, EquationMessages.Step(xtol));
                if (rtol > 0 && Norms.Max(fvec) <= rtol)
                    return Outcome(EquationTermination.ResidualTolerance, EquationMessages.Residual(rtol));
                if (Math.Abs(actual) <= ftol && predicted <= ftol && 0.5 * ratio <= 1)
                    return Outcome(EquationTermination.LocalMinimum, LocalMinimumMessage(fnorm));
                if (evaluator.Counter.Residuals >= budget)
                    return Outcome(EquationTermination.MaxFunctionEvaluations, EquationMessages.Budget(budget));
                if (delta <= Epsilon * xnorm || pnorm == 0)
                    return Outcome(EquationTermination.MachinePrecision, EquationMessages.Rounding);
            }
            while (ratio < 1e-4);
        }

        EquationOutcome Outcome(EquationTermination termination, string message)
            => new((double[])x.Clone(), (double[])fvec.Clone(), iterations, termination, message, cosine);
    }

    private static string LocalMinimumMessage(double norm)
        => FormattableString.Invariant(
            $"‖F‖ = {norm:G3} can no longer be reduced: F is orthogonal to the columns of J, so x is a local minimum of ‖F‖, not a root; try another start");
}
