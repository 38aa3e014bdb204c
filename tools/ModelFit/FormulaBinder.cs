// SPDX-License-Identifier: MIT
using ModelCompiler.ModelFit.Fitting;

namespace ModelCompiler.ModelFit;

/// <summary>
/// How a formula typed on the command line becomes a model type that the generic runs are specialized for. The tool
/// uses the run-time compiler; tests may bind source-generated models instead, to check the commands on their own.
/// </summary>
public sealed class FormulaBinder
{
    /// <summary>Compiles a formula of the given variables and runs the fit on it.</summary>
    public required Func<string, IReadOnlyList<string>, FitRun, FitOutcome> Fit { get; init; }

    /// <summary>Compiles a mixture of K components of a formula with the given noise and runs the EM fit on it.</summary>
    public required Func<string, IReadOnlyList<string>, int, Noise, MixregRun, MixregOutcome> Mixture { get; init; }

    /// <summary>Compiles a formula of the given variable and streams the many command's curves through it.</summary>
    public required Func<string, IReadOnlyList<string>, ManyRun, ManyOutcome> Many { get; init; }

    /// <summary>The run-time compiler (<see cref="Formula.Compile"/>), whose models are cached by formula.</summary>
    public static FormulaBinder RunTime { get; } = new()
    {
        Fit = (formula, variables, run) =>
        {
            CompiledModel model = Formula.Compile(formula, variables);
            return model.Accept(run) with { Warnings = model.Warnings };
        },
        Many = (formula, variables, run) =>
        {
            CompiledModel model = Formula.Compile(formula, variables);
            return model.Accept(run) with { Warnings = model.Warnings };
        },
        Mixture = (formula, variables, components, noise, run) =>
        {
            CompiledMixture mixture = Formula.CompileMixture(formula, variables, components, noise);
            return mixture.Accept(run) with { Warnings = mixture.Model.Warnings };
        },
    };
}
