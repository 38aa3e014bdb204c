// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Checks <see cref="Bounds"/> against the start at the public boundary.</summary>
internal static class BoundsCheck
{
    /// <summary>The fixed flags (start values kept), and the full lower and upper bounds (±∞ where none).</summary>
    public static (bool[] IsFixed, double[] Lower, double[] Upper) Validate(Bounds? bounds, double[] start)
    {
        int n = start.Length;
        var isFixed = new bool[n];
        var lower = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        if (bounds is null)
            return (isFixed, lower, upper);
        if (bounds.Lower is { } lo)
        {
            if (lo.Length != n)
                throw new ArgumentException($"bounds.Lower has {lo.Length} values but start has {n}.", nameof(bounds));
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(lo[i]) || lo[i] == double.PositiveInfinity)
                    throw new ArgumentException($"bounds.Lower[{i}] is {lo[i]}; use −∞ for no lower bound.", nameof(bounds));
                lower[i] = lo[i];
            }
        }
        if (bounds.Upper is { } hi)
        {
            if (hi.Length != n)
                throw new ArgumentException($"bounds.Upper has {hi.Length} values but start has {n}.", nameof(bounds));
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(hi[i]) || hi[i] == double.NegativeInfinity)
                    throw new ArgumentException($"bounds.Upper[{i}] is {hi[i]}; use +∞ for no upper bound.", nameof(bounds));
                upper[i] = hi[i];
            }
        }
        if (bounds.Fixed is { } flags)
        {
            if (flags.Length != n)
                throw new ArgumentException($"bounds.Fixed has {flags.Length} flags but start has {n}.", nameof(bounds));
            flags.CopyTo(isFixed, 0);
        }
        for (int i = 0; i < n; i++)
        {
            if (lower[i] > upper[i])
                throw new ArgumentException(
                    $"The bounds of unknown {i} are crossed: lower {lower[i]} > upper {upper[i]}.", nameof(bounds));
            if (start[i] < lower[i] || start[i] > upper[i])
                throw new ArgumentException(
                    $"start[{i}] = {start[i]} lies outside its bounds [{lower[i]}, {upper[i]}].", "start");
            if (lower[i] == upper[i])
                isFixed[i] = true;
        }
        if (isFixed.All(f => f))
            throw new ArgumentException("Every unknown is fixed: there is nothing to minimize.", nameof(bounds));
        return (isFixed, lower, upper);
    }
}
