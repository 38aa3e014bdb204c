// SPDX-License-Identifier: MIT
namespace ModelCompiler.Variational;

/// <summary>Why a variational fit stopped.</summary>
public enum CaviTermination
{
    /// <summary>The bound's change met the tolerance.</summary>
    Converged,
    /// <summary>The iteration limit was reached first.</summary>
    MaxIterations,
}
