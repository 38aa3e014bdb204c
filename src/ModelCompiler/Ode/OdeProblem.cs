// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>
/// An initial-value problem over a compiled system: dy/dt = f(t, y; p) with y(<see cref="StartTime"/>) =
/// <see cref="InitialState"/>, integrated to <see cref="EndTime"/> (which may lie before the start).
/// The arrays given are copied and checked here: lengths, finiteness, the system's state count.
/// </summary>
/// <typeparam name="TSystem">The system the generator compiled from an <c>[Ode]</c> declaration.</typeparam>
public sealed class OdeProblem<TSystem> where TSystem : IOdeSystem
{
    private readonly double[] _y0;
    private readonly double[] _parameters;

    /// <summary>Creates the problem.</summary>
    /// <param name="initialState">y(t0): <see cref="IOdeSystem.StateCount"/> values, or any length ≥
    /// <see cref="IOdeSystem.MinimumStateCount"/> for an indexed system.</param>
    /// <param name="startTime">t0.</param>
    /// <param name="endTime">The final time, different from t0.</param>
    /// <param name="parameters">The model parameters, <see cref="IOdeSystem.ParameterCount"/> values (none when the system has none).</param>
    /// <exception cref="ArgumentException">A length does not match, or a value is not finite (the message names the index).</exception>
    public OdeProblem(ReadOnlySpan<double> initialState, double startTime, double endTime, ReadOnlySpan<double> parameters = default)
    {
        _y0 = OdeInput.CheckInitialState<TSystem>(initialState, nameof(initialState));
        _parameters = OdeInput.CheckParameters<TSystem>(parameters, nameof(parameters));
        OdeInput.CheckInterval(startTime, endTime);
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>y(t0), a copy.</summary>
    public double[] InitialState => (double[])_y0.Clone();

    /// <summary>The model parameters, a copy.</summary>
    public double[] Parameters => (double[])_parameters.Clone();

    /// <summary>t0.</summary>
    public double StartTime { get; }

    /// <summary>The final time.</summary>
    public double EndTime { get; }

    /// <summary>The number of states.</summary>
    public int StateCount => _y0.Length;

    internal double[] InitialStateView => _y0;

    internal double[] ParametersView => _parameters;
}

/// <summary>
/// An initial-value problem whose right-hand side is a delegate rather than a compiled formula:
/// dy/dt = f(t, y), y(<see cref="StartTime"/>) = <see cref="InitialState"/>. Without <see cref="Jacobian"/>,
/// the stiff methods difference f over the columns of <see cref="JacobianPattern"/> (dense when none is given),
/// grouping columns that share no row.
/// </summary>
public sealed class OdeProblem
{
    private readonly double[] _y0;

    /// <summary>Creates the problem.</summary>
    /// <exception cref="ArgumentException">The initial state is empty or not finite, or the interval is empty or not finite.</exception>
    public OdeProblem(OdeRightHandSide rightHandSide, ReadOnlySpan<double> initialState, double startTime, double endTime)
    {
        ArgumentNullException.ThrowIfNull(rightHandSide);
        if (initialState.IsEmpty)
            throw new ArgumentException("The initial state is empty.", nameof(initialState));
        OdeInput.CheckFinite(initialState, nameof(initialState), "initial state");
        OdeInput.CheckInterval(startTime, endTime);
        RightHandSide = rightHandSide;
        _y0 = initialState.ToArray();
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>f(t, y).</summary>
    public OdeRightHandSide RightHandSide { get; }

    /// <summary>∂f/∂y in the order of <see cref="JacobianPattern"/>; null to use finite differences.</summary>
    public OdeJacobian? Jacobian { get; init; }

    /// <summary>Where ∂f/∂y can be nonzero (n×n); null means dense. Banded and sparse patterns choose banded or sparse LU.</summary>
    public SparsityPattern? JacobianPattern { get; init; }

    /// <summary>True when f does not depend on t (saves an evaluation of f per Rosenbrock step).</summary>
    public bool IsAutonomous { get; init; }

    /// <summary>y(t0), a copy.</summary>
    public double[] InitialState => (double[])_y0.Clone();

    /// <summary>t0.</summary>
    public double StartTime { get; }

    /// <summary>The final time.</summary>
    public double EndTime { get; }

    /// <summary>The number of states.</summary>
    public int StateCount => _y0.Length;

    internal double[] InitialStateView => _y0;
}
