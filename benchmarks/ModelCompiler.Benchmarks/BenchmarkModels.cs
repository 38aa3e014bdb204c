// SPDX-License-Identifier: MIT
namespace ModelCompiler.Benchmarks;

public static partial class BenchmarkModels
{
    /// <summary>The generator emits <c>BenchmarkModels.TwoGaussiansModel</c> with a fused SIMD value-and-Jacobian kernel.</summary>
    [Model("p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))")]
    public static partial double TwoGaussians(double x, double p0, double p1, double p2, double p3, double p4, double p5);
}
