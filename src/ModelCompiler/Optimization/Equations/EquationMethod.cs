// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>The algorithm of <see cref="EquationSolver"/>.</summary>
public enum EquationMethod
{
    /// <summary>
    /// Powell's hybrid method as MINPACK's hybrj (with the Jacobian) and hybrd (differences) implement it (scipy's
    /// <c>fsolve</c> and <c>root(method='hybr')</c>): a dogleg step in a trust region from a QR factorization of the
    /// Jacobian, Broyden rank-one updates of the factors between Jacobian evaluations, the Jacobian recomputed only
    /// after two failed steps or slow progress. Few Jacobian evaluations; dense.
    /// </summary>
    Hybrid,

    /// <summary>
    /// Levenberg–Marquardt as MINPACK's lmder (scipy's <c>root(method='lm')</c>) on ½‖F‖²: a new Jacobian every
    /// iteration, Moré's trust region and scaling, pivoted QR. The most robust on singular and badly scaled systems;
    /// dense.
    /// </summary>
    LevenbergMarquardt,

    /// <summary>
    /// Broyden's good method (Broyden 1965; Dennis &amp; Schnabel §8.1) with a backtracking line search on ‖F‖: one
    /// Jacobian at the start, rank-one secant updates of its QR factors after every step, a fresh Jacobian only when
    /// the secant direction fails. For systems whose Jacobian is expensive; dense.
    /// </summary>
    Broyden,

    /// <summary>
    /// Newton's method with Powell's dogleg in a trust region and a new Jacobian every iteration, stored and factored
    /// in its detected structure: a banded LU for a Jacobian within a narrow band (tridiagonal, banded and most
    /// indexed systems), dense LU otherwise. For large sparse systems, where the dense methods' n×n factors do not fit.
    /// </summary>
    Newton,

    /// <summary>
    /// The default: <see cref="Hybrid"/>, as scipy's <c>fsolve</c>, unless the system is large (n ≥ 200) and its
    /// Jacobian's pattern lies within a band no wider than n/8; then <see cref="Newton"/>, whose banded LU costs
    /// O(n·band²) where the hybrid method's dense QR and rank-one updates cost O(n³) and O(n²) per step (the
    /// tridiagonal Broyden system at n = 2,000: 11 s against 0.03 s). The result's <see cref="EquationSolverResult.Method"/>
    /// says which ran.
    /// </summary>
    Automatic,
}
