// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Optimization;

/// <summary>
/// Options of the scalar root finders. With δ(x) = <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/>·|x|,
/// a bracketing method (Brent, bisection, Ridders, TOMS 748, bracketed Newton) stops when the bracket around its
/// best point x is at most δ(x) wide, and an open method (Newton, Halley, secant, fixed point) when its last step is
/// at most δ(x) long; every method stops at once where f(x) = 0 exactly. The defaults are scipy's <c>brentq</c>
/// defaults (xtol = 2e-12, rtol = 4ε, maxiter = 100), tighter than scipy's <c>newton</c> (tol = 1.48e-8), so every
/// method returns the root to about 1e-12. The absolute part is for a starting bracket (or an open method's first step)
/// of width 1 and is scaled down with a narrower one, so that a problem in small units is not met by its start and gets
/// the digits it gets in units of 1.
/// </summary>
public sealed record ScalarRootOptions
{
    /// <summary>Shared default instance.</summary>
    public static ScalarRootOptions Default { get; } = new();

    /// <summary>The absolute part of δ(x) (scipy's xtol).</summary>
    public double AbsoluteTolerance { get; init; } = 2e-12;

    /// <summary>The relative part of δ(x) (scipy's rtol): 4ε, below which no double-precision bracket can shrink.</summary>
    public double RelativeTolerance { get; init; } = 8.881784197001252e-16;

    /// <summary>The iteration limit.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Newton, Halley and secant: when a step does not reduce |f| (or leads where f is not finite), halve it, up to
    /// 30 times, before taking it. This keeps an open method from running away (Newton on atan x from |x₀| &gt; 1.39
    /// diverges undamped). Off gives the classical iteration, which reports <see cref="RootTermination.Diverged"/>
    /// when it runs away.
    /// </summary>
    public bool Damping { get; init; } = true;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!(AbsoluteTolerance > 0 && double.IsFinite(AbsoluteTolerance)))
            error = $"{nameof(AbsoluteTolerance)} must be finite and > 0, got {AbsoluteTolerance}.";
        else if (!(RelativeTolerance >= 0 && double.IsFinite(RelativeTolerance)))
            error = $"{nameof(RelativeTolerance)} must be finite and ≥ 0, got {RelativeTolerance}.";
        else if (MaxIterations < 1)
            error = $"{nameof(MaxIterations)} must be ≥ 1, got {MaxIterations}.";
        return error is null;
    }

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }

    /// <summary>δ(x).</summary>
    internal double Tolerance(double x) => AbsoluteTolerance + RelativeTolerance * Math.Abs(x);

    /// <summary>
    /// These options for a problem on the scale <paramref name="scale"/> (a bracket's width, an open method's first step):
    /// the absolute tolerance is for a scale of 1, and a smaller one scales it down. Problems of ordinary size keep it; one
    /// in small units ([0, 1e-29], or a root near 7e-13 reached by a first Newton step of 5e-13) would otherwise be
    /// "solved" within 2e-12 of the start, and x² − 2·s² on [0, 2s] with s = 1e-12 gets the digits it gets with s = 1
    /// (with the tolerance held to 1e-6 of the scale it got 7).
    /// </summary>
    internal ScalarRootOptions ForScale(double scale)
        => scale >= 1 || !(scale > 0) ? this : this with { AbsoluteTolerance = AbsoluteTolerance * scale };
}
