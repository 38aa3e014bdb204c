// SPDX-License-Identifier: MIT
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Emit;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Parsing;

namespace ModelCompiler.Generators;

/// <summary>
/// The incremental pipelines of <c>[Ode]</c>, <c>[Objective]</c> and <c>[Equations]</c>, the same shape as the one of
/// <c>[Model]</c>: a transform that reads syntax and symbols once into equatable data, a cached emission step, and an
/// uncached output for the diagnostics and the placeholder bodies.
/// </summary>
internal static class SystemPipeline
{
    /// <summary>Names of the tracked pipeline steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        public const string Parse = "SystemParse";
        public const string Specs = "SystemSpecs";
        public const string Source = "SystemSource";
    }

    public static void Register(IncrementalGeneratorInitializationContext context)
    {
        Register(context, GeneratorInfo.OdeAttribute, SystemKind.Ode);
        Register(context, GeneratorInfo.ObjectiveAttribute, SystemKind.Objective);
        Register(context, GeneratorInfo.EquationsAttribute, SystemKind.Equations);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, string attribute, SystemKind kind)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(attribute,
                static (node, _) => node is MethodDeclarationSyntax,
                (ctx, ct) => SafeParse(ctx, kind, ct))
            .WithTrackingName(Steps.Parse);

        var sources = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(Steps.Specs)
            .Select(static (spec, _) => SystemSource.Create(spec!))
            .WithTrackingName(Steps.Source);

        context.RegisterSourceOutput(sources, static (spc, source) =>
        {
            if (source.Failure is not null)
                spc.ReportDiagnostic(source.Failure.ToDiagnostic());
            else
                spc.AddSource(source.HintName, source.Text);
        });

        // At their places in the syntax trees, so that #pragma warning disable reaches the warnings.
        DiagnosticInfo.ReportInSource(context, parsed.Select(static (result, _) => result.Diagnostics));

        context.RegisterSourceOutput(parsed, static (spc, result) =>
        {
            if (result.Placeholder is { } placeholder)
                spc.AddSource(result.PlaceholderHint!, SystemEmitter.EmitPlaceholder(placeholder));
        });
    }

    private static SystemParseResult SafeParse(GeneratorAttributeSyntaxContext context, SystemKind kind, System.Threading.CancellationToken cancellation)
    {
        try
        {
            return SystemParser.Parse(context, kind, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(Diagnostics.InternalError, LocationInfo.From(context.TargetNode.GetLocation()),
                context.TargetSymbol.Name, e.GetType().Name + ": " + e.Message);
            return new SystemParseResult(null, new[] { failure }.ToEquatableArray());
        }
    }
}

/// <summary>The emitted file of one system, or the diagnostic that replaced it when emission failed.</summary>
internal sealed record SystemSource(string HintName, string Text, DiagnosticInfo? Failure)
{
    public static SystemSource Create(SystemSpec spec) => Create(spec, SystemEmitter.Emit);

    /// <summary>Runs <paramref name="emit"/>, turning any exception into the internal-error diagnostic.</summary>
    internal static SystemSource Create(SystemSpec spec, Func<SystemSpec, string> emit)
    {
        try
        {
            return new SystemSource(SystemEmitter.HintName(spec), emit(spec), null);
        }
        catch (Exception e)
        {
            return new SystemSource(SystemEmitter.HintName(spec), "",
                DiagnosticInfo.Create(Diagnostics.InternalError, spec.Location, spec.MethodName, e.GetType().Name + ": " + e.Message));
        }
    }
}
