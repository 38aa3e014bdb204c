// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Ode;

/// <summary>
/// Forward sensitivities ∂y(t)/∂p of a compiled system, integrated with the state under the same error control (the
/// sensitivities are part of the error norm, with the same tolerances): the augmented system
/// s_k' = (∂f/∂y)·s_k + ∂f/∂p_k, s_k(t0) = 0, built from the generated directional derivative and parameter Jacobian.
/// The explicit methods integrate it as it is; the BDF's Newton iteration uses the block-diagonal Jacobian
/// (∂f/∂y in every block, factored by the LU its pattern calls for). Rosenbrock methods need the exact Jacobian of the
/// augmented system, with second derivatives, and are not accepted. This is what a parameter fit needs: the residual
/// Jacobian at the observation times.
/// </summary>
public static class OdeSensitivity
{
    /// <summary>Integrates the problem and its parameter sensitivities, reporting both at the output times.</summary>
    /// <param name="problem">The system, initial state (independent of the parameters), interval and parameters.</param>
    /// <param name="algorithm"><see cref="Dopri5"/>, <see cref="Dop853"/>, <see cref="Bdf"/> or an <see cref="Auto"/> of them;
    /// <see cref="Auto"/> when null.</param>
    /// <param name="options">As for <see cref="OdeSolver.Solve{TSystem}"/>; per-component tolerances, when given, cover the
    /// n·(1 + P) augmented components (y first, then ∂y/∂p_1, …). Events are not supported here.</param>
    /// <param name="progress">Receives the time reached every 100 steps and at the end.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <exception cref="ArgumentException">A Rosenbrock method, events, or invalid options.</exception>
    public static OdeSensitivityResult Solve<TSystem>(OdeProblem<TSystem> problem, OdeAlgorithm? algorithm = null,
        OdeOptions? options = null, IProgress<OdeProgress>? progress = null, CancellationToken cancellationToken = default)
        where TSystem : IOdeSystem
    {
        ArgumentNullException.ThrowIfNull(problem);
        algorithm ??= new Auto();
        options ??= OdeOptions.Default;
        if (algorithm is Rodas5P or Rodas4 || algorithm is Auto { Stiff: Rodas5P or Rodas4 })
            throw new ArgumentException("Sensitivities need a method that accepts an approximate Jacobian: Dopri5, Dop853, Bdf or Auto with Bdf.",
                nameof(algorithm));
        if (options.Events is { Count: > 0 })
            throw new ArgumentException("Events are not supported with sensitivities.", nameof(options));
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        int n = problem.StateCount, p = TSystem.ParameterCount;
        var function = new SensitivityFunction<TSystem>(n, problem.ParametersView);
        var y0 = new double[n * (1 + p)];
        problem.InitialStateView.CopyTo(y0, 0);
        double[]? outputs = options.OutputTimes is { } times
            ? OdeInput.CheckOutputTimes(times, problem.StartTime, problem.EndTime, nameof(options))
            : null;
        var names = Enumerable.Range(0, n * (1 + p))
            .Select(i => i < n ? Name<TSystem>(i, n) : $"d{Name<TSystem>(i % n, n)}/d{TSystem.ParameterNames[i / n - 1]}")
            .ToArray();
        var result = IntegrationDriver.Run(function, names, y0, problem.StartTime, problem.EndTime, algorithm, options, outputs,
            progress, cancellationToken);
        return new OdeSensitivityResult(result, n, p, TSystem.ParameterNames);
    }

    private static string Name<TSystem>(int i, int n) where TSystem : IOdeSystem =>
        TSystem.StateCount is not null && TSystem.StateNames.Count == n ? TSystem.StateNames[i] : $"{TSystem.StateNames[0]}[{i}]";
}

/// <summary>The states and their parameter sensitivities at the output times.</summary>
public sealed class OdeSensitivityResult
{
    private readonly int _n;
    private readonly int _p;

    internal OdeSensitivityResult(OdeResult integration, int stateCount, int parameterCount, IReadOnlyList<string> parameterNames)
    {
        Integration = integration;
        _n = stateCount;
        _p = parameterCount;
        ParameterNames = parameterNames;
    }

    /// <summary>The integration of the augmented system: statistics, termination, message (its states are y then ∂y/∂p).</summary>
    public OdeResult Integration { get; }

    /// <summary>The parameters' names, in the order of the sensitivities' columns.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Why the integration stopped.</summary>
    public OdeTermination Termination => Integration.Termination;

    /// <summary>The output times.</summary>
    public IReadOnlyList<double> Times => Integration.Times;

    /// <summary>Component <paramref name="component"/> of y at output time <paramref name="timeIndex"/>.</summary>
    public double State(int timeIndex, int component)
    {
        if ((uint)component >= (uint)_n)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"There are {_n} states.");
        return Integration[timeIndex, component];
    }

    /// <summary>∂y_<paramref name="component"/>/∂p_<paramref name="parameter"/> at output time <paramref name="timeIndex"/>.</summary>
    public double Sensitivity(int timeIndex, int component, int parameter)
    {
        if ((uint)component >= (uint)_n)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"There are {_n} states.");
        if ((uint)parameter >= (uint)_p)
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, $"There are {_p} parameters.");
        return Integration[timeIndex, (1 + parameter) * _n + component];
    }

    /// <summary>The n×P matrix ∂y/∂p at output time <paramref name="timeIndex"/>.</summary>
    public double[,] Sensitivities(int timeIndex)
    {
        var s = new double[_n, _p];
        for (int i = 0; i < _n; i++)
            for (int k = 0; k < _p; k++)
                s[i, k] = Sensitivity(timeIndex, i, k);
        return s;
    }
}
