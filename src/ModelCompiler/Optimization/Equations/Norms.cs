// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Vector norms for the equation solvers.</summary>
internal static class Norms
{
    /// <summary>‖v‖₂ without destructive underflow or overflow.</summary>
    public static double Euclidean(ReadOnlySpan<double> v) => LeastSquares.MinpackKernels.Norm(v);

    /// <summary>max |vᵢ|.</summary>
    public static double Max(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double t in v)
            m = Math.Max(m, Math.Abs(t));
        return m;
    }

    /// <summary>‖D·v‖₂.</summary>
    public static double Scaled(ReadOnlySpan<double> d, ReadOnlySpan<double> v, Span<double> work)
    {
        for (int j = 0; j < v.Length; j++)
            work[j] = d[j] * v[j];
        return Euclidean(work[..v.Length]);
    }
}
