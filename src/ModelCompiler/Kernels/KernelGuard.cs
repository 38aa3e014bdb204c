// SPDX-License-Identifier: MIT
namespace ModelCompiler.Kernels;

/// <summary>Argument checks shared by every generated kernel, so the generated code stays short.</summary>
public static class KernelGuard
{
    /// <summary>Checks the spans of <see cref="IModel.Evaluate"/> against the model's counts.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    public static void CheckLayout(int xLength, int parameterLength, int pointCount, int variableCount, int parameterCount)
    {
        if (parameterLength != parameterCount)
            throw new ArgumentException($"The model has {parameterCount} parameters but {parameterLength} values were given.", "parameters");
        if (xLength != (long)pointCount * variableCount)
            throw new ArgumentException(
                $"x must hold {variableCount} variable{(variableCount == 1 ? "" : "s")} for each of the {pointCount} points " +
                $"(length {(long)pointCount * variableCount}, column-major) but has length {xLength}.", "x");
    }

    /// <summary>Checks the spans of <see cref="IModel.EvaluateWithJacobian"/> against the model's counts.</summary>
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
