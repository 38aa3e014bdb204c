// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>The noise distribution of each component of a mixture of regressions, y = g(x; θₖ) + εₖ.</summary>
public enum Noise
{
    /// <summary>εₖ ~ N(0, σₖ²): density exp(−r²/(2σₖ²)) / (σₖ√(2π)). The scale is σₖ.</summary>
    Gaussian,

    /// <summary>εₖ ~ Laplace(0, bₖ): density exp(−|r|/bₖ) / (2bₖ). The scale is bₖ; fits are weighted least absolute deviations.</summary>
    Laplace,
}
