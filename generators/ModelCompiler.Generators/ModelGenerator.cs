// SPDX-License-Identifier: MIT
using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Emit;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Parsing;

namespace ModelCompiler.Generators;

/// <summary>
/// Compiles every <c>[Model]</c> method into a nested model type with vectorized value and Jacobian kernels.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>Names of the tracked pipeline steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        public const string Parse = "Parse";
        public const string Specs = "Specs";
        public const string Source = "Source";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The transform reads syntax and symbols once and returns plain equatable data: nothing cached
        // downstream may hold a compilation, or an edit anywhere would invalidate every model.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(GeneratorInfo.ModelAttribute,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax,
                static (ctx, ct) => SafeParse(ctx, ct))
            .WithTrackingName(Steps.Parse);

        // [MixtureModel] alone would generate nothing and say nothing.
        var mixturesWithoutModel = context.SyntaxProvider
            .ForAttributeWithMetadataName(GeneratorInfo.MixtureModelAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, _) => MixtureParser.WithoutModel(ctx))
            .Where(static diagnostic => diagnostic is not null);
        context.RegisterSourceOutput(mixturesWithoutModel, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic!.ToDiagnostic()));

        // The model types implement static abstract interface members: C# 11. Below it, one diagnostic for the
        // project says so, and only the partial methods' bodies are generated.
        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => (options as CSharpParseOptions)?.LanguageVersion ?? MinimumLanguageVersion);

        var sources = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(Steps.Specs)
            .Combine(languageVersion.Select(static (version, _) => version >= MinimumLanguageVersion))
            .Select(static (pair, _) => GeneratedSource.Create(pair.Left!, pair.Right))
            .WithTrackingName(Steps.Source);

        context.RegisterSourceOutput(sources, static (spc, source) =>
        {
            if (source.Failure is not null)
                spc.ReportDiagnostic(source.Failure.ToDiagnostic());
            else if (source.Text.Length > 0)
                spc.AddSource(source.HintName, source.Text);
        });

        var firstModel = parsed
            .Select(static (result, _) => result.Spec?.Location)
            .Where(static location => location is not null)
            .Collect()
            .Select(static (locations, _) => locations.OrderBy(l => l!.FilePath, StringComparer.Ordinal).ThenBy(l => l!.Span.Start).FirstOrDefault());
        context.RegisterSourceOutput(firstModel.Combine(languageVersion), static (spc, pair) =>
        {
            if (pair.Left is { } location && pair.Right < MinimumLanguageVersion)
                spc.ReportDiagnostic(DiagnosticInfo.Create(Diagnostics.LanguageVersionTooLow, location,
                    MinimumLanguageVersion.ToDisplayString(), pair.Right.ToDisplayString()).ToDiagnostic());
        });

        // At their places in the syntax trees, so that #pragma warning disable reaches the warnings.
        DiagnosticInfo.ReportInSource(context, parsed.Select(static (result, _) => result.Diagnostics));

        context.RegisterSourceOutput(parsed, static (spc, result) =>
        {
            if (result.Placeholder is { } placeholder)
                spc.AddSource(ModelEmitter.HintName(placeholder.Namespace, placeholder.Containers, $"{placeholder.MethodName}({placeholder.Overload})"),
                              ModelEmitter.EmitPlaceholder(placeholder));
        });

        SystemPipeline.Register(context);
    }

    /// <summary>The lowest C# that can implement the runtime's static abstract interfaces, and so compile the model types.</summary>
    private const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp11;

    private static ModelParseResult SafeParse(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellation)
    {
        try
        {
            return ModelParser.Parse(context, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(Diagnostics.InternalError, LocationInfo.From(context.TargetNode.GetLocation()),
                context.TargetSymbol.Name, e.GetType().Name + ": " + e.Message);
            return new ModelParseResult(null, new[] { failure }.ToEquatableArray());
        }
    }
}

/// <summary>The emitted file of one model, or the diagnostic that replaced it when emission failed.</summary>
internal sealed record GeneratedSource(string HintName, string Text, DiagnosticInfo? Failure)
{
    /// <param name="withModelTypes">False when the project's C# cannot compile the model types (see MC0028).</param>
    public static GeneratedSource Create(ModelSpec spec, bool withModelTypes = true) =>
        !withModelTypes && spec.PartialSignature is null
            ? new GeneratedSource(ModelEmitter.HintName(spec), "", null)
            : Create(spec, s => ModelEmitter.Emit(s, withModelTypes));

    /// <summary>Runs <paramref name="emit"/>, turning any exception into the internal-error diagnostic.</summary>
    internal static GeneratedSource Create(ModelSpec spec, Func<ModelSpec, string> emit)
    {
        try
        {
            return new GeneratedSource(ModelEmitter.HintName(spec), emit(spec), null);
        }
        catch (Exception e)
        {
            return new GeneratedSource(ModelEmitter.HintName(spec), "",
                DiagnosticInfo.Create(Diagnostics.InternalError, spec.Location, spec.MethodName, e.GetType().Name + ": " + e.Message));
        }
    }
}
