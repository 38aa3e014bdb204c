// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>What a system solver hands to the result.</summary>
internal readonly record struct EquationOutcome(double[] X, double[] Residuals, int Iterations, EquationTermination Termination, string Message);

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
