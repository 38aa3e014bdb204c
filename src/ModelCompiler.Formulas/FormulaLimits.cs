// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Bounds on the work of compiling one formula, so a formula from an untrusted source (a configuration file, a web form)
/// cannot exhaust the process. Each bound, when exceeded, is a <see cref="FormulaException"/> with its own MC id.
/// </summary>
public sealed record FormulaLimits
{
    /// <summary>The default bounds: generous for any formula written by hand.</summary>
    public static FormulaLimits Default { get; } = new();

    /// <summary>The most characters a formula may have (MC0030). Default 10,000.</summary>
    public int MaxLength { get; init; } = 10_000;

    /// <summary>The deepest nesting of parentheses, calls, signs and powers (MC0031). Default 100.</summary>
    public int MaxNestingDepth { get; init; } = 100;

    /// <summary>The most parameters a model may have (MC0032). Default 100.</summary>
    public int MaxParameters { get; init; } = 100;

    /// <summary>The most variables a model may have; more is an <see cref="ArgumentException"/>. Default 32.</summary>
    public int MaxVariables { get; init; } = 32;

    /// <summary>The most distinct nodes of the symbolic graph of the value, its derivatives and their lowering (MC0033).
    /// Default 50,000.</summary>
    public int MaxGraphNodes { get; init; } = 50_000;

    /// <summary>The longest the C# compiler may take for the emitted code (MC0034). Default 30 s.</summary>
    public TimeSpan CompileTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (MaxLength < 1) throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "FormulaLimits.MaxLength must be at least 1.");
        if (MaxNestingDepth < 1 || MaxNestingDepth > 1000)
            throw new ArgumentOutOfRangeException(nameof(MaxNestingDepth), MaxNestingDepth, "FormulaLimits.MaxNestingDepth must be between 1 and 1000.");
        if (MaxParameters < 1) throw new ArgumentOutOfRangeException(nameof(MaxParameters), MaxParameters, "FormulaLimits.MaxParameters must be at least 1.");
        if (MaxVariables < 1) throw new ArgumentOutOfRangeException(nameof(MaxVariables), MaxVariables, "FormulaLimits.MaxVariables must be at least 1.");
        if (MaxGraphNodes < 1) throw new ArgumentOutOfRangeException(nameof(MaxGraphNodes), MaxGraphNodes, "FormulaLimits.MaxGraphNodes must be at least 1.");
        if (CompileTimeout <= TimeSpan.Zero && CompileTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(CompileTimeout), CompileTimeout, "FormulaLimits.CompileTimeout must be positive or Timeout.InfiniteTimeSpan.");
    }
}
