// SPDX-License-Identifier: MIT
using ModelCompiler;
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares;

namespace GaussianPeaks;

/// <summary>
/// The two peaks evaluated exactly as numpy evaluates <c>p0*np.exp(-(x-p2)**2/(2*p4**2)) + …</c> on an
/// AVX-512 machine: the same operation order and numpy's exp. Only values are needed: the scipy-compatible
/// method takes its Jacobian by forward differences.
/// </summary>
public readonly struct NumpyExpPeaksModel : IModel
{
    private static readonly string[] Names = ["p0", "p1", "p2", "p3", "p4", "p5"];

    public static string Formula => "p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))";
    public static int ParameterCount => 6;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            values[i] = p[0] * NumpyExp.Exp(-(u * u) / (2 * (p[4] * p[4])))
                      + p[1] * NumpyExp.Exp(-(v * v) / (2 * (p[5] * p[5])));
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
        => ForwardDifference<NumpyExpPeaksModel>.EvaluateWithJacobian(x, p, values, jacobian);
}
