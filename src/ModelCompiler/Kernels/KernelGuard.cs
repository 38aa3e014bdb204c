// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Kernels;

/// <summary>Argument checks shared by every generated kernel, so the generated code stays short.</summary>
public static class KernelGuard
{
    /// <summary>
    /// Checks the spans of <see cref="IModel.Evaluate"/> against the model's counts. The number of points n
    /// is <c>values.Length</c> (<paramref name="pointCount"/>); when x holds whole points for more than n, the
    /// values span is the short one and is named, otherwise x is.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    public static void CheckLayout(int xLength, int parameterLength, int pointCount, int variableCount, int parameterCount)
    {
        if (parameterLength != parameterCount)
            throw new ArgumentException($"The model has {parameterCount} parameters but {parameterLength} values were given.", "parameters");
        long expected = (long)pointCount * variableCount;
        if (xLength == expected)
            return;
        string variables = $"{variableCount} variable{(variableCount == 1 ? "" : "s")}";
        if (xLength > expected && xLength % variableCount == 0)
            throw new ArgumentException(
                $"values has length {pointCount} but x holds {xLength / variableCount} points ({xLength} values for {variables}, " +
                "column-major); values needs one entry per point.", "values");
        throw new ArgumentException(
            $"x must hold {variables} for each of the values.Length = {pointCount} points " +
            $"(length {expected}, column-major) but has length {xLength}; values has length {pointCount}.", "x");
    }

    /// <summary>Checks the spans of <see cref="IModel.EvaluateWithJacobian"/> against the model's counts (n = <c>values.Length</c>).</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    public static void CheckLayout(int xLength, int parameterLength, int pointCount, int jacobianLength, int variableCount, int parameterCount)
    {
        CheckLayout(xLength, parameterLength, pointCount, variableCount, parameterCount);
        if (jacobianLength != (long)pointCount * parameterCount)
            throw new ArgumentException(
                $"The Jacobian must be {pointCount}×{parameterCount} (length {(long)pointCount * parameterCount}, column-major) but has length {jacobianLength}.",
                "jacobian");
    }

    /// <summary>Checks the spans of <see cref="IModel.AccumulateNormalEquations"/> against the model's counts (n = <c>y.Length</c>).</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    public static void CheckNormalEquationsLayout(int xLength, int xStride, int parameterLength, int pointCount, int weightLength,
                                                  int residualLength, int sumLength, int variableCount, int parameterCount)
    {
        if (parameterLength != parameterCount)
            throw new ArgumentException($"The model has {parameterCount} parameters but {parameterLength} values were given.", "parameters");
        if (variableCount > 1 && xStride < pointCount)
            throw new ArgumentException($"xStride is {xStride} but the block has {pointCount} points; the variables' columns would overlap.", "xStride");
        long needed = pointCount == 0 ? 0 : (long)(variableCount - 1) * xStride + pointCount;
        if (xLength < needed)
            throw new ArgumentException(
                $"x must hold {variableCount} variable column(s) of {pointCount} points {xStride} apart (at least {needed} values) but has {xLength}.", "x");
        if (weightLength != 0 && weightLength != pointCount)
            throw new ArgumentException($"sqrtWeights must be empty or hold one value per point ({pointCount}) but has {weightLength}.", "sqrtWeights");
        if (residualLength != 0 && residualLength != pointCount)
            throw new ArgumentException($"residuals must be empty or hold one value per point ({pointCount}) but has {residualLength}.", "residuals");
        int sums = NormalEquationsLayout.Length(parameterCount);
        if (sumLength != sums)
            throw new ArgumentException($"sums must hold P(P+1)/2 + P + 1 = {sums} values for P = {parameterCount} but has {sumLength}.", "sums");
    }

    /// <summary>
    /// Checks the spans of <see cref="IModel.AccumulateNormalEquationsLanes"/> and returns the lane count W and the
    /// points per curve n, and whether x is shared by the lanes.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Lanes, int Points, bool SharedX) CheckLaneLayout(int xLength, int parameterLength, int yLength, int weightLength,
                                                                        int sumLength, int variableCount, int parameterCount)
    {
        if (parameterLength == 0 || parameterLength % parameterCount != 0)
            throw new ArgumentException(
                $"parameters must hold the model's {parameterCount} parameters for each lane (a positive multiple of {parameterCount}) but has {parameterLength} values.",
                "parameters");
        int lanes = parameterLength / parameterCount;
        if (yLength % lanes != 0)
            throw new ArgumentException($"y must hold the same number of points for each of the {lanes} lanes but has {yLength} values.", "y");
        int points = yLength / lanes;
        bool shared = xLength == (long)points * variableCount;
        if (!shared && xLength != (long)points * variableCount * lanes)
            throw new ArgumentException(
                $"x must hold {points}·{variableCount} values shared by the lanes or {points}·{variableCount}·{lanes} interleaved by lane, but has {xLength}.", "x");
        if (weightLength != 0 && weightLength != yLength)
            throw new ArgumentException($"sqrtWeights must be empty or hold one value per point and lane ({yLength}) but has {weightLength}.", "sqrtWeights");
        int sums = NormalEquationsLayout.Length(parameterCount) * lanes;
        if (sumLength != sums)
            throw new ArgumentException($"sums must hold (P(P+1)/2 + P + 1)·W = {sums} values for P = {parameterCount}, W = {lanes} but has {sumLength}.", "sums");
        return (lanes, points, shared);
    }
}
