// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>How the stiff methods factor their iteration matrix (I − cJ or I/(hγ) − J).</summary>
public enum OdeLinearSolver
{
    /// <summary>From the Jacobian's pattern: dense LU for dense or small systems (n ≤ 16), banded LU for banded patterns,
    /// sparse LU otherwise.</summary>
    Automatic,

    /// <summary>LU with partial pivoting of the full n×n matrix.</summary>
    Dense,

    /// <summary>LU with partial pivoting inside the band (lower bandwidth kl, upper ku + kl for the pivoting fill), O(n·kl·(kl + ku)).</summary>
    Banded,

    /// <summary>
    /// Left-looking sparse LU (Gilbert &amp; Peierls 1988) with threshold partial pivoting that prefers the diagonal, after a
    /// minimum-degree ordering of the pattern of A + Aᵀ; later factorizations of the same pattern reuse the pivot
    /// order and the structure of L and U.
    /// </summary>
    Sparse,
}
