// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>The trust-region framework shared by Newton–CG and trust-exact.</summary>
internal static partial class TrustRegion
{
    public static string? OptionsError(double initialRadius, double maxRadius, double acceptance)
        => !(initialRadius > 0 && double.IsFinite(initialRadius)) ? $"InitialTrustRadius must be finite and > 0, got {initialRadius}."
         : !(maxRadius >= initialRadius && double.IsFinite(maxRadius)) ? $"MaxTrustRadius must be finite and ≥ InitialTrustRadius ({initialRadius}), got {maxRadius}."
         : !(acceptance >= 0 && acceptance < 0.25) ? $"AcceptanceRatio must lie in [0, 0.25), got {acceptance}."
         : null;
}
