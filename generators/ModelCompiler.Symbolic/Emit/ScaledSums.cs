// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// The sums of the normal-equation kernels times their Jacobian columns' point-invariant factors
/// (<see cref="ColumnScales"/>): c_a·c_b·Σ g_a·g_b for (JᵀJ)_ab, c_a·Σ g_a·r for (Jᵀr)_a, rᵀr as it is.
/// </summary>
internal static class ScaledSums
{
    /// <summary>A local per distinct column factor, named after the first column that has it; null where it is 1.</summary>
    public static string?[] Names(IReadOnlyList<Node?> scales, IReadOnlyList<string> suffixes, NameScope scope)
    {
        var names = new string?[scales.Count];
        var byFactor = new Dictionary<Node, string>();
        for (int j = 0; j < scales.Count; j++)
            if (scales[j] is { } scale)
                names[j] = byFactor.TryGetValue(scale, out string? name) ? name : byFactor[scale] = scope.Claim("scale" + suffixes[j]);
        return names;
    }

    /// <summary>Accumulator <paramref name="s"/> (<c>NormalEquationsLayout</c> order) times its columns' factors.</summary>
    public static string Scaled(string sum, int s, IReadOnlyList<string?> scales)
    {
        var (a, b) = Columns(s, scales.Count);
        string product = sum;
        foreach (int column in new[] { a, b })
            if (column >= 0 && scales[column] is { } scale)
                product += " * " + scale;
        return product;
    }

    /// <summary>
    /// The Jacobian columns of accumulator <paramref name="s"/> for <paramref name="p"/> parameters: (a, b) for
    /// (JᵀJ)_ab, (a, −1) for (Jᵀr)_a, (−1, −1) for rᵀr.
    /// </summary>
    private static (int A, int B) Columns(int s, int p)
    {
        int gram = p * (p + 1) / 2;
        if (s >= gram)
            return s < gram + p ? (s - gram, -1) : (-1, -1);
        int b = 0;
        while ((b + 1) * (b + 2) / 2 <= s)
            b++;
        return (s - b * (b + 1) / 2, b);
    }
}
