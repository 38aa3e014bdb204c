// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Box constraints lᵢ ≤ xᵢ ≤ uᵢ and fixed unknowns, for the methods that allow them (L-BFGS-B, Nelder–Mead,
/// Powell take bounds; every method takes fixed unknowns, which it leaves at their start values and minimizes
/// over the rest). Use −∞ and +∞ for a missing bound; an unknown with lᵢ = uᵢ is fixed there.
/// </summary>
/// <remarks>The arrays are read, never modified, during the call; a method that cannot honour bounds refuses them
/// with an <see cref="ArgumentException"/> instead of ignoring them.</remarks>
public sealed record Bounds
{
    /// <summary>Lower bounds, one per unknown, or null for none.</summary>
    public double[]? Lower { get; init; }

    /// <summary>Upper bounds, one per unknown, or null for none.</summary>
    public double[]? Upper { get; init; }

    /// <summary>Flags, one per unknown: true keeps that unknown at its start value. Null for none.</summary>
    public bool[]? Fixed { get; init; }

    /// <summary>The box [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public static Bounds Box(double[] lower, double[] upper) => new() { Lower = lower, Upper = upper };

    /// <summary>Unknowns fixed at their start values and no bounds on the others.</summary>
    public static Bounds FixedAt(bool[] isFixed) => new() { Fixed = isFixed };

    /// <summary>Whether any unknown has a finite bound (fixed unknowns aside).</summary>
    internal bool HasFiniteBounds(ReadOnlySpan<bool> isFixed)
    {
        for (int i = 0; i < isFixed.Length; i++)
        {
            if (isFixed[i])
                continue;
            if (Lower is { } lo && double.IsFinite(lo[i]) || Upper is { } hi && double.IsFinite(hi[i]))
                return true;
        }
        return false;
    }
}
