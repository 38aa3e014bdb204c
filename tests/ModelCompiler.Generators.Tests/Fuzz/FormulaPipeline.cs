using Microsoft.CodeAnalysis.Text;
using ModelCompiler.Generators.Emit;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Tests.Fuzz;

/// <summary>What the pure pipeline made of one formula: the generated source, or the errors that stopped it.</summary>
internal sealed record PipelineOutcome(string? Source, IReadOnlyList<string> Errors, IReadOnlyList<(int Start, int Length)> Spans);

/// <summary>
/// The generator's pipeline for a formula in the attribute, without Roslyn: parse, bind, then compile and emit.
/// The same stages, in the same order and with the same error rules, as the model parser and emitter.
/// </summary>
internal static class FormulaPipeline
{
    public static PipelineOutcome Run(string formula, string className = "Fuzz")
    {
        var syntax = FormulaParser.Parse(formula, out var error);
        if (error is not null)
            return new PipelineOutcome(null, new[] { error.Message }, new[] { (error.Start, error.Length) });

        var bound = Binder.Bind(new Graph(), syntax, FormulaSource.Variables, FormulaSource.Parameters, allowNamedConstants: true);
        var errors = bound.Problems.Where(p => p.Kind != BindErrorKind.NonDifferentiable).ToList();
        if (errors.Count > 0)
            return new PipelineOutcome(null, errors.Select(p => $"{p.Kind}: {p.Subject} {p.Detail}").ToList(),
                                       errors.Select(p => (p.Start, p.Length)).ToList());

        var spec = new ModelSpec(null, new[] { new ContainingType("class", className, "") }.ToEquatableArray(), "F", "public",
            Declaration, FormulaSource.Variables.ToEquatableArray(), FormulaSource.Parameters.ToEquatableArray(),
            formula, syntax, AllowsNamedConstants: true, new LocationInfo("Fuzz.cs", new TextSpanInfo(0, 0), default));
        return new PipelineOutcome(ModelEmitter.Emit(spec), Array.Empty<string>(), Array.Empty<(int, int)>());
    }

    /// <summary>The user's declaration the generated body implements.</summary>
    public const string Declaration = "public static partial double F(double x, double a, double b, double c, double k)";
}
