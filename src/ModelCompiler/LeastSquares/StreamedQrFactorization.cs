// SPDX-License-Identifier: MIT
using ModelCompiler.Kernels;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The route for tall problems whose normal equations are unsafe: a streamed, parallel TSQR. Each chunk of points
/// evaluates its block of the Jacobian and reduces it by Householder QR to a k×k triangle; the triangles are stacked
/// and reduced in chunk order to the triangle R₀ of J = Q₀R₀ (with Q₀ᵀf), at the accuracy of Householder QR and never
/// holding more than a chunk of J per core. MINPACK's pivoted QR of the small R₀ then gives the pivoted factor
/// (pivoting R₀ and pivoting J choose the same columns, as both follow JᵀJ). Trial points cost one fused pass for ‖f‖.
/// </summary>
internal sealed class StreamedQrFactorization<TModel> : IJacobianFactorization where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly StreamedPasses<TModel> _passes;
    private readonly int _m, _k;
    private double[] _residuals, _trialResiduals;       // f at the current and at the last evaluated point
    private readonly double[] _trialSums;               // the fused pass's sums, of which a trial needs fᵀf alone
    private readonly double[] _triangle, _projected;    // R₀ and Q₀ᵀf
    private readonly double[] _factorWork;

    public StreamedQrFactorization(LeastSquaresProblem problem, StreamedPasses<TModel> passes)
    {
        _problem = problem;
        _passes = passes;
        _m = problem.PointCount;
        _k = problem.FreeCount;
        _residuals = GC.AllocateUninitializedArray<double>(_m);
        _trialResiduals = GC.AllocateUninitializedArray<double>(_m);
        _trialSums = new double[passes.SumLength];
        _triangle = new double[_k * _k];
        _projected = new double[_k];
        _factorWork = new double[2 * _k];
    }

    public double ResidualSquares => DataSums.SquaresAbout(_residuals, 0, default);

    public bool TryEvaluate(ReadOnlySpan<double> point, out double residualNorm)
    {
        bool finite = _passes.NormalEquations(point, _trialResiduals, _trialSums);
        residualNorm = finite
            ? StreamedPasses<TModel>.Norm(_trialSums[NormalEquationsLayout.ResidualSquares(_problem.ParameterCount)], _trialResiduals)
            : double.PositiveInfinity;
        return finite;
    }

    public void Accept() => (_residuals, _trialResiduals) = (_trialResiduals, _residuals);

    public FactorStatus TryFactor(ReadOnlySpan<double> point, TriangularFactor factor)
    {
        if (!_passes.TriangularFactor(point, _residuals, _triangle, _projected, out double squares))
            return FactorStatus.NotFinite;
        if (_problem.HasBounds)
            ActiveBounds.HoldInTriangle(point, _problem.Lower!, _problem.Upper!, _triangle, _projected, _k);
        if (!factor.FactorTriangle(_triangle, _projected, _factorWork))
            return FactorStatus.NotFinite;
        factor.ResidualNorm = StreamedPasses<TModel>.Norm(squares, _residuals);
        return FactorStatus.Factored;
    }

    public bool CanProjectResiduals => false;

    public bool TryProjectResiduals(ReadOnlySpan<double> point, Span<double> projected) =>
        throw new NotSupportedException("The streamed QR keeps no Q to project with.");

    public CovarianceEstimate? Covariance(ReadOnlySpan<double> point, IReadOnlyList<string> freeNames)
    {
        if (!_passes.TriangularFactor(point, _residuals, _triangle, _projected, out double squares))
            return CovarianceEstimate.NotFinite("the streamed QR met a non-finite value or derivative");
        var alignment = Stationarity.FromTriangle(_triangle, _projected, StreamedPasses<TModel>.Norm(squares, _residuals), point,
                                                  _problem.Lower, _problem.Upper);
        int[] identity = Enumerable.Range(0, _k).ToArray();
        return CovarianceEstimate.FromPivotedTriangular(_triangle, identity, _m, _k, freeNames).WithAlignment(alignment);
    }
}
