// SPDX-License-Identifier: MIT
using System.Buffers;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Kernels;

/// <summary>
/// The accumulating kernels of <see cref="IModel"/> built from <see cref="IModel.EvaluateWithJacobian"/>: what a
/// hand-written model (or a wrapper such as <see cref="ForwardDifference{TModel}"/>) implements them with. They store
/// each block's Jacobian and take its dot products, so they are correct but not fast; the generator emits fused kernels
/// that keep the Jacobian in registers instead.
/// </summary>
public static class ModelKernels
{
    /// <summary><see cref="IModel.AccumulateNormalEquations"/> through <see cref="IModel.EvaluateWithJacobian"/>.</summary>
    public static void AccumulateNormalEquations<TModel>(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters,
                                                         ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights,
                                                         Span<double> residuals, Span<double> sums)
        where TModel : IModel
    {
        int n = y.Length, p = TModel.ParameterCount, v = TModel.VariableCount;
        KernelGuard.CheckNormalEquationsLayout(x.Length, xStride, parameters.Length, n, sqrtWeights.Length, residuals.Length,
                                               sums.Length, v, p);
        double[] block = ArrayPool<double>.Shared.Rent(n * (v + p + 1));
        try
        {
            Span<double> xs = block.AsSpan(0, n * v), values = block.AsSpan(n * v, n), jacobian = block.AsSpan(n * (v + 1), n * p);
            for (int c = 0; c < v; c++)
                x.Slice(c * xStride, n).CopyTo(xs.Slice(c * n, n));
            TModel.EvaluateWithJacobian(xs, parameters, values, jacobian);
            // Without a residuals span the values become the residuals in place.
            Accumulate(n, p, values, jacobian, y, sqrtWeights, residuals.IsEmpty ? values : residuals, sums);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(block);
        }
    }

    /// <summary><see cref="IModel.AccumulateNormalEquationsLanes"/> through <see cref="IModel.EvaluateWithJacobian"/>, one lane at a time.</summary>
    public static void AccumulateNormalEquationsLanes<TModel>(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                                              ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights,
                                                              Span<double> sums)
        where TModel : IModel
    {
        int p = TModel.ParameterCount, v = TModel.VariableCount, length = NormalEquationsLayout.Length(p);
        var (lanes, n, sharedX) = KernelGuard.CheckLaneLayout(x.Length, parameters.Length, y.Length, sqrtWeights.Length, sums.Length, v, p);
        double[] block = ArrayPool<double>.Shared.Rent(n * (v + p + 4) + p + length);
        try
        {
            Span<double> xs = block.AsSpan(0, n * v), values = block.AsSpan(n * v, n), jacobian = block.AsSpan(n * (v + 1), n * p);
            Span<double> ys = block.AsSpan(n * (v + p + 1), n), weights = block.AsSpan(n * (v + p + 2), n);
            Span<double> residuals = block.AsSpan(n * (v + p + 3), n);
            Span<double> theta = block.AsSpan(n * (v + p + 4), p), laneSums = block.AsSpan(n * (v + p + 4) + p, length);
            for (int l = 0; l < lanes; l++)
            {
                for (int j = 0; j < p; j++)
                    theta[j] = parameters[j * lanes + l];
                for (int i = 0; i < n; i++)
                {
                    ys[i] = y[i * lanes + l];
                    if (!sqrtWeights.IsEmpty)
                        weights[i] = sqrtWeights[i * lanes + l];
                }
                if (sharedX)
                    x.CopyTo(xs);
                else
                    for (int k = 0; k < n * v; k++)
                        xs[k] = x[k * lanes + l];
                TModel.EvaluateWithJacobian(xs, theta, values, jacobian);
                laneSums.Clear();
                Accumulate(n, p, values, jacobian, ys, sqrtWeights.IsEmpty ? default : weights, residuals, laneSums);
                for (int s = 0; s < length; s++)
                    sums[s * lanes + l] += laneSums[s];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(block);
        }
    }

    /// <summary>Weighs values and Jacobian (destroyed) and adds JᵀJ, Jᵀr, rᵀr to the sums.</summary>
    private static void Accumulate(int n, int p, ReadOnlySpan<double> values, Span<double> jacobian, ReadOnlySpan<double> y,
                                   ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
    {
        for (int i = 0; i < n; i++)
            residuals[i] = sqrtWeights.IsEmpty ? values[i] - y[i] : sqrtWeights[i] * (values[i] - y[i]);
        if (!sqrtWeights.IsEmpty)
            for (int j = 0; j < p; j++)
            {
                Span<double> column = jacobian.Slice(j * n, n);
                for (int i = 0; i < n; i++)
                    column[i] *= sqrtWeights[i];
            }
        ReadOnlySpan<double> r = residuals[..n];
        for (int b = 0; b < p; b++)
        {
            ReadOnlySpan<double> columnB = jacobian.Slice(b * n, n);
            for (int a = 0; a <= b; a++)
                sums[NormalEquationsLayout.Gram(a, b)] += DenseOps.Dot(jacobian.Slice(a * n, n), columnB);
            sums[NormalEquationsLayout.Gradient(p, b)] += DenseOps.Dot(columnB, r);
        }
        sums[NormalEquationsLayout.ResidualSquares(p)] += DenseOps.Dot(r, r);
    }
}
