// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>
/// What an integration cost, in the terms of CVODE's getters and odeint's infodict.
/// </summary>
public sealed record OdeStatistics
{
    /// <summary>Accepted steps (CVODE's nst, odeint's nst).</summary>
    public int Steps { get; init; }

    /// <summary>Rejected step attempts, for any reason (error test, Newton convergence, non-finite f).</summary>
    public int RejectedSteps { get; init; }

    /// <summary>Evaluations of f, including those spent on finite-difference Jacobians and the initial step estimate (nfe).</summary>
    public int FunctionEvaluations { get; init; }

    /// <summary>Evaluations of the Jacobian ∂f/∂y (nje).</summary>
    public int JacobianEvaluations { get; init; }

    /// <summary>LU factorizations of the iteration matrix (nlu; CVODE's linear solver setups).</summary>
    public int LuFactorizations { get; init; }

    /// <summary>Solves with a factorization (forward and back substitutions).</summary>
    public int LinearSolves { get; init; }

    /// <summary>Local error test failures (netf).</summary>
    public int ErrorTestFailures { get; init; }

    /// <summary>Newton iterations of the implicit methods (nni).</summary>
    public int NonlinearIterations { get; init; }

    /// <summary>Newton convergence failures (ncfn).</summary>
    public int NonlinearConvergenceFailures { get; init; }

    /// <summary>Changes of method by <see cref="Auto"/>.</summary>
    public int MethodSwitches { get; init; }

    /// <summary>The size of the last accepted step (odeint's hu).</summary>
    public double LastStepSize { get; init; }

    /// <summary>The order of the last accepted step (odeint's nqu).</summary>
    public int LastOrder { get; init; }

    /// <summary>The method of the last accepted step (odeint's mused).</summary>
    public string LastMethod { get; init; } = "";

    /// <summary>How the iteration matrix was factored (<see cref="OdeLinearSolver.Automatic"/> when no matrix was used).</summary>
    public OdeLinearSolver LinearSolver { get; init; }

    /// <summary>The entries one factorization stores: n² for dense LU, n·(2kl + ku + 1) for banded LU, nnz(L + U) for sparse LU.</summary>
    public long FactorEntries { get; init; }

    /// <summary>One line: steps, evaluations, factorizations, failures, switches.</summary>
    public override string ToString() =>
        $"{Steps} steps ({RejectedSteps} rejected), {FunctionEvaluations} f evaluations, {JacobianEvaluations} Jacobians, "
        + $"{LuFactorizations} LU, {NonlinearIterations} Newton iterations, {ErrorTestFailures} error-test and "
        + $"{NonlinearConvergenceFailures} convergence failures, {MethodSwitches} method switches; last step {LastStepSize:G4} "
        + $"of order {LastOrder} by {LastMethod}";
}
