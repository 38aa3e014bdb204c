// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// MINPACK's route for problems that fit in memory as a whole: the full weighted Jacobian (m×k), Householder QR with
/// column pivoting, and Qᵀf by the same reflections. Active bounds are held by zeroing their columns before the
/// factorization. The reflections stay in the Jacobian's storage, so Q can be applied to a second residual vector
/// (geodesic acceleration).
/// </summary>
internal sealed class HouseholderFactorization<TModel> : IJacobianFactorization where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly ResidualEvaluator<TModel> _evaluator;
    private readonly int _m, _k;
    private double[] _residuals;           // f at the current point
    private double[] _trialResiduals;      // f at the last evaluated point
    private readonly double[] _jacobian;   // m×k; after factoring, R above the diagonal and the reflections on and below it
    private readonly double[] _projected;  // Qᵀf, m
    private readonly double[] _rDiagonal, _qrScratch;
    private double[]? _probeResiduals;     // f at the geodesic probe, m

    public HouseholderFactorization(LeastSquaresProblem problem, ResidualEvaluator<TModel> evaluator)
    {
        _problem = problem;
        _evaluator = evaluator;
        _m = problem.PointCount;
        _k = problem.FreeCount;
        // Point-sized buffers are always written before they are read: skip the zeroing.
        _residuals = GC.AllocateUninitializedArray<double>(_m);
        _trialResiduals = GC.AllocateUninitializedArray<double>(_m);
        _jacobian = GC.AllocateUninitializedArray<double>(_m * _k);
        _projected = GC.AllocateUninitializedArray<double>(_m);
        _rDiagonal = new double[_k];
        _qrScratch = new double[_k];
    }

    public double ResidualSquares => DataSums.SquaresAbout(_residuals, 0, default);

    public bool TryEvaluate(ReadOnlySpan<double> point, out double residualNorm)
    {
        bool finite = _evaluator.Residuals(point, _trialResiduals);
        residualNorm = finite ? MinpackKernels.Norm(_trialResiduals) : double.PositiveInfinity;
        return finite;
    }

    public void Accept() => (_residuals, _trialResiduals) = (_trialResiduals, _residuals);

    public FactorStatus TryFactor(ReadOnlySpan<double> point, TriangularFactor factor)
    {
        int m = _m, k = _k;
        if (!_evaluator.ResidualsAndJacobian(point, _residuals, _jacobian))
            return FactorStatus.NotFinite;
        if (_problem.HasBounds)
            HoldActiveBounds(point);

        MinpackKernels.QrFactor(m, k, _jacobian, m, factor.Pivot, _rDiagonal, factor.ColumnNorms, _qrScratch);
        foreach (double norm in factor.ColumnNorms)
            if (!double.IsFinite(norm))
                return FactorStatus.NotFinite;

        _residuals.CopyTo(_projected, 0);
        HouseholderQr.ApplyReflections(_jacobian, m, k, m, _projected);
        _projected.AsSpan(0, k).CopyTo(factor.Qtf);
        factor.CopyR(_jacobian, m, _rDiagonal);
        factor.ResidualNorm = MinpackKernels.Norm(_residuals);
        return FactorStatus.Factored;
    }

    public bool CanProjectResiduals => true;

    public bool TryProjectResiduals(ReadOnlySpan<double> point, Span<double> projected)
    {
        int m = _m, k = _k;
        _probeResiduals ??= GC.AllocateUninitializedArray<double>(m);
        double[] v = _probeResiduals;
        if (!_evaluator.Residuals(point, v))
            return false;
        // The reflections of the last factor, each applied in two parts: the k×k top, then the long rest.
        for (int j = 0; j < k; j++)
        {
            double vj = _jacobian[j * m + j];
            if (vj == 0)
                continue;
            double sum = vj * v[j];
            for (int i = j + 1; i < k; i++)
                sum += _jacobian[j * m + i] * v[i];
            sum += DenseOps.Dot(_jacobian.AsSpan(j * m + k, m - k), v.AsSpan(k, m - k));
            double temp = -sum / vj;
            v[j] += temp * vj;
            for (int i = j + 1; i < k; i++)
                v[i] += temp * _jacobian[j * m + i];
            DenseOps.Axpy(temp, _jacobian.AsSpan(j * m + k, m - k), v.AsSpan(k, m - k));
        }
        v.AsSpan(0, k).CopyTo(projected);
        return true;
    }

    public CovarianceEstimate? Covariance(ReadOnlySpan<double> point, IReadOnlyList<string> freeNames)
    {
        _evaluator.ResidualsAndJacobian(point, _residuals, _jacobian);
        var alignment = Stationarity.FromJacobian(_jacobian, _residuals, _m, _k, point, _problem.Lower, _problem.Upper);
        return CovarianceEstimate.FromJacobian(_jacobian, _m, _k, freeNames).WithAlignment(alignment);
    }

    /// <summary>
    /// Holds a parameter sitting on a bound whose descent direction −(Jᵀf)_j leaves the box by zeroing its Jacobian
    /// column for this iteration: the QR then gives it a zero step.
    /// </summary>
    private void HoldActiveBounds(ReadOnlySpan<double> point)
    {
        int m = _m;
        for (int j = 0; j < _k; j++)
        {
            Span<double> column = _jacobian.AsSpan(j * m, m);
            if (ActiveBounds.IsAtBound(point[j], _problem.Lower![j], _problem.Upper![j])
                && ActiveBounds.IsHeld(point[j], _problem.Lower[j], _problem.Upper![j], DenseOps.Dot(column, _residuals)))
                column.Clear();
        }
    }
}
