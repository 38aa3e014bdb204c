// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Wraps a model and replaces its Jacobian by forward differences of its values, for models written
/// without derivatives and as the baseline the generated Jacobians are measured against. Column j
/// is (f(x; p + hⱼeⱼ) − f(x; p))/hⱼ with hⱼ = √ε·|pⱼ| (√ε when pⱼ = 0), the step of MINPACK's
/// fdjac2 that scipy's curve_fit uses by default (fdjac2 takes ε from dpmpar's decimal 2.22044604926e-16,
/// 7e-13 relative above 2⁻⁵²; <see cref="LeastSquaresMethod.MinpackLmdif"/> follows it exactly).
/// It costs P extra evaluations per Jacobian and carries about half of the digits of an analytic one.
/// </summary>
public readonly struct ForwardDifference<TModel> : IModel where TModel : IModel
{
    private const double SqrtEpsilon = 1.4901161193847656e-8;

    /// <inheritdoc cref="IModel.Formula"/>
    public static string Formula => TModel.Formula;
    /// <inheritdoc cref="IModel.ParameterCount"/>
    public static int ParameterCount => TModel.ParameterCount;
    /// <inheritdoc cref="IModel.VariableCount"/>
    public static int VariableCount => TModel.VariableCount;
    /// <inheritdoc cref="IModel.ParameterNames"/>
    public static IReadOnlyList<string> ParameterNames => TModel.ParameterNames;
    /// <inheritdoc cref="IModel.VariableNames"/>
    public static IReadOnlyList<string> VariableNames => TModel.VariableNames;
    /// <inheritdoc cref="IModel.IsLinearInParameters"/>
    public static bool IsLinearInParameters => TModel.IsLinearInParameters;

    /// <inheritdoc cref="IModel.MayHaveExchangeableTerms"/>
    public static bool MayHaveExchangeableTerms => TModel.MayHaveExchangeableTerms;

    /// <inheritdoc cref="IModel.MayHaveRoundingNoiseColumns"/>
    public static bool MayHaveRoundingNoiseColumns => TModel.MayHaveRoundingNoiseColumns;

    /// <inheritdoc cref="IModel.Evaluate"/>
    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values)
        => TModel.Evaluate(x, parameters, values);

    /// <inheritdoc cref="IModel.EvaluateWithJacobian"/>
    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                            Span<double> values, Span<double> jacobian)
    {
        int n = values.Length, p = parameters.Length;
        if (jacobian.Length != n * p)
            throw new ArgumentException($"The Jacobian needs {n}·{p} = {n * p} values, got {jacobian.Length}.", nameof(jacobian));
        TModel.Evaluate(x, parameters, values);
        Span<double> shifted = p <= 64 ? stackalloc double[p] : new double[p];
        parameters.CopyTo(shifted);
        for (int j = 0; j < p; j++)
        {
            double pj = parameters[j];
            double h = SqrtEpsilon * Math.Abs(pj);
            if (h == 0)
                h = SqrtEpsilon;
            shifted[j] = pj + h;
            Span<double> column = jacobian.Slice(j * n, n);
            TModel.Evaluate(x, shifted, column);
            for (int i = 0; i < n; i++)
                column[i] = (column[i] - values[i]) / h;
            shifted[j] = pj;
        }
    }

    /// <inheritdoc cref="IModel.AccumulateNormalEquations"/>
    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters,
                                                 ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights,
                                                 Span<double> residuals, Span<double> sums)
        => Kernels.ModelKernels.AccumulateNormalEquations<ForwardDifference<TModel>>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    /// <inheritdoc cref="IModel.AccumulateNormalEquationsLanes"/>
    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                                      ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => Kernels.ModelKernels.AccumulateNormalEquationsLanes<ForwardDifference<TModel>>(x, parameters, y, sqrtWeights, sums);
}
