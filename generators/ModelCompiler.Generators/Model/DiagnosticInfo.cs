// SPDX-License-Identifier: MIT
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ModelCompiler.Generators.Model;

/// <summary>
/// A diagnostic as plain data: <see cref="Diagnostic"/> has no value equality and would defeat pipeline caching.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        new(descriptor, location, arguments.Select(a => a?.ToString() ?? "").ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Cast<object>().ToArray());
}
