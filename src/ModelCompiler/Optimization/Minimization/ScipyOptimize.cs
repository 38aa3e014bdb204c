// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// scipy.optimize's one-liners over plain delegates, each the corresponding method with its <c>Scipy</c> preset:
/// <c>Fmin(f, [1.3])</c> takes <c>fmin(f, [1.3])</c>'s iterates to the bit. A stop by a tolerance is then checked by
/// moving each unknown alone downhill, whose values of f count in the result and which reports a stall scipy calls
/// success as <see cref="MinimizationTermination.Stalled"/>. For generated objectives, or our (tighter) defaults, call
/// <see cref="Minimizer"/> with the method's options.
/// </summary>
public static class ScipyOptimize
{
    /// <summary><c>fmin</c>: Nelder–Mead with <see cref="NelderMeadOptions.Scipy"/>.</summary>
    public static MinimizationResult Fmin(ObjectiveFunction f, double[] x0)
        => Minimizer.Minimize(f, x0, NelderMeadOptions.Scipy);

    /// <summary><c>fmin_powell</c>: Powell with <see cref="PowellOptions.Scipy"/>.</summary>
    public static MinimizationResult FminPowell(ObjectiveFunction f, double[] x0)
        => Minimizer.Minimize(f, x0, PowellOptions.Scipy);

    /// <summary><c>fmin_bfgs</c>: BFGS with <see cref="BfgsOptions.Scipy"/>; without <paramref name="fprime"/> the
    /// gradient is differenced as scipy does.</summary>
    public static MinimizationResult FminBfgs(ObjectiveFunction f, double[] x0, ObjectiveGradientFunction? fprime = null)
        => Minimizer.Minimize(Objective(f, fprime), x0, BfgsOptions.Scipy);

    /// <summary><c>fmin_cg</c>: Polak–Ribière+ conjugate gradients with <see cref="ConjugateGradientOptions.Scipy"/>.</summary>
    public static MinimizationResult FminCg(ObjectiveFunction f, double[] x0, ObjectiveGradientFunction? fprime = null)
        => Minimizer.Minimize(Objective(f, fprime), x0, ConjugateGradientOptions.Scipy);

    /// <summary><c>fmin_ncg</c>'s job by Newton–CG in a trust region (scipy's trust-ncg, <see cref="NewtonCgOptions.Scipy"/>)
    /// rather than scipy's line-search variant. The gradient is required; the Hessian (dense, row-major) and
    /// Hessian–vector products are optional (without either, products are differenced from the gradient).</summary>
    public static MinimizationResult FminNcg(ObjectiveFunction f, double[] x0, ObjectiveGradientFunction fprime,
                                             ObjectiveHessianFunction? fhess = null, HessianVectorFunction? fhessP = null)
    {
        ArgumentNullException.ThrowIfNull(fprime);
        return Minimizer.Minimize(new DelegateObjective(f, fprime) { Hessian = fhess, HessianTimes = fhessP }, x0, NewtonCgOptions.Scipy);
    }

    /// <summary><c>fmin_l_bfgs_b</c>: L-BFGS-B with <see cref="LbfgsbOptions.Scipy"/>, with optional bounds.</summary>
    public static MinimizationResult FminLBfgsB(ObjectiveFunction f, double[] x0, ObjectiveGradientFunction? fprime = null,
                                                Bounds? bounds = null)
        => Minimizer.Minimize(Objective(f, fprime), x0, LbfgsbOptions.Scipy, bounds);

    /// <summary><c>check_grad</c>: ‖∇f − forward differences with the absolute step √ε‖₂ at <paramref name="x0"/>.</summary>
    public static double CheckGrad(ObjectiveFunction f, ObjectiveGradientFunction fprime, double[] x0)
        => GradientCheck.Gradient(f, fprime, x0, step: 1.4901161193847656e-8).Error;

    private static DelegateObjective Objective(ObjectiveFunction f, ObjectiveGradientFunction? fprime)
        => fprime is null ? new DelegateObjective(f) : new DelegateObjective(f, fprime);
}
