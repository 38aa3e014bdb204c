// SPDX-License-Identifier: MIT
namespace ModelCompiler.Kernels;

/// <summary>
/// Where the sums of <see cref="IModel.AccumulateNormalEquations"/> go, for P parameters: (JᵀJ)_ab for a ≤ b, the
/// upper triangle packed by columns, at b(b+1)/2 + a; then (Jᵀr)_a at P(P+1)/2 + a; then rᵀr, the last of
/// P(P+1)/2 + P + 1 values.
/// </summary>
public static class NormalEquationsLayout
{
    /// <summary>Number of sums for <paramref name="parameterCount"/> parameters.</summary>
    public static int Length(int parameterCount) => parameterCount * (parameterCount + 1) / 2 + parameterCount + 1;

    /// <summary>Index of (JᵀJ)_ab; the order of a and b does not matter.</summary>
    public static int Gram(int a, int b) => a <= b ? b * (b + 1) / 2 + a : a * (a + 1) / 2 + b;

    /// <summary>Index of (Jᵀr)_a.</summary>
    public static int Gradient(int parameterCount, int a) => parameterCount * (parameterCount + 1) / 2 + a;

    /// <summary>Index of rᵀr.</summary>
    public static int ResidualSquares(int parameterCount) => parameterCount * (parameterCount + 1) / 2 + parameterCount;
}
