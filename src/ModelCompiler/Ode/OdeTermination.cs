// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>Why an integration stopped. In every case the result holds the solution up to the last time reached.</summary>
public enum OdeTermination
{
    /// <summary>The end time was reached.</summary>
    Completed,
    /// <summary>A terminal event occurred; the last time is the event's.</summary>
    TerminalEvent,
    /// <summary><see cref="OdeOptions.MaxSteps"/> steps were taken before the end time.</summary>
    MaxStepsReached,
    /// <summary>The step size fell below what t can resolve: the tolerances cannot be met there (a singularity, or
    /// tolerances beyond double precision), or the Newton iteration of a stiff method kept failing.</summary>
    StepSizeTooSmall,
    /// <summary>f(t, y) became NaN or infinite and stayed so however small the step (the solution blows up, or
    /// leaves the domain of f).</summary>
    NonFiniteRightHandSide,

    /// <summary>An event function returned NaN at the end of a step, so whether it crossed zero there cannot be
    /// told; the integration stops at that step, whose solution is kept.</summary>
    NonFiniteEvent,
}
