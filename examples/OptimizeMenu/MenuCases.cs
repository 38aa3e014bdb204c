// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace OptimizeMenu;

/// <summary>scipy 1.10.1's run of the same call: x (null where not recorded), f (‖F‖₂ for a system, |f(x)| for a root),
/// iterations (null where scipy does not report them), and the calls of f, f′ (or J) and f″ its wrappers counted.</summary>
public sealed record ScipyRun(string Call, double? X, double F, int? Iterations, int Values, int Gradients, int Hessians);

/// <summary>One of our calls: what it returned, its counts, whether it reports convergence, and scipy's run beside it.
/// For a minimizer F is f(x); for a system ‖F(x)‖₂; for a root f(x). Gradients counts f′ (or Jacobian) evaluations,
/// Hessians f″ evaluations plus Hessian–vector products.</summary>
public sealed record MenuRow(string Call, double[] X, double F, int Iterations, int Values, int Gradients, int Hessians,
                             bool Converged, ScipyRun? Scipy);

/// <summary>
/// The example's computations, shared with its test (tests/ModelCompiler.Tests/Optimization/OptimizeMenuExampleTests.cs).
/// Every scipy number here was measured with SciPy 1.10.1, NumPy 1.24.2 on Debian 12 and comes from the shared
/// optimization reference set: the textbook's calls from its textbook.json, Rosenbrock, the helical valley and the
/// cubic from its results.csv (rows mgh01-rosenbrock, rosen-chained-n100, sys-helical-valley and scalar-cubic with
/// analytic derivatives and default settings).
/// </summary>
public static class MenuCases
{
    /// <summary>The textbook's start.</summary>
    public static readonly double[] TextbookStart = [1.3];

    /// <summary>scipy's check_grad(f, g, [1.3]) (textbook.json).</summary>
    public const double ScipyCheckGrad = 2.3841857821338408e-08;

    /// <summary>The calls of the textbook's menu we have no counterpart for, with what to use instead.</summary>
    public static readonly IReadOnlyList<(string Scipy, string Instead)> NotInModelCompiler =
    [
        ("fmin_tnc(f, [1.3], fprime=g)  -> x = 1.9999999991446558, 3 f, 3 f'",
         "no truncated-Newton with bounds: L-BFGS-B for bounds, Newton–CG (trust region) for large smooth problems"),
        ("brute(f, ranges)",
         "no grid search: Nelder–Mead or BFGS from several starts"),
    ];

    /// <summary>x² − 4x + 8 from 1.3 through every method of the menu, each with scipy's preset, on the generated
    /// gradient, Hessian and derivatives.</summary>
    public static IReadOnlyList<MenuRow> Textbook()
    {
        double[] x0 = TextbookStart;
        return
        [
            Row("fmin", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, NelderMeadOptions.Scipy),
                new("fmin(f, [1.3])", 2.0000195312500013, 4.00000000038147, 16, 32, 0, 0)),
            Row("fmin_powell", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, PowellOptions.Scipy),
                new("fmin_powell(f, [1.3])", 1.9999999999683615, 4.0, 2, 51, 0, 0)),
            Row("fmin_bfgs", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, BfgsOptions.Scipy),
                new("fmin_bfgs(f, [1.3], fprime=g)", 2.0, 4.0, null, 3, 3, 0)),
            Row("fmin_cg", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, ConjugateGradientOptions.Scipy),
                new("fmin_cg(f, [1.3], fprime=g)", 2.0, 4.0, null, 3, 3, 0)),
            Row("fmin_ncg", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, NewtonCgOptions.Scipy),
                new("fmin_ncg(f, [1.3], fprime=g, fhess=h)", 2.0, 4.0, null, 2, 2, 2)),
            Row("fmin_l_bfgs_b", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, LbfgsbOptions.Scipy),
                new("fmin_l_bfgs_b(f, [1.3], fprime=g)", 2.0, 4.0, 2, 3, 3, 0)),
            Row("trust-exact", Minimizer.Minimize<MenuProblems.TextbookObjective>(x0, TrustExactOptions.Scipy),
                new("minimize(f, [1.3], method='trust-exact', jac=g, hess=h)", 2.0, 4.0, 1, 2, 2, 2)),
            Row("fminbound", ScalarMinimizer.Bounded<MenuProblems.TextbookObjective>(0, 5),
                new("fminbound(f, 0, 5)", 1.9999999999999996, 4.0, null, 6, 0, 0)),
            Row("brent", ScalarMinimizer.Brent<MenuProblems.TextbookObjective>(),
                new("brent(f)", 2.0, 4.0, 4, 8, 0, 0)),
            Row("golden", ScalarMinimizer.Golden<MenuProblems.TextbookObjective>(),
                new("golden(f)", 2.0, 4.0, null, 42, 0, 0)),
        ];
    }

    /// <summary>check_grad's measure on the generated gradient: ‖∇f − forward differences (step √ε)‖₂ at 1.3.</summary>
    public static double CheckGrad()
        => ScipyOptimize.CheckGrad(MenuProblems.TextbookObjective.Evaluate, MenuProblems.TextbookObjective.EvaluateWithGradient, TextbookStart);

    /// <summary>The generated f, f′ and f″ at <paramref name="x"/>, in one call.</summary>
    public static (double F, double Derivative, double Second) Derivatives(double x)
    {
        double f = MenuProblems.TextbookObjective.EvaluateWithDerivatives(x, out double d1, out double d2);
        return (f, d1, d2);
    }

    /// <summary>The start (−1.2, 1, −1.2, 1, …) of Moré, Garbow and Hillstrom, used by scipy's docs and the reference set.</summary>
    public static double[] RosenbrockStart(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();

    /// <summary>Rosenbrock in 2 and 100 unknowns by BFGS with the generated gradient and by the trust-region Newton
    /// method with the generated sparse (tridiagonal) Hessian, and by Newton–CG on generated Hessian–vector products, at
    /// our default tolerances.</summary>
    public static IReadOnlyList<MenuRow> Rosenbrock()
    {
        double[] two = RosenbrockStart(2), hundred = RosenbrockStart(100);
        return
        [
            Row("BFGS, n = 2", Minimizer.Minimize<MenuProblems.RosenObjective>(two, BfgsOptions.Default),
                new("minimize(rosen, x0, method='BFGS', jac=rosen_der)", null, 2.5353037304600441e-15, 32, 39, 39, 0)),
            Row("trust-exact, n = 2", Minimizer.Minimize<MenuProblems.RosenObjective>(two, TrustExactOptions.Default),
                new("minimize(rosen, x0, method='trust-exact', jac=.., hess=..)", null, 3.3311731369134589e-19, 25, 26, 23, 26)),
            Row("BFGS, n = 100", Minimizer.Minimize<MenuProblems.RosenObjective>(hundred, BfgsOptions.Default),
                new("minimize(rosen, x0, method='BFGS', jac=rosen_der)", null, 1.4601585292523058e-13, 543, 639, 639, 0)),
            // From this start the exact Newton steps of trust-exact, ours as scipy's, end at the local minimum f = 3.98662
            // near (−1, 1, …, 1); Newton–CG's truncated steps go on to (1, …, 1).
            Row("trust-exact, n = 100", Minimizer.Minimize<MenuProblems.RosenObjective>(hundred, TrustExactOptions.Default),
                new("minimize(rosen, x0, method='trust-exact', jac=.., hess=..)", null, 3.9866238543034482, 205, 206, 179, 206)),
            Row("Newton-CG, n = 100", Minimizer.Minimize<MenuProblems.RosenObjective>(hundred, NewtonCgOptions.Default),
                new("minimize(rosen, x0, method='trust-ncg', jac=.., hess=..)", null, 3.7698148041966124e-13, 443, 444, 373, 373)),
        ];
    }

    /// <summary>The helical valley by Powell's hybrid method (MINPACK hybrj) with the generated Jacobian, at fsolve's
    /// tolerance.</summary>
    public static MenuRow HelicalValley()
    {
        var result = EquationSolver.Solve<MenuProblems.HelicalValleyEquations>([-1, 0, 0], EquationSolverOptions.Scipy);
        return new MenuRow("hybrj", result.X, result.ResidualNorm, result.Iterations, result.FunctionEvaluations,
                           result.JacobianEvaluations, 0, result.IsConverged,
                           new("fsolve(F, [-1, 0, 0], fprime=J)", 0.99999999999999356, 2.7056661287843684e-13, null, 17, 3, 0));
    }

    /// <summary>Newton's cubic by brentq on [2, 3], and by Newton's and Halley's methods from 2 on the generated f′ and f″.</summary>
    public static IReadOnlyList<MenuRow> Cubic() =>
    [
        Row("brentq", ScalarRootFinder.Brent<MenuProblems.CubicEquations>(2, 3),
            new("brentq(f, 2, 3)", 2.094551481542327, 3.5527136788005009e-15, null, 8, 0, 0)),
        Row("newton", ScalarRootFinder.Newton<MenuProblems.CubicEquations>(2),
            new("newton(f, 2, fprime=df)", 2.0945514815423265, 8.8817841970012523e-16, null, 4, 4, 0)),
        Row("halley", ScalarRootFinder.Halley<MenuProblems.CubicEquations>(2),
            new("newton(f, 2, fprime=df, fprime2=d2f)", 2.0945514815423265, 8.8817841970012523e-16, null, 3, 3, 3)),
    ];

    private static MenuRow Row(string call, MinimizationResult r, ScipyRun scipy)
        => new(call, r.X, r.Value, r.Iterations, r.FunctionEvaluations, r.GradientEvaluations, r.HessianEvaluations + r.HessianVectorProducts,
               r.IsConverged, scipy);

    private static MenuRow Row(string call, ScalarMinimizationResult r, ScipyRun scipy)
        => new(call, [r.X], r.Value, r.Iterations, r.FunctionEvaluations, 0, 0, r.IsConverged, scipy);

    private static MenuRow Row(string call, ScalarRootResult r, ScipyRun scipy)
        => new(call, [r.X], r.Value, r.Iterations, r.FunctionEvaluations, r.DerivativeEvaluations, r.SecondDerivativeEvaluations,
               r.IsConverged, scipy);
}
