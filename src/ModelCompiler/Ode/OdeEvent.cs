// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>Which zero crossings of an event function count.</summary>
public enum EventDirection
{
    /// <summary>Both directions.</summary>
    Either,
    /// <summary>Only where g goes from negative to non-negative.</summary>
    Rising,
    /// <summary>Only where g goes from positive to non-positive.</summary>
    Falling,
}

/// <summary>
/// An event: a zero crossing of g(t, y) along the solution. After every accepted step the integrator compares the
/// signs of g at the step's ends and, on a crossing, locates it by Brent's method on the step's interpolant to
/// within a few units of the last place of t. A crossing and a recrossing inside one step are not seen
/// (the steps are short where the solution moves fast; bound <see cref="OdeOptions.MaxStep"/> when g oscillates faster).
/// A zero of g at the start time is not an event (scipy's solve_ivp reports one there, and stops there if it is
/// terminal): only a change of sign after the start counts. Where g is zero on a whole interval, the time reported is
/// some point of it, not necessarily its first.
/// </summary>
/// <param name="Function">g(t, y).</param>
public sealed record OdeEvent(OdeEventFunction Function)
{
    /// <summary>A name for results and messages.</summary>
    public string Name { get; init; } = "event";

    /// <summary>Which crossings count.</summary>
    public EventDirection Direction { get; init; } = EventDirection.Either;

    /// <summary>Stop the integration at the first crossing that counts.</summary>
    public bool Terminal { get; init; }
}

/// <summary>One located event.</summary>
/// <param name="EventIndex">The index of the event in <see cref="OdeOptions.Events"/>.</param>
/// <param name="Name">The event's name.</param>
/// <param name="Time">Where g crossed zero.</param>
/// <param name="State">The state there (from the step's interpolant).</param>
/// <param name="Rising">True when g went from negative to non-negative.</param>
public sealed record OdeEventOccurrence(int EventIndex, string Name, double Time, IReadOnlyList<double> State, bool Rising);

/// <summary>A change of method by <see cref="Auto"/>.</summary>
/// <param name="Time">Where the new method took over.</param>
/// <param name="From">The method used before.</param>
/// <param name="To">The method used after.</param>
/// <param name="Reason">Why, with the estimate that decided it.</param>
public sealed record OdeMethodSwitch(double Time, string From, string To, string Reason);

/// <summary>Progress of a long integration, reported every 100 accepted steps and at the end.</summary>
/// <param name="Time">The time reached.</param>
/// <param name="Steps">Accepted steps so far.</param>
/// <param name="StepSize">The last step's size.</param>
/// <param name="Method">The method in use.</param>
public readonly record struct OdeProgress(double Time, int Steps, double StepSize, string Method);
