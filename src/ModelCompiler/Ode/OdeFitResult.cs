// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Ode;

/// <summary>
/// The outcome of an ODE fit: the estimate split into the system's parameters and its initial state, the least-squares
/// report of <see cref="CurveFit"/> over every unknown (standard errors, covariance, intervals, RSS, AIC, BIC, termination),
/// the solution at the estimate, and the integration work the fit took.
/// </summary>
public sealed class OdeFitResult
{
    private readonly double[] _parameters;
    private readonly double[] _initialState;
    private readonly int _parameterCount;

    internal OdeFitResult(CurveFitResult leastSquares, int parameterCount, double[] initialState, OdeResult solution,
        string method, int integrations, long functionEvaluations)
    {
        LeastSquares = leastSquares;
        _parameterCount = parameterCount;
        _parameters = leastSquares.Parameters[..parameterCount];
        _initialState = initialState;
        Solution = solution;
        Method = method;
        Integrations = integrations;
        FunctionEvaluations = functionEvaluations;
    }

    /// <summary>
    /// The least-squares report over the unknowns: the system's parameters, then (for a system of named states) every
    /// initial value as name(t0), held fixed where it was given. Its covariance is curve_fit's: (JᵀWJ)⁻¹·RSS/(m − k) for m
    /// observations and k fitted unknowns, J the sensitivities at the observations.
    /// </summary>
    public CurveFitResult LeastSquares { get; }

    /// <summary>The system's parameters at the estimate (fixed ones included). A copy.</summary>
    public double[] Parameters => (double[])_parameters.Clone();

    /// <summary>y(t0) at the estimate: the fitted initial values and the given ones. A copy.</summary>
    public double[] InitialState => (double[])_initialState.Clone();

    /// <summary>The standard errors of the system's parameters (0 for fixed ones, +∞ when the covariance is undefined).</summary>
    public double[] ParameterStandardErrors => LeastSquares.StandardErrors[.._parameterCount];

    /// <summary>
    /// The standard errors of the initial values (0 for given ones); empty for an indexed system, whose initial state is
    /// not fitted.
    /// </summary>
    public double[] InitialStateStandardErrors => LeastSquares.StandardErrors[_parameterCount..];

    /// <summary>The solution at the estimate: the states at the distinct observation times, and the dense output over
    /// [t0, last observation time] in its <see cref="OdeResult.Solution"/>.</summary>
    public OdeResult Solution { get; }

    /// <summary>Why the least-squares solver stopped.</summary>
    public FitTermination Termination => LeastSquares.Termination;

    /// <summary>A sentence on why the solver stopped.</summary>
    public string Message => LeastSquares.Message;

    /// <summary>True for the converged terminations.</summary>
    public bool IsConverged => LeastSquares.IsConverged;

    /// <summary>Converged, with every parameter and initial state determined by the data (<see cref="CurveFitResult.IsDetermined"/>).</summary>
    public bool IsDetermined => LeastSquares.IsDetermined;

    /// <summary>Σwᵢ(observedᵢ − yᵢ(tᵢ))² at the estimate.</summary>
    public double ResidualSumOfSquares => LeastSquares.ResidualSumOfSquares;

    /// <summary>The integration method.</summary>
    public string Method { get; }

    /// <summary>The integrations the fit ran (each over the whole observation interval, with sensitivities unless the
    /// least-squares method differences solutions), the final one for <see cref="Solution"/> included.</summary>
    public int Integrations { get; }

    /// <summary>Evaluations of f over all integrations (a call of the system augmented with its sensitivities counts once).</summary>
    public long FunctionEvaluations { get; }

    /// <summary>The least-squares report, then a line on the integrations.</summary>
    public override string ToString() =>
        LeastSquares + string.Format(CultureInfo.InvariantCulture, "Integration: {0}, {1} solves, {2} f evaluations; the solution at the estimate: {3}\n",
            Method, Integrations, FunctionEvaluations, Solution.Statistics);
}
