// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ModelCompiler.Generators.Model;

/// <summary>
/// A diagnostic as plain data: <see cref="Diagnostic"/> has no value equality and would defeat pipeline caching.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptorData Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptorData descriptor, LocationInfo? location, params object[] arguments) =>
        new(descriptor, location, arguments.Select(a => a?.ToString() ?? "").ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(RoslynDescriptors.Of(Descriptor), Location?.ToLocation(), Arguments.Cast<object>().ToArray());

    /// <summary>
    /// The diagnostic at its place in <paramref name="compilation"/>'s syntax tree, where <c>#pragma warning disable</c>
    /// reaches it; a location kept as plain data is a file's span, outside any tree, which no pragma reaches.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        var tree = Location is { } at ? compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == at.FilePath) : null;
        if (tree is null || Location!.Span.Start + Location.Span.Length > tree.Length)
            return ToDiagnostic();
        var location = Microsoft.CodeAnalysis.Location.Create(tree, new Microsoft.CodeAnalysis.Text.TextSpan(Location.Span.Start, Location.Span.Length));
        return Diagnostic.Create(RoslynDescriptors.Of(Descriptor), location, Arguments.Cast<object>().ToArray());
    }

    /// <summary>
    /// Reports <paramref name="diagnostics"/> at their places in the syntax trees (<see cref="ToDiagnostic(Compilation)"/>).
    /// The step runs again whenever the compilation changes; it only reports, and the steps before it stay cached.
    /// </summary>
    public static void ReportInSource(IncrementalGeneratorInitializationContext context,
                                      IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics)
    {
        var withCompilation = diagnostics.Where(static found => found.Count > 0).Combine(context.CompilationProvider);
        context.RegisterSourceOutput(withCompilation, static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });
    }
}

/// <summary>The Roslyn descriptor of each entry of the core's diagnostics table, made once.</summary>
internal static class RoslynDescriptors
{
    private static readonly ConcurrentDictionary<DiagnosticDescriptorData, DiagnosticDescriptor> Made = new();

    public static DiagnosticDescriptor Of(DiagnosticDescriptorData data) => Made.GetOrAdd(data, static d =>
        new DiagnosticDescriptor(d.Id, d.Title, d.MessageFormat, d.Category, (DiagnosticSeverity)(int)d.Severity, isEnabledByDefault: true,
            customTags: d.Severity == Severity.Error ? new[] { WellKnownDiagnosticTags.NotConfigurable } : System.Array.Empty<string>()));
}
