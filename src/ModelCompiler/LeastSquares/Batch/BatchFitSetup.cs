// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// What a batch fit knows besides the data and the starts, shared by every curve or given per curve: each matrix has
/// either one row, used for every curve, or one row per curve (row c for curve c). Rows of <see cref="Sigma"/> and
/// <see cref="Weights"/> hold one value per point, rows of the bounds and of <see cref="Fixed"/> one per parameter.
/// Every array is copied or only read, never modified.
/// </summary>
public sealed record BatchFitSetup
{
    /// <summary>Per-point standard deviations σᵢ &gt; 0, as <see cref="FitSetup.Sigma"/>. Mutually exclusive with <see cref="Weights"/>.</summary>
    public double[,]? Sigma { get; init; }

    /// <summary>Per-point weights wᵢ = 1/σᵢ² &gt; 0, as <see cref="FitSetup.Weights"/>. Mutually exclusive with <see cref="Sigma"/>.</summary>
    public double[,]? Weights { get; init; }

    /// <summary>Lower bounds per parameter (−∞ for none). Null: no lower bounds.</summary>
    public double[,]? LowerBounds { get; init; }

    /// <summary>Upper bounds per parameter (+∞ for none). Null: no upper bounds.</summary>
    public double[,]? UpperBounds { get; init; }

    /// <summary>Parameters held at their initial value (true = fixed). Null: all are fitted.</summary>
    public bool[,]? Fixed { get; init; }

    /// <summary>Shared instance with nothing set.</summary>
    public static BatchFitSetup None { get; } = new();
}
