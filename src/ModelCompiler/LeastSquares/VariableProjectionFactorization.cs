// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Variable projection (Golub &amp; Pereyra 1973, with Kaufman's 1975 Jacobian) as a route of the trust-region
/// iteration: the model is affine in its linear parameters c, f = Φ(θ)·c + φ₀(θ), so for every nonlinear θ the best c
/// is a linear least-squares solution, and the iteration runs over θ alone on the residual of that solution,
/// r(θ) = √w·(Φ·c(θ) + φ₀ − y), with the Jacobian P⊥·J_θ (J_θ = ∂f/∂θ at c(θ), P⊥ the projector onto the complement of
/// Φ's range). Amplitudes never have to be found by the iteration, so the minima where amplitudes cancel or where a
/// term dies with its amplitude are gone from its search, and a start only needs its θ.
/// </summary>
/// <remarks>
/// The iteration's free parameters are θ (the reduced problem's free indices); the linear parameters live here.
/// Φ and φ₀ come from one evaluation with c = 0: Φ's columns are the Jacobian columns of c, which do not depend on c.
/// </remarks>
internal sealed class VariableProjectionFactorization<TModel> : IJacobianFactorization where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly ResidualEvaluator<TModel> _evaluator;
    private readonly int[] _linear;                     // full indices of c
    private readonly int[] _nonlinear;                  // full indices of θ
    private readonly int _m, _l, _k;
    private readonly double[] _full, _values, _jacobian;
    private double[] _phi, _trialPhi;                   // √w·Φ, m×l, after factoring its QR (MINPACK storage)
    private double[] _c, _trialC;
    private int _rank, _trialRank;
    private double[] _residuals, _trialResiduals;
    private readonly double[] _rhs, _reduced, _projected, _rDiagonal, _scratch, _lDiagonal, _lNorms, _lScratch;
    private readonly int[] _lPivot;

    public VariableProjectionFactorization(LeastSquaresProblem reduced, int[] linear, ResidualEvaluator<TModel> evaluator)
    {
        _problem = reduced;
        _evaluator = evaluator;
        _linear = linear;
        _nonlinear = reduced.FreeIndices;
        _m = reduced.PointCount;
        _l = linear.Length;
        _k = _nonlinear.Length;
        _full = (double[])reduced.Initial.Clone();
        _values = new double[_m];
        _jacobian = new double[_m * reduced.ParameterCount];
        _phi = new double[_m * _l];
        _trialPhi = new double[_m * _l];
        _c = new double[_l];
        _trialC = new double[_l];
        _residuals = new double[_m];
        _trialResiduals = new double[_m];
        _rhs = new double[_m];
        _reduced = new double[_m * _k];
        _projected = new double[_m];
        _rDiagonal = new double[_k];
        _scratch = new double[_k];
        _lDiagonal = new double[_l];
        _lNorms = new double[_l];
        _lScratch = new double[_l];
        _lPivot = new int[_l];
    }

    public double ResidualSquares => DataSums.SquaresAbout(_residuals, 0, default);

    public bool CanProjectResiduals => false;

    public bool TryProjectResiduals(ReadOnlySpan<double> point, Span<double> projected) => false;

    public CovarianceEstimate? Covariance(ReadOnlySpan<double> point, IReadOnlyList<string> freeNames) => null;

    /// <summary>Solves for c at θ = <paramref name="point"/> and evaluates the projected residual.</summary>
    public bool TryEvaluate(ReadOnlySpan<double> point, out double residualNorm)
    {
        residualNorm = double.PositiveInfinity;
        int m = _m, l = _l;
        SetNonlinear(point);
        _evaluator.CountJacobianEvaluation();
        if (!AffineParameters.WeightedDesign<TModel>(_problem, _full, _linear, _values, _jacobian, _rhs, _trialPhi))
            return false;
        for (int i = 0; i < m; i++)
            _rhs[i] = -_rhs[i]; // √w·(y − f₀), which Φ·c approximates

        // c = argmin ‖√w·Φ·c − rhs‖ by pivoted QR; columns beyond the numerical rank get c = 0.
        MinpackKernels.QrFactor(m, l, _trialPhi, m, _lPivot, _lDiagonal, _lNorms, _lScratch);
        _rhs.CopyTo(_projected, 0);
        HouseholderQr.ApplyReflections(_trialPhi, m, l, m, _projected);
        double largest = l == 0 ? 0 : Math.Abs(_lDiagonal[0]);
        int rank = 0;
        while (rank < l && Math.Abs(_lDiagonal[rank]) > Epsilon * Math.Max(m, l) * largest)
            rank++;
        Span<double> z = _lScratch;
        for (int j = rank - 1; j >= 0; j--)
        {
            double sum = _projected[j];
            for (int i = j + 1; i < rank; i++)
                sum -= _trialPhi[i * m + j] * z[i];
            z[j] = sum / _lDiagonal[j];
        }
        Array.Clear(_trialC);
        for (int j = 0; j < rank; j++)
            _trialC[_lPivot[j]] = z[j];
        _trialRank = rank;

        // r = √w·(Φc + φ₀ − y) = Q·[0; (Qᵀrhs) beyond the rank]·(−1): the residual of the linear solution.
        for (int i = 0; i < rank; i++)
            _projected[i] = 0;
        HouseholderQr.ApplyQ(_trialPhi, m, l, m, _projected);
        for (int i = 0; i < m; i++)
            _trialResiduals[i] = -_projected[i];
        foreach (double c in _trialC)
            if (!double.IsFinite(c))
                return false;
        residualNorm = MinpackKernels.Norm(_trialResiduals);
        return double.IsFinite(residualNorm);
    }

    public void Accept()
    {
        (_residuals, _trialResiduals) = (_trialResiduals, _residuals);
        (_c, _trialC) = (_trialC, _c);
        (_phi, _trialPhi) = (_trialPhi, _phi);
        _rank = _trialRank;
    }

    /// <summary>Factors Kaufman's Jacobian P⊥·J_θ at the current point, with c at its solution there.</summary>
    public FactorStatus TryFactor(ReadOnlySpan<double> point, TriangularFactor factor)
    {
        int m = _m, l = _l, k = _k, rows = m - _rank;
        if (rows < k)
            return FactorStatus.NotFinite;
        SetNonlinear(point);
        for (int a = 0; a < l; a++)
            _full[_linear[a]] = _c[a];
        _evaluator.CountJacobianEvaluation();
        TModel.EvaluateWithJacobian(_problem.X, _full, _values, _jacobian);
        double[]? sw = _problem.SqrtWeights;

        // Qᵀ·J_θ, of which the rows beyond Φ's rank are P⊥·J_θ in Q's coordinates; the same for the residual.
        _residuals.CopyTo(_projected, 0);
        HouseholderQr.ApplyReflections(_phi, m, l, m, _projected);
        Span<double> column = _values; // free again: the values were only needed for the Jacobian's evaluation
        for (int b = 0; b < k; b++)
        {
            ReadOnlySpan<double> source = _jacobian.AsSpan(_nonlinear[b] * m, m);
            for (int i = 0; i < m; i++)
            {
                column[i] = sw is null ? source[i] : sw[i] * source[i];
                if (!double.IsFinite(column[i]))
                    return FactorStatus.NotFinite;
            }
            HouseholderQr.ApplyReflections(_phi, m, l, m, column);
            column.Slice(_rank, rows).CopyTo(_reduced.AsSpan(b * rows, rows));
        }

        MinpackKernels.QrFactor(rows, k, _reduced, rows, factor.Pivot, _rDiagonal, factor.ColumnNorms, _scratch);
        foreach (double norm in factor.ColumnNorms)
            if (!double.IsFinite(norm))
                return FactorStatus.NotFinite;
        Span<double> rest = _projected.AsSpan(_rank, rows);
        HouseholderQr.ApplyReflections(_reduced, rows, k, rows, rest);
        rest[..k].CopyTo(factor.Qtf);
        factor.CopyR(_reduced, rows, _rDiagonal);
        factor.ResidualNorm = MinpackKernels.Norm(_residuals);
        return FactorStatus.Factored;
    }

    /// <summary>The full parameter vector at θ = <paramref name="point"/> with c(θ) (valid after an accepted evaluation there).</summary>
    public double[] FullParameters(ReadOnlySpan<double> point)
    {
        var full = (double[])_full.Clone();
        for (int b = 0; b < _k; b++)
            full[_nonlinear[b]] = point[b];
        for (int a = 0; a < _l; a++)
            full[_linear[a]] = _c[a];
        return full;
    }

    private void SetNonlinear(ReadOnlySpan<double> point)
    {
        for (int b = 0; b < _k; b++)
            _full[_nonlinear[b]] = point[b];
    }

    private const double Epsilon = 2.220446049250313e-16;
}
