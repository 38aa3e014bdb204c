// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Why a scalar minimizer stopped. In every case the result holds the best point found.</summary>
public enum ScalarMinimizationTermination
{
    /// <summary>The interval around the best point shrank below the tolerance (see <see cref="ScalarMinimizationOptions"/>).</summary>
    Converged,

    /// <summary>The iteration (or, for the bounded method, evaluation) limit was reached first.</summary>
    MaxIterations,

    /// <summary>
    /// The downhill search found no three points a, b, c with f(b) below f(a) and f(c) within its expansion limit:
    /// f decreases without bound, or monotonically, along the search direction, or is flat.
    /// </summary>
    BracketNotFound,

    /// <summary>f was not finite at any point tried.</summary>
    NonFiniteValue,
}
