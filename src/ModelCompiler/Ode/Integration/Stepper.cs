// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>How an attempt to advance one step ended.</summary>
internal enum StepStatus
{
    /// <summary>A step was accepted: <see cref="Stepper.T"/> and <see cref="Stepper.Y"/> moved.</summary>
    Accepted,
    /// <summary>The step size fell below what t can resolve after repeated error-test failures.</summary>
    StepSizeTooSmall,
    /// <summary>f stayed non-finite however small the step.</summary>
    NonFinite,
    /// <summary>The Newton iteration kept failing however small the step (or the iteration matrix stayed singular).</summary>
    ConvergenceFailure,
    /// <summary>A Rosenbrock method's matrix I − γhJ stayed singular however small the step.</summary>
    SingularMatrix,
    /// <summary>∂f/∂y at the current state is not finite: no step from there can be taken.</summary>
    NonFiniteJacobian,
}

/// <summary>
/// One integration method: advances (T, Y) by accepted steps, each under error control, and interpolates inside
/// the last step. The driver handles output times, events, dense storage, progress and cancellation around it.
/// </summary>
internal abstract class Stepper
{
    /// <summary>The time of the current state.</summary>
    public double T;

    /// <summary>The start of the last accepted step.</summary>
    public double TPrevious;

    /// <summary>The current state (owned by the stepper; read it, never write it).</summary>
    public double[] Y = [];

    /// <summary>The size of the last accepted step (signed).</summary>
    public double LastStep;

    /// <summary>The order of the formula used in the last accepted step.</summary>
    public int LastOrder;

    /// <summary>The method's name in statistics and messages.</summary>
    public abstract string Name { get; }

    /// <summary>Starts (or restarts) at (t, y): f there, and the first step <paramref name="h"/> (signed), or an
    /// estimate when it is zero.</summary>
    public abstract void Start(double t, ReadOnlySpan<double> y, double h, double tStop);

    /// <summary>The step size the method would try next (signed).</summary>
    public abstract double NextStep { get; }

    /// <summary>Takes one accepted step from <see cref="T"/> toward <paramref name="tStop"/>, never past it.</summary>
    public abstract StepStatus Step(double tStop);

    /// <summary>The state at <paramref name="t"/> inside the last step [<see cref="TPrevious"/>, <see cref="T"/>].</summary>
    public abstract void Interpolate(double t, Span<double> y);

    /// <summary>Adds the last step's interpolant to <paramref name="output"/>.</summary>
    public abstract void WriteDense(DenseOutputBuilder output);
}

/// <summary>A stepper that factors an iteration matrix (for the statistics).</summary>
internal interface IHasIterationMatrix
{
    LinearAlgebra.NewtonMatrix? Matrix { get; }
}
