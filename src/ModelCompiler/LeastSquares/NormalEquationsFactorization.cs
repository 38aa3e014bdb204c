// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Kernels;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The route for tall problems (many more points than parameters): every evaluation is one streamed pass of the
/// model's fused kernel, which accumulates JᵀJ, Jᵀf and fᵀf without ever storing J, and the factor comes from a
/// pivoted Cholesky factorization of JᵀJ (<see cref="TallJacobianFactor"/>). Each trial point is evaluated with its
/// normal equations: the step is almost always accepted, and the next factor then costs no pass at all. Forming JᵀJ
/// squares the condition number, so the factorization reports <see cref="FactorStatus.Unsafe"/> when the pivoted
/// diagonal shows κ(R·D⁻¹) &gt; 10⁵ (D the column norms), and the solver continues with <see cref="StreamedQrFactorization{TModel}"/>.
/// </summary>
internal sealed class NormalEquationsFactorization<TModel> : IJacobianFactorization where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly StreamedPasses<TModel> _passes;
    private readonly int _m, _k;
    // The normal equations of all P parameters (NormalEquationsLayout) at the current point and at the last evaluated
    // one. The current point is always one that was evaluated and accepted. f itself is not kept: storing it cost each
    // pass a write of every point (and a million-point fit 16 MB of fresh pages), where fᵀf is all the iteration reads.
    private double[] _sums, _trialSums;
    private double[]? _residuals; // f, evaluated only when fᵀf under- or overflows
    private readonly double[] _gram, _gradient; // over the free parameters, bounds held; destroyed by the factorization

    public NormalEquationsFactorization(LeastSquaresProblem problem, StreamedPasses<TModel> passes)
    {
        _problem = problem;
        _passes = passes;
        _m = problem.PointCount;
        _k = problem.FreeCount;
        _sums = new double[passes.SumLength];
        _trialSums = new double[passes.SumLength];
        _gram = new double[_k * _k];
        _gradient = new double[_k];
    }

    public double ResidualSquares => _sums[NormalEquationsLayout.ResidualSquares(_problem.ParameterCount)];

    public bool TryEvaluate(ReadOnlySpan<double> point, out double residualNorm)
    {
        bool finite = _passes.NormalEquations(point, [], _trialSums);
        residualNorm = finite ? Norm(_trialSums, point) : double.PositiveInfinity;
        return finite;
    }

    public void Accept() => (_sums, _trialSums) = (_trialSums, _sums);

    /// <summary>‖f‖ at <paramref name="point"/> from its fᵀf, or from f itself (one more pass) when fᵀf under- or overflowed.</summary>
    private double Norm(double[] sums, ReadOnlySpan<double> point)
    {
        double squares = sums[NormalEquationsLayout.ResidualSquares(_problem.ParameterCount)];
        if (MinpackKernels.IsNormalSquare(squares))
            return Math.Sqrt(squares);
        _residuals ??= new double[_m];
        _passes.Residuals(point, _residuals);
        return MinpackKernels.Norm(_residuals);
    }

    public FactorStatus TryFactor(ReadOnlySpan<double> point, TriangularFactor factor)
    {
        int p = _problem.ParameterCount;
        if (!Factor(_sums, p, _problem.FreeIndices, point, _problem.Lower, _problem.Upper, _gram, _gradient, factor))
            return FactorStatus.Unsafe;
        factor.ResidualNorm = Norm(_sums, point);
        return FactorStatus.Factored;
    }

    /// <summary>
    /// The factor from normal equations of all P parameters (<see cref="NormalEquationsLayout"/>) at
    /// <paramref name="point"/>, over the free parameters <paramref name="free"/>, holding active bounds: column norms
    /// from the diagonal, R and the pivot by pivoted Cholesky, Qᵀf = R⁻ᵀPᵀJᵀf. Leaves the residual norm to the
    /// caller. Returns false when the normal equations are unsafe (κ(R·D⁻¹) &gt; 10⁵).
    /// </summary>
    public static bool Factor(ReadOnlySpan<double> sums, int p, ReadOnlySpan<int> free, ReadOnlySpan<double> point,
                              double[]? lower, double[]? upper, Span<double> gram, Span<double> gradient, TriangularFactor factor)
    {
        int k = factor.Size;
        Extract(sums, p, free, k, gram, gradient);
        if (lower is not null)
            ActiveBounds.HoldInNormalEquations(point, lower, upper!, gram, gradient, k);
        for (int j = 0; j < k; j++)
            factor.ColumnNorms[j] = Math.Sqrt(gram[j * k + j]);
        if (!TallJacobianFactor.Cholesky(gram, k, factor.R, factor.Pivot, zeroColumns: true))
            return false;
        TallJacobianFactor.ProjectGradient(factor.R, k, factor.Pivot, gradient, factor.Qtf);
        return true;
    }

    /// <summary>JᵀJ (k×k, both triangles) and Jᵀf over the free parameters, from the sums of all P.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Extract(ReadOnlySpan<double> sums, int p, ReadOnlySpan<int> free, int k, Span<double> gram, Span<double> gradient)
    {
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
                gram[a * k + b] = sums[NormalEquationsLayout.Gram(free[a], free[b])];
            gradient[a] = sums[NormalEquationsLayout.Gradient(p, free[a])];
        }
    }

    public bool CanProjectResiduals => false;

    public bool TryProjectResiduals(ReadOnlySpan<double> point, Span<double> projected) =>
        throw new NotSupportedException("The normal equations keep no Q to project with.");

    public CovarianceEstimate? Covariance(ReadOnlySpan<double> point, IReadOnlyList<string> freeNames)
    {
        int p = _problem.ParameterCount;
        Extract(_sums, p, _problem.FreeIndices, _k, _gram, _gradient);
        double residualNorm = Norm(_sums, point);
        var alignment = Stationarity.FromNormalEquations(_gram, _gradient, residualNorm, point, _problem.Lower, _problem.Upper);
        return CovarianceEstimate.FromGram(_gram, _k, _m, freeNames)?.WithAlignment(alignment);
    }
}
