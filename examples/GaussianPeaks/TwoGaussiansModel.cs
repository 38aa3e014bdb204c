// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace GaussianPeaks;

/// <summary>
/// p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2)), written by hand in the shape the source
/// generator emits for <c>[Model("p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))")]</c>.
/// </summary>
public readonly struct TwoGaussiansModel : IModel
{
    private static readonly string[] Names = ["p0", "p1", "p2", "p3", "p4", "p5"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))";
    public static int ParameterCount => 6;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        double c1 = 1 / (2 * p[4] * p[4]), c2 = 1 / (2 * p[5] * p[5]);
        for (int i = 0; i < values.Length; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            values[i] = p[0] * Math.Exp(-u * u * c1) + p[1] * Math.Exp(-v * v * c2);
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double s1 = p[4] * p[4], s2 = p[5] * p[5];
        for (int i = 0; i < n; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            double g1 = Math.Exp(-u * u / (2 * s1)), g2 = Math.Exp(-v * v / (2 * s2));
            values[i] = p[0] * g1 + p[1] * g2;
            jacobian[i] = g1;
            jacobian[n + i] = g2;
            jacobian[2 * n + i] = p[0] * g1 * u / s1;
            jacobian[3 * n + i] = p[1] * g2 * v / s2;
            jacobian[4 * n + i] = p[0] * g1 * u * u / (s1 * p[4]);
            jacobian[5 * n + i] = p[1] * g2 * v * v / (s2 * p[5]);
        }
    }
}
