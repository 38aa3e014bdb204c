// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators.Model;

/// <summary>
/// The result of reading one <c>[Model]</c> method: a spec when it can be compiled, its diagnostics, and for a
/// partial method whose formula has errors, what its throwing placeholder body needs.
/// </summary>
internal sealed record ModelParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, Placeholder? Placeholder = null);

/// <summary>The result of reading one system method: its spec when it compiles, its diagnostics, and the throwing
/// placeholder body a partial method with broken formulas gets, with the name of its file.</summary>
internal sealed record SystemParseResult(SystemSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, Placeholder? Placeholder = null,
                                         string? PlaceholderHint = null);
