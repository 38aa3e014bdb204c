// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// What a system solver hands to the result. <paramref name="Cosine"/> is the largest cosine between F and a column of
/// the solver's last Jacobian (or its approximation), max_j |J_jᵀF|/(‖J_j‖·‖F‖): zero at a stationary point of ‖F‖.
/// </summary>
internal readonly record struct EquationOutcome(double[] X, double[] Residuals, int Iterations, EquationTermination Termination,
                                                string Message, double Cosine = double.NaN)
{
    /// <summary>
    /// The MINPACK tests bound the change of x, not F, so the same test ends at a root and at a local minimum of ‖F‖,
    /// or where the steps shrank without reaching either. A stop with ‖F‖ above √ε·‖F(x₀)‖ and F nearly orthogonal to
    /// J's columns (cosine ≤ 10⁻⁴) is a local minimum; one whose root lies farther than 10⁻⁴·(‖x‖ + 1) by the
    /// Gauss–Newton step is not at a root. A stall with ‖F‖ at most ε·‖F(x₀)‖ and a root within that reach is a root at
    /// the rounding level (typical where J is singular at the root, where F is also nearly orthogonal to J's columns:
    /// Powell's singular system ends with cosine 1e-18).
    /// </summary>
    /// <param name="initialNorm">‖F(x₀)‖.</param>
    /// <param name="rootDistance">The length of the Gauss–Newton step at the stop, evaluated only for a stop these tests
    /// would otherwise pass. Neither ε·‖F(x₀)‖ nor √ε·‖F(x₀)‖ says F is small by itself: from a start far away ‖F(x₀)‖ is
    /// so large that a local minimum passes them (x² + 1 from 1e9 stopped at ‖F‖ = 1), and so does a point where the
    /// steps merely shrank (x² + y² − 4, eˣ + y − 1 from (108, −3.2) stopped at ‖F‖ = 3.9, ‖F(x₀)‖ = 1e47).</param>
    public EquationOutcome Classified(double initialNorm, Func<double> rootDistance)
    {
        double norm = Norms.Euclidean(Residuals);
        // How far a root may lie from a stop that counts as one: the step tolerances are far below it, and a root
        // where J is singular, located to about ε^(1/m), is within it.
        double within = 1e-4 * (Norms.Euclidean(X) + 1);
        bool atRounding = norm <= 2.220446049250313e-16 * initialNorm
                          && Termination is EquationTermination.NoProgress or EquationTermination.LocalMinimum
                          && rootDistance() <= within;
        if (atRounding)
            return this with
            {
                Termination = EquationTermination.MachinePrecision,
                Message = FormattableString.Invariant(
                    $"‖F‖ fell from {initialNorm:G3} to {norm:G3}, below ε of its start, and can fall no further: a root at the rounding level (the Jacobian is singular or ill-conditioned there, which slows the last steps)"),
            };
        if (Termination is not (EquationTermination.StepTolerance or EquationTermination.MachinePrecision))
            return this;
        // Near a root F is rounding, whose direction says nothing: the cosine is asked only of an F barely reduced.
        bool barelyReduced = norm > 1.4901161193847656e-8 * initialNorm;
        if (barelyReduced && Cosine <= 1e-4)
            return this with
            {
                Termination = EquationTermination.LocalMinimum,
                Message = FormattableString.Invariant(
                    $"x stopped changing where ‖F‖ = {norm:G3} and F is orthogonal to the columns of J (cosine {Cosine:G2}): a local minimum of ‖F‖, not a root; try another start"),
            };
        // With one unknown the cosine is 1 whatever J is; the distance to a root tells instead (x² − 2x + 1.0001 at x = 1).
        double distance = rootDistance();
        if (distance > Norms.Euclidean(X) + 1)
            return this with
            {
                Termination = EquationTermination.LocalMinimum,
                Message = FormattableString.Invariant(
                    $"x stopped changing where ‖F‖ = {norm:G3}, and the Gauss–Newton step to a root is {distance:G3} long: a local minimum of ‖F‖ (or F falls toward 0 only as x runs off), not a root; try another start"),
            };
        // The steps shrank where the linear model promised more than F gave (eˣ + y − 1 at x = 91, where F = 3e39).
        if (distance > within)
            return this with
            {
                Termination = EquationTermination.NoProgress,
                Message = FormattableString.Invariant(
                    $"x stopped changing where ‖F‖ = {norm:G3}, and the Gauss–Newton step to a root is {distance:G3} long: the steps shrank without reaching one; try another start or method"),
            };
        return this;
    }

    /// <summary>max_j |(JᵀF)_j| / (‖J_j‖·‖F‖) from Jᵀ·F and J's column norms.</summary>
    public static double LargestCosine(ReadOnlySpan<double> jtf, ReadOnlySpan<double> columnNorms, double fnorm)
    {
        if (fnorm == 0)
            return double.NaN;
        double largest = 0;
        for (int j = 0; j < jtf.Length; j++)
            if (columnNorms[j] != 0)
                largest = Math.Max(largest, Math.Abs(jtf[j]) / (columnNorms[j] * fnorm));
        return largest;
    }
}

/// <summary>The messages the system solvers share, one per termination.</summary>
internal static class EquationMessages
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Exact => "F(x) = 0 exactly";

    public static string Step(double xtol) => string.Create(Ci, $"the relative change of x is at most the step tolerance {xtol:G3}");

    public static string Residual(double ftol) => string.Create(Ci, $"max |Fᵢ(x)| is at most the residual tolerance {ftol:G3}");

    public static string Rounding => "the step bound reached the rounding level of x: no further improvement is possible in double precision";

    public static string Budget(int budget) => string.Create(Ci, $"the budget of {budget} function evaluations was spent");

    public static string NoProgressJacobian(double norm)
        => string.Create(Ci, $"five Jacobian evaluations did not reduce ‖F‖ = {norm:G3} by 10%: the Jacobian may be singular there, or x is a local minimum of ‖F‖");

    public static string NoProgressIterations(double norm)
        => string.Create(Ci, $"ten iterations did not reduce ‖F‖ = {norm:G3} by 0.1%: the Jacobian may be singular there, or x is a local minimum of ‖F‖");

    public static string NonFiniteJacobian => "the Jacobian is not finite at the last accepted point";
}
