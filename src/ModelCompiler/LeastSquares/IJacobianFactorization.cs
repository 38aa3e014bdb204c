// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>What became of a request for the factor at a point.</summary>
internal enum FactorStatus
{
    /// <summary>The factor is ready.</summary>
    Factored,
    /// <summary>A value or a derivative is not finite at the point.</summary>
    NotFinite,
    /// <summary>The route cannot factor this Jacobian accurately (the normal equations square its condition number); use another.</summary>
    Unsafe,
}

/// <summary>
/// One route from the model to the factor Moré's step needs (<see cref="TriangularFactor"/>): it evaluates the
/// weighted residuals at the points the iteration proposes, keeps those of the accepted point, and factors the
/// weighted Jacobian there, holding the parameters that sit on a bound and would leave it.
/// </summary>
internal interface IJacobianFactorization
{
    /// <summary>Evaluates f at <paramref name="point"/>; false (and ‖f‖ = +∞) when a value is not finite.</summary>
    bool TryEvaluate(ReadOnlySpan<double> point, out double residualNorm);

    /// <summary>The point of the last <see cref="TryEvaluate"/> becomes the current one.</summary>
    void Accept();

    /// <summary>Factors the Jacobian at the current point <paramref name="point"/>.</summary>
    FactorStatus TryFactor(ReadOnlySpan<double> point, TriangularFactor factor);

    /// <summary>Whether <see cref="TryProjectResiduals"/> is available (it needs Q, which only the Householder route keeps).</summary>
    bool CanProjectResiduals { get; }

    /// <summary>The first k components of Qᵀf(<paramref name="point"/>), Q from the last factor; false when f is not finite there.</summary>
    bool TryProjectResiduals(ReadOnlySpan<double> point, Span<double> projected);

    /// <summary>fᵀf at the current point: the residual sum of squares.</summary>
    double ResidualSquares { get; }

    /// <summary>
    /// The covariance estimate at the current point <paramref name="point"/>, or null when this route cannot give it
    /// accurately (the caller asks another route).
    /// </summary>
    CovarianceEstimate? Covariance(ReadOnlySpan<double> point, IReadOnlyList<string> freeNames);
}
