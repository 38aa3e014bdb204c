// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace GaussianPeaks;

public static partial class Peaks
{
    /// <summary>Two Gaussian peaks; the generator emits <c>Peaks.TwoGaussiansModel</c> with its Jacobian.</summary>
    [Model("p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))")]
    public static partial double TwoGaussians(double x, double p0, double p1, double p2, double p3, double p4, double p5);
}
