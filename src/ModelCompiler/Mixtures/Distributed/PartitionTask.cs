// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>What a partition computes from its points for one round of a distributed fit.</summary>
public enum PartitionTaskKind
{
    /// <summary>Σᵢ xᵢⱼ of every column j. Payload empty; answer one value per column.</summary>
    ColumnSums,

    /// <summary>Σᵢ (xᵢⱼ − mⱼ)² of every column j. Payload the column means m; answer one value per column.</summary>
    SquaredDeviations,

    /// <summary>Σᵢⱼ xᵢⱼ². Payload empty; answer one value.</summary>
    SumOfSquares,

    /// <summary>The E-step of a Gaussian mixture: its statistics then Σᵢ ln p(xᵢ). Payload the parameters.</summary>
    GaussianEStep,

    /// <summary>Step 1 of Blei's CAVI: [N, S, Σφ ln φ]. Payload [K, means (K·d), ½·E[μₖᵀμₖ] (K)].</summary>
    CaviStep,

    /// <summary>
    /// The E-step of a mixture of linear regressions: its statistics then Σᵢ ln p(yᵢ | xᵢ). Payload the parameters, then
    /// the basis change T (P×P, row-major) when the design needs one.
    /// </summary>
    RegressionEStep,

    /// <summary>Σᵢ Dᵢⱼ of each column j of a linear regression mixture's design D(x). Payload empty; answer P values.</summary>
    RegressionDesignSums,

    /// <summary>
    /// Σᵢ (Dᵢₐ − mₐ)(Dᵢ_b − m_b) for a ≤ b, the row-major upper triangle of the design's centred Gram matrix. Payload the
    /// column means m; answer P(P + 1)/2 values.
    /// </summary>
    RegressionDesignGram,
}

/// <summary>
/// One round's work for every partition of a distributed fit: plain numbers, so that any transport can carry it.
/// Every sum a partition forms runs over its points in chunks of <see cref="EmEngine.ChunkLength"/>, in chunk order,
/// exactly as a fit on one machine forms the sum of the same partition.
/// </summary>
/// <param name="Kind">What to compute.</param>
/// <param name="Payload">The round's parameters (layout per <see cref="PartitionTaskKind"/>).</param>
/// <param name="ModelType">For a regression mixture, the assembly-qualified name of its generated mixture type, which
/// every machine holding a partition must have loaded; otherwise null.</param>
public sealed record PartitionTask(PartitionTaskKind Kind, double[] Payload, string? ModelType = null);
