// SPDX-License-Identifier: MIT
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
}
