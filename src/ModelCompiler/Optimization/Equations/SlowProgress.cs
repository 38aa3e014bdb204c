// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// MINPACK's slow-progress test for the trust-region methods: ten steps in a row that lower ‖F‖² by less than 0.1%
/// end the solve. A step the linear model predicted well (ratio ≥ 0.75) and that ran to the region's edge is not
/// counted: the region doubles after it, and the reduction was small only because the region was. From (1, 1),
/// F = (x₀ − 3e10, 1e-12·x₁ − 2e-9) needs some thirty such steps before the region holds the root.
/// </summary>
internal static class SlowProgress
{
    /// <summary>The run of slow steps after a step of scaled length <paramref name="stepNorm"/> in a region of radius <paramref name="radius"/>.</summary>
    public static int Next(int slowSteps, double reduction, double ratio, double stepNorm, double radius)
    {
        if (reduction >= 0.001)
            return 0;
        bool regionBound = ratio >= 0.75 && stepNorm >= 0.99 * radius;
        return regionBound ? slowSteps : slowSteps + 1;
    }
}
