// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Ode;

/// <summary>
/// Options of every integrator. A step is accepted when its estimated local error e satisfies
/// ‖e‖ = sqrt((1/n)·Σᵢ (eᵢ / (atolᵢ + rtolᵢ·max(|y₀ᵢ|, |y₁ᵢ|)))²) ≤ 1, with y₀ and y₁ the states at the step's
/// ends (the RMS norm of Hairer's codes and of CVODE). The error controlled is local: the global error can be
/// larger by the problem's own amplification (chaotic or unstable modes).
/// </summary>
public sealed record OdeOptions
{
    /// <summary>rtol 1e-6, atol 1e-8.</summary>
    public static OdeOptions Default { get; } = new();

    /// <summary>scipy's <c>odeint</c> defaults: rtol = atol = 1.49012e-8; no dense output (odeint returns the states at its times).</summary>
    public static OdeOptions Odeint { get; } = new() { RelativeTolerance = 1.49012e-8, AbsoluteTolerance = 1.49012e-8, DenseOutput = false };

    /// <summary>rtol for every component (unless <see cref="RelativeTolerances"/> is set). Must be positive and
    /// at least 1e-15 (below that no double-precision method can meet it).</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>atol for every component (unless <see cref="AbsoluteTolerances"/> is set). Must be positive.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-8;

    /// <summary>rtol per component; its length must be the number of states.</summary>
    public IReadOnlyList<double>? RelativeTolerances { get; init; }

    /// <summary>atol per component (for states of very different magnitudes, such as Robertson's y2 ≈ 1e-5 beside y1 ≈ 1);
    /// its length must be the number of states.</summary>
    public IReadOnlyList<double>? AbsoluteTolerances { get; init; }

    /// <summary>The most accepted steps; the integration stops with <see cref="OdeTermination.MaxStepsReached"/> beyond.</summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>The first step's size (its magnitude); null to choose it from f and the tolerances (Hairer's estimate).</summary>
    public double? InitialStep { get; init; }

    /// <summary>The largest step size (magnitude).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// Times at which to report the solution (scipy's <c>t_eval</c>), strictly monotone in the direction of integration and
    /// inside the interval; null to report every accepted step. The integrator's steps are not constrained by them: the
    /// values come from the dense output.
    /// </summary>
    public IReadOnlyList<double>? OutputTimes { get; init; }

    /// <summary>Keep every step's interpolant, so that <see cref="OdeResult.Solution"/> can be evaluated anywhere.</summary>
    public bool DenseOutput { get; init; } = true;

    /// <summary>Events to locate (each a function crossing zero, with a direction and a terminal flag).</summary>
    public IReadOnlyList<OdeEvent>? Events { get; init; }

    /// <summary>How the stiff methods factor their iteration matrix.</summary>
    public OdeLinearSolver LinearSolver { get; init; } = OdeLinearSolver.Automatic;

    /// <summary>Returns false with a message naming the first invalid option; the per-component lengths are checked
    /// against the problem when solving.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!(RelativeTolerance >= 1e-15) || !double.IsFinite(RelativeTolerance))
            error = $"{nameof(RelativeTolerance)} must be finite and at least 1e-15, got {RelativeTolerance}.";
        else if (!(AbsoluteTolerance > 0) || !double.IsFinite(AbsoluteTolerance))
            error = $"{nameof(AbsoluteTolerance)} must be finite and positive, got {AbsoluteTolerance}.";
        else if (FirstBad(RelativeTolerances, 1e-15) is int i)
            error = $"{nameof(RelativeTolerances)}[{i}] must be finite and at least 1e-15, got {RelativeTolerances![i]}.";
        else if (FirstBad(AbsoluteTolerances, double.Epsilon) is int j)
            error = $"{nameof(AbsoluteTolerances)}[{j}] must be finite and positive, got {AbsoluteTolerances![j]}.";
        else if (MaxSteps < 1)
            error = $"{nameof(MaxSteps)} must be at least 1, got {MaxSteps}.";
        else if (InitialStep is double h0 && (!(h0 > 0) || !double.IsFinite(h0)))
            error = $"{nameof(InitialStep)} must be finite and positive, got {h0}.";
        else if (!(MaxStep > 0))
            error = $"{nameof(MaxStep)} must be positive, got {MaxStep}.";
        else if (Events is not null && FirstNull(Events) is int k)
            error = $"{nameof(Events)}[{k}] is null.";
        else if (!Enum.IsDefined(LinearSolver))
            error = $"{nameof(LinearSolver)} has the undefined value {(int)LinearSolver}.";
        return error is null;
    }

    private static int? FirstNull(IReadOnlyList<OdeEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
            if (events[i] is null)
                return i;
        return null;
    }

    private static int? FirstBad(IReadOnlyList<double>? values, double minimum)
    {
        if (values is null)
            return null;
        for (int i = 0; i < values.Count; i++)
            if (!(values[i] >= minimum) || !double.IsFinite(values[i]))
                return i;
        return null;
    }
}
