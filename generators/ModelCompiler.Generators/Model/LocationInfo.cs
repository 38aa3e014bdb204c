// SPDX-License-Identifier: MIT
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ModelCompiler.Generators.Model;

/// <summary>A source location without Roslyn objects, so it can live in cached pipeline values.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) => location is null || location.SourceTree is null
        ? null
        : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo From(SyntaxNode node) => From(node.GetLocation())!;

    public static LocationInfo From(SyntaxToken token) => From(token.GetLocation())!;

    /// <summary>A sub-span of a single-line region of <paramref name="tree"/>, e.g. characters inside a string literal.</summary>
    public static LocationInfo From(SyntaxTree tree, TextSpan span) => From(Location.Create(tree, span))!;
}
