// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>One fitted component of a mixture of regressions.</summary>
public sealed class RegressionComponent
{
    private readonly double[] _parameters, _standardErrors;
    private readonly double[,] _covariance;

    internal RegressionComponent(double[] parameters, double[] standardErrors, double[,] covariance, string? covarianceProblem,
                                 double scale, double weight, double effectiveSize, bool isEmpty, bool isScaleAtFloor)
    {
        IsScaleAtFloor = isScaleAtFloor;
        _parameters = parameters;
        _standardErrors = standardErrors;
        _covariance = covariance;
        CovarianceProblem = covarianceProblem;
        Scale = scale;
        Weight = weight;
        EffectiveSize = effectiveSize;
        IsEmpty = isEmpty;
    }

    /// <summary>θₖ, in the model's parameter order.</summary>
    public double[] Parameters => (double[])_parameters.Clone();

    /// <summary>θₖ[j].</summary>
    public double this[int index] => _parameters[index];

    /// <summary>
    /// Standard errors of θₖ: √diag of <see cref="Covariance"/>. NaN when the covariance is undefined
    /// (<see cref="CovarianceProblem"/> says why).
    /// </summary>
    public double[] StandardErrors => (double[])_standardErrors.Clone();

    /// <summary>
    /// Covariance of θₖ from the weighted regression at the final responsibilities rᵢₖ, holding them fixed (as
    /// flexmix's <c>refit</c> does, but with the ML scale): Gaussian σₖ²·(JᵀRₖJ)⁻¹; Laplace bₖ²·(JᵀRₖJ)⁻¹, the
    /// asymptotic covariance of least absolute deviations, whose density at 0 is 1/(2bₖ). J = ∂g/∂θ at θₖ. It
    /// ignores the uncertainty of the responsibilities themselves, so it is somewhat optimistic where
    /// components overlap.
    /// </summary>
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>Why the covariance is undefined (JᵀRₖJ singular, or the component is empty); null when defined.</summary>
    public string? CovarianceProblem { get; }

    /// <summary>Noise scale: σₖ (Gaussian) or bₖ (Laplace), the weighted MLE.</summary>
    public double Scale { get; }

    /// <summary>Mixing weight πₖ.</summary>
    public double Weight { get; }

    /// <summary>Σᵢ rᵢₖ at the final responsibilities: the number of points the component explains.</summary>
    public double EffectiveSize { get; }

    /// <summary>True when the component lost every point in the last M-step; θₖ and the scale are the last ones it had.</summary>
    public bool IsEmpty { get; }

    /// <summary>
    /// True when the scale is at its floor, <see cref="RegressionMixtureOptions.MinimumScaleFraction"/>·sd(y): the
    /// component fits its points exactly and its likelihood is only bounded by the floor.
    /// </summary>
    public bool IsScaleAtFloor { get; }

    /// <summary>Weight, scale and θ ± standard errors in one line (the mixture's table names the parameters).</summary>
    public override string ToString()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var theta = _parameters.Select((value, j) => $"{value.ToString("G8", c)} ± {_standardErrors[j].ToString("G3", c)}");
        return string.Create(c, $"weight {Weight:F5}, scale {Scale:G6}{StateNote}: θ = ({string.Join(", ", theta)})");
    }

    /// <summary>" (empty)", " (at the floor)", " (θ not determined)" or nothing: what a table says beside the component.</summary>
    internal string StateNote => IsEmpty ? " (empty)" : IsScaleAtFloor ? " (at the floor)" : CovarianceProblem is not null ? " (θ not determined)" : "";
}
