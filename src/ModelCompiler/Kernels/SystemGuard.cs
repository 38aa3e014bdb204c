// SPDX-License-Identifier: MIT
namespace ModelCompiler.Kernels;

/// <summary>Argument checks shared by the generated ODE systems, objectives and equation systems, so the generated
/// code stays short and every message names the argument and the lengths involved.</summary>
public static class SystemGuard
{
    /// <summary>Checks that a span has the length the layout requires.</summary>
    /// <param name="length">The span's length.</param>
    /// <param name="expected">The length the layout requires.</param>
    /// <param name="argument">The parameter name, reported in the exception.</param>
    /// <param name="layout">What the span holds, e.g. "the 3 states' derivatives".</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void CheckLength(int length, int expected, string argument, string layout)
    {
        if (length != expected)
            throw new ArgumentException($"{argument} must hold {layout} (length {expected}) but has length {length}.", argument);
    }

    /// <summary>Checks the size of an indexed system against the fewest unknowns its boundary rules and stencil need.</summary>
    /// <param name="count">The number of states or unknowns given.</param>
    /// <param name="minimum">The fewest the system is defined for.</param>
    /// <param name="argument">The parameter name, reported in the exception.</param>
    /// <exception cref="ArgumentException"><paramref name="count"/> is below <paramref name="minimum"/>.</exception>
    public static void CheckCount(int count, int minimum, string argument)
    {
        if (count < minimum)
            throw new ArgumentException($"{argument} has length {count}, but the system is defined for {minimum} or more elements.", argument);
    }
}
