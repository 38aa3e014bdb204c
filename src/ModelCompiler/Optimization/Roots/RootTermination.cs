// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Why a scalar root finder stopped. The first three count as convergence.</summary>
public enum RootTermination
{
    /// <summary>The bracket (or the last step) met the tolerance of <see cref="ScalarRootOptions"/>.</summary>
    Converged,

    /// <summary>f(x) = 0 exactly at the returned point.</summary>
    ExactRoot,

    /// <summary>
    /// The steps stopped shrinking at the level of the rounding error in f: x is as accurate as f's evaluation
    /// allows. Typical of a multiple root, where double precision locates a root of multiplicity m only to about
    /// ε^(1/m) relative (see <see cref="ScalarRootResult.Multiplicity"/>).
    /// </summary>
    RoundingLimit,

    /// <summary>The iteration limit was reached; x is the best point so far.</summary>
    MaxIterations,

    /// <summary>f′(x) = 0 where f(x) ≠ 0: the Newton step is undefined. x is that point.</summary>
    ZeroDerivative,

    /// <summary>The open method ran away: |f| kept growing or the iterate overflowed. x is the best point met.</summary>
    Diverged,

    /// <summary>No step along the method's direction reduced |f|, even halved 30 times. x is the best point met.</summary>
    NoProgress,

    /// <summary>f was NaN or infinite at a point the method had to use; x is the best point before it.</summary>
    NonFiniteValue,

    /// <summary>
    /// The bracket closed on a sign change where |f| is larger than at both ends of the starting bracket (a pole, as
    /// 1/(x − c) at c) or above a tenth of its largest value there (a jump, as a step function's), not a root. x is where
    /// f changes sign.
    /// </summary>
    SignChangeWithoutRoot,
}
