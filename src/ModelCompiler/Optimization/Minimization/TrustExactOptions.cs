// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>How <see cref="TrustExactOptions"/> factors H + λI.</summary>
public enum HessianFactorization
{
    /// <summary>By the Hessian's sparsity pattern: dense Cholesky for a dense pattern or n ≤ 32, else the sparse
    /// Cholesky in the natural order for a banded pattern (whose factor stays inside the band) and in a
    /// minimum-degree order for any other.</summary>
    Automatic,

    /// <summary>Dense Cholesky of the full matrix.</summary>
    Dense,

    /// <summary>Sparse Cholesky with a minimum-degree ordering.</summary>
    Sparse,
}

/// <summary>
/// The nearly exact trust-region method of Moré &amp; Sorensen (1983) (scipy's trust-exact): each iteration solves
/// min m(p) over ‖p‖ ≤ Δ by Newton's method on the secular equation 1/‖p(λ)‖ = 1/Δ with (H + λI)p(λ) = −∇f, with
/// Cholesky factorizations of H + λI safeguarded by Gershgorin bounds, and the hard case resolved along an
/// approximate null vector of H + λI from a LINPACK-style estimate. Needs the gradient and the Hessian (the
/// objective's, else forward differences of the gradient); the factorization follows the Hessian's sparsity.
/// </summary>
/// <remarks>
/// <para>The subproblem ends when |‖p‖ − Δ| ≤ 0.1Δ, when λ = 0 gives an interior Newton step, or in the hard case
/// when m(p + τz) is within 0.19 of the model's optimum (Moré &amp; Sorensen's σ₁ = 0.1 tests), and after at most 50
/// factorizations with the best step found (so a singular H, as in rank-deficient least squares, cannot make it loop).</para>
/// <para>Trust-region updates and stopping tests as <see cref="NewtonCgOptions"/>.</para>
/// <para>Limits when unset: 200·n iterations, no evaluation limit.</para>
/// </remarks>
public sealed record TrustExactOptions : MinimizerOptions
{
    /// <summary>Our defaults: gradient tolerance 1e-8, Δ₀ = 1, Δmax = 1000, η = 0.15, automatic factorization.</summary>
    public static TrustExactOptions Default { get; } = new();

    /// <summary>scipy 1.10's <c>minimize(method='trust-exact')</c> defaults: gtol = 1e-4 (scipy measures it in the
    /// 2-norm, we in the largest component: the same for one unknown), Δ₀ = 1, Δmax = 1000, η = 0.15.</summary>
    public static TrustExactOptions Scipy { get; } = new() { GradientTolerance = 1e-4 };

    /// <inheritdoc/>
    public override string Method => "trust-exact";

    /// <inheritdoc/>
    public override bool AllowsBounds => false;

    /// <summary>The largest gradient component at which the method stops.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The first trust-region radius Δ₀ (both radii scale by ‖x₀‖∞/MaxTrustRadius when that exceeds 1).</summary>
    public double InitialTrustRadius { get; init; } = 1;

    /// <summary>The largest trust-region radius (both radii scale by ‖x₀‖∞/MaxTrustRadius when that exceeds 1).</summary>
    public double MaxTrustRadius { get; init; } = 1000;

    /// <summary>The smallest ratio η of actual to predicted reduction at which a step is accepted, in [0, ¼).</summary>
    public double AcceptanceRatio { get; init; } = 0.15;

    /// <summary>How H + λI is factored.</summary>
    public HessianFactorization Factorization { get; init; } = HessianFactorization.Automatic;

    private protected override string? MethodError()
        => Positive(GradientTolerance, nameof(GradientTolerance))
        ?? TrustRegion.OptionsError(InitialTrustRadius, MaxTrustRadius, AcceptanceRatio)
        ?? (Enum.IsDefined(Factorization) ? null : $"{nameof(Factorization)} {(int)Factorization} is not a factorization.");

    private protected override int DefaultMaxIterations(int n) => Scaled(200, n);
}
