// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Solves a square system of nonlinear equations F(x) = 0, the counterpart of scipy's <c>fsolve</c> and <c>root</c>:
/// Powell's hybrid method (default), Levenberg–Marquardt, Broyden's method, or Newton's method on the Jacobian's
/// banded structure (see <see cref="EquationMethod"/>). The system is a generated <see cref="IEquationSystem"/>
/// (its Jacobian and sparsity derived at build time; a type parameter, so the JIT specializes every call) or
/// delegates, with a Jacobian delegate or differences (<see cref="FiniteDifferenceScheme"/>), grouped by a sparsity
/// pattern when one is given.
/// </summary>
/// <remarks>
/// Bad input throws <see cref="ArgumentException"/> naming the argument and index: a start of the wrong length or
/// with a non-finite entry, F or its Jacobian not finite at the start, a system that is not square, invalid options.
/// Not converging is an <see cref="EquationTermination"/>. Cancellation throws <see cref="OperationCanceledException"/>.
/// The start is copied, never modified.
/// </remarks>
public static class EquationSolver
{
    /// <summary>Solves the generated system <typeparamref name="TSystem"/> from <paramref name="x0"/>.</summary>
    public static EquationSolverResult Solve<TSystem>(double[] x0, EquationSolverOptions? options = null,
                                                      IProgress<EquationSolverProgress>? progress = null,
                                                      CancellationToken cancellationToken = default)
        where TSystem : IEquationSystem
    {
        ArgumentNullException.ThrowIfNull(x0);
        options ??= EquationSolverOptions.Default;
        options.Validate();
        int n = x0.Length;
        if (TSystem.ParameterCount is { } count && n != count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x0 has {n} entries but the system has {count} unknowns ({string.Join(", ", TSystem.ParameterNames)})."), nameof(x0));
        if (n < TSystem.MinimumParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x0 has {n} entries; the system is defined for at least {TSystem.MinimumParameterCount} unknowns."), nameof(x0));
        int m = TSystem.EquationCount(n);
        if (m != n)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The system has {m} equations in {n} unknowns; the equation solvers need a square system (fit an over-determined one by least squares)."),
                nameof(x0));
        var pattern = TSystem.JacobianPattern(n);
        var evaluator = new GeneratedSystem<TSystem>(pattern, new EvaluationCounter());
        return Run(evaluator, x0, options, progress, cancellationToken, TSystem.Formula, TSystem.ParameterNames, TSystem.ParameterCount is null);
    }

    /// <summary>
    /// Solves <paramref name="residuals"/>(x) = 0 from <paramref name="x0"/> with a dense difference Jacobian
    /// (<see cref="EquationSolverOptions.FiniteDifferences"/>), as scipy's <c>fsolve(f, x0)</c>.
    /// </summary>
    public static EquationSolverResult Solve(SystemFunction residuals, double[] x0, EquationSolverOptions? options = null,
                                             IProgress<EquationSolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x0);
        return SolveDelegates(residuals, null, SparsityPattern.Dense(Math.Max(1, x0.Length), Math.Max(1, x0.Length)), x0, options, progress, cancellationToken);
    }

    /// <summary>
    /// Solves <paramref name="residuals"/>(x) = 0 with a difference Jacobian over <paramref name="jacobianPattern"/>:
    /// columns sharing no row are differenced together, so a banded Jacobian costs a few evaluations of F whatever n.
    /// </summary>
    public static EquationSolverResult Solve(SystemFunction residuals, SparsityPattern jacobianPattern, double[] x0,
                                             EquationSolverOptions? options = null, IProgress<EquationSolverProgress>? progress = null,
                                             CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jacobianPattern);
        ArgumentNullException.ThrowIfNull(x0);
        if (jacobianPattern.RowCount != x0.Length || jacobianPattern.ColumnCount != x0.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The pattern is {jacobianPattern.RowCount}×{jacobianPattern.ColumnCount}; x0 has {x0.Length} entries."), nameof(jacobianPattern));
        return SolveDelegates(residuals, null, jacobianPattern, x0, options, progress, cancellationToken);
    }

    /// <summary>
    /// Solves <paramref name="residuals"/>(x) = 0 with the Jacobian <paramref name="jacobian"/> (dense, row-major), as
    /// scipy's <c>fsolve(f, x0, fprime=jac)</c>.
    /// </summary>
    public static EquationSolverResult Solve(SystemFunction residuals, SystemJacobian jacobian, double[] x0,
                                             EquationSolverOptions? options = null, IProgress<EquationSolverProgress>? progress = null,
                                             CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentNullException.ThrowIfNull(x0);
        return SolveDelegates(residuals, jacobian, SparsityPattern.Dense(Math.Max(1, x0.Length), Math.Max(1, x0.Length)), x0, options, progress, cancellationToken);
    }

    private static EquationSolverResult SolveDelegates(SystemFunction residuals, SystemJacobian? jacobian, SparsityPattern pattern,
                                                       double[] x0, EquationSolverOptions? options,
                                                       IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        options ??= EquationSolverOptions.Default;
        options.Validate();
        var differences = jacobian is null ? new FiniteDifferenceJacobian(pattern, options.FiniteDifferences) : null;
        var evaluator = new DelegateSystem(residuals, jacobian, differences, pattern, new EvaluationCounter());
        return Run(evaluator, x0, options, progress, cancellationToken, null, ["x"], true);
    }

    private static EquationSolverResult Run<TEval>(TEval evaluator, double[] x0, EquationSolverOptions options,
                                                   IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken,
                                                   string? formula, IReadOnlyList<string> names, bool indexed)
        where TEval : ISystemEvaluator
    {
        var ci = CultureInfo.InvariantCulture;
        int n = x0.Length;
        if (n == 0)
            throw new ArgumentException("x0 is empty; give a start with one entry per unknown.", nameof(x0));
        int bad = SystemChecks.FirstNonFinite(x0);
        if (bad >= 0)
            throw new ArgumentException(string.Create(ci, $"x0[{bad}] is {x0[bad]}; the start must be finite."), nameof(x0));
        var x = (double[])x0.Clone();
        var f = new double[n];
        if (!evaluator.Residuals(x, f))
        {
            int i = SystemChecks.FirstNonFinite(f);
            throw new ArgumentException(string.Create(ci, $"F[{i}] is {f[i]} at the start; start where every equation is finite."), nameof(x0));
        }
        int budget = options.EvaluationBudget(n, evaluator.UsesDifferences);
        var method = options.Method == EquationMethod.Automatic ? Choose(n, evaluator.Pattern) : options.Method;
        double initialNorm = Norms.Euclidean(f);
        EquationOutcome outcome;
        if (Norms.Max(f) == 0)
            outcome = new EquationOutcome(x, f, 0, EquationTermination.ExactSolution, EquationMessages.Exact);
        else if (options.ResidualTolerance > 0 && Norms.Max(f) <= options.ResidualTolerance)
            outcome = new EquationOutcome(x, f, 0, EquationTermination.ResidualTolerance, EquationMessages.Residual(options.ResidualTolerance));
        else
            outcome = method switch
            {
                EquationMethod.Hybrid => new HybridPowell<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
                EquationMethod.LevenbergMarquardt => new SystemLevenbergMarquardt<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
                EquationMethod.Broyden => new BroydenSolver<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
                _ => new NewtonTrustRegion<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
            };
        var final = outcome;
        outcome = outcome.Classified(initialNorm, () => RootDistance(evaluator, final.X, final.Residuals));
        return new EquationSolverResult(method, formula, names, indexed, outcome.X, outcome.Residuals, outcome.Iterations,
            evaluator.Counter.Residuals, evaluator.Counter.Jacobians, outcome.Termination, outcome.Message);
    }

    /// <summary>
    /// How far a root lies from x by the linear model: the Gauss–Newton step ‖J⁻¹F‖ (a zero pivot replaced as in the
    /// dogleg, which makes the step huge); above <see cref="DenseDistanceLimit"/> unknowns ‖F‖/‖J‖, a lower bound on it.
    /// ‖F‖/‖J‖ alone misled where J is ill-conditioned: Powell's badly scaled system ended 0.1 from its root in y with
    /// ‖F‖ = 1.4e-5 and ‖J‖ = 9e4. 0 where J is not finite (no distance can be told).
    /// </summary>
    private static double RootDistance<TEval>(TEval evaluator, double[] x, double[] f) where TEval : ISystemEvaluator
    {
        var pattern = evaluator.Pattern;
        var values = new double[pattern.NonzeroCount];
        if (!evaluator.Jacobian(x, f, values))
            return 0;
        int n = x.Length;
        if (n > DenseDistanceLimit)
            return Norms.Euclidean(f) / Norms.Euclidean(values);
        var a = new double[n * n];   // column-major, as the QR takes it
        for (int row = 0; row < n; row++)
            for (int k = pattern.RowStarts[row]; k < pattern.RowStarts[row + 1]; k++)
                a[pattern.ColumnIndices[k] * n + row] = values[k];
        double[] r = new double[n * n], q = new double[n * n], qtf = new double[n], norms = new double[n], rdiag = new double[n],
                 work = new double[n], step = new double[n];
        DenseQr.Factor(n, a, r, q, f, qtf, norms, rdiag, work, new int[n]);
        DenseQr.GaussNewton(n, r, qtf, step);
        return Norms.Euclidean(step);
    }

    /// <summary>Unknowns up to which <see cref="RootDistance"/> factors J densely once, at the stop (larger systems are
    /// banded or sparse, and Newton factors them in milliseconds where a dense QR would take longer than the solve).</summary>
    private const int DenseDistanceLimit = 200;

    /// <summary><see cref="EquationMethod.Automatic"/>'s choice: Newton's banded LU for a large system in a narrow band.</summary>
    private static EquationMethod Choose(int n, SparsityPattern pattern) =>
        n >= 200 && pattern.LowerBandwidth + pattern.UpperBandwidth + 1 <= n / 8 ? EquationMethod.Newton : EquationMethod.Hybrid;
}
