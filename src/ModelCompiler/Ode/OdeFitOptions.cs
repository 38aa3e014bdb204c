// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Ode;

/// <summary>
/// Options of <see cref="OdeFit"/>: the least-squares solver's and the integrator's. Their accuracies go together: the
/// residuals carry the integration's error (about the tolerance times the states' size, smooth in the parameters only up
/// to that level, since the steps change with them), so the least-squares tolerances should not ask for more.
/// </summary>
public sealed record OdeFitOptions
{
    /// <summary>The defaults: Levenberg–Marquardt with ftol = xtol = gtol = 1e-10, integration at rtol = atol = 1e-10.</summary>
    public static OdeFitOptions Default { get; } = new();

    /// <summary>
    /// The Levenberg–Marquardt options (<see cref="CurveFitOptions"/>). The default uses the residual Jacobian from forward
    /// sensitivities, with ftol = xtol = gtol = 1e-10; <see cref="LeastSquaresMethod.MinpackLmdif"/> (as
    /// <see cref="CurveFitOptions.ScipyCurveFit"/>) differences solutions instead, which is what scipy's curve_fit over odeint does.
    /// </summary>
    public CurveFitOptions LeastSquares { get; init; } = new()
    {
        FunctionTolerance = 1e-10,
        ParameterTolerance = 1e-10,
        GradientTolerance = 1e-10,
    };

    /// <summary>The absolute tolerance of the default <see cref="Integration"/>, in the states' units when they are below 1.</summary>
    public const double DefaultAbsoluteTolerance = 1e-10;

    /// <summary>The integrator's tolerances and limits (rtol = atol = 1e-10 by default; the default atol is taken times the
    /// states' scale, the largest |observation| or |initial value|, when that is below 1). <see cref="OdeOptions.OutputTimes"/>
    /// and <see cref="OdeOptions.Events"/> must be null: the outputs are the observation times. Per-component tolerances
    /// have one value per state; a sensitivity column gets the state's absolute tolerance divided by |v| for its unknown v.</summary>
    public OdeOptions Integration { get; init; } = new() { RelativeTolerance = 1e-10, AbsoluteTolerance = DefaultAbsoluteTolerance, DenseOutput = false };

    /// <summary>
    /// The method: by default <see cref="Auto"/> with <see cref="Dop853"/> as its explicit method, which at the fit's tight
    /// tolerances takes about half the evaluations of Dopri5, and the NDF where the problem is stiff. With sensitivities (the
    /// default least-squares method) it must accept an approximate Jacobian: <see cref="Dopri5"/>, <see cref="Dop853"/>,
    /// <see cref="Bdf"/> or <see cref="Auto"/> with Bdf.
    /// </summary>
    public OdeAlgorithm Algorithm { get; init; } = new Auto { Nonstiff = new Dop853() };

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (LeastSquares is null)
            error = $"{nameof(LeastSquares)} is null.";
        else if (Algorithm is null)
            error = $"{nameof(Algorithm)} is null.";
        else if (Integration is null)
            error = $"{nameof(Integration)} is null.";
        else if (!LeastSquares.IsValid(out string? leastSquaresError))
            error = $"{nameof(LeastSquares)}: {leastSquaresError}";
        else if (!Integration.IsValid(out string? integrationError))
            error = $"{nameof(Integration)}: {integrationError}";
        else if (Integration.OutputTimes is not null)
            error = $"{nameof(Integration)}.{nameof(OdeOptions.OutputTimes)} must be null: the fit integrates to the observation times.";
        else if (Integration.Events is { Count: > 0 })
            error = $"{nameof(Integration)}.{nameof(OdeOptions.Events)} must be empty: events are not supported in a fit.";
        else if (LeastSquares.Method != LeastSquaresMethod.MinpackLmdif
                 && (Algorithm is Rodas5P or Rodas4 || Algorithm is Auto { Stiff: Rodas5P or Rodas4 }))
            error = $"{nameof(Algorithm)} {Algorithm.Name} cannot integrate sensitivities (a Rosenbrock method needs the exact Jacobian "
                    + "of the augmented system); use Bdf, or LeastSquaresMethod.MinpackLmdif to difference solutions instead.";
        return error is null;
    }
}
