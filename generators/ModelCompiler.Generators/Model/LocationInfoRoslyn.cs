// SPDX-License-Identifier: MIT
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ModelCompiler.Generators.Model;

/// <summary>Between the core's plain <see cref="LocationInfo"/> and Roslyn's locations.</summary>
internal static class LocationInfoRoslyn
{
    extension(LocationInfo location)
    {
        public Location ToLocation() => Location.Create(location.FilePath, new TextSpan(location.Span.Start, location.Span.Length),
            new LinePositionSpan(new LinePosition(location.LineSpan.StartLine, location.LineSpan.StartCharacter),
                                 new LinePosition(location.LineSpan.EndLine, location.LineSpan.EndCharacter)));
    }

    extension(LocationInfo)
    {
        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
                return null;
            var lines = location.GetLineSpan().Span;
            return new LocationInfo(location.SourceTree.FilePath, new TextSpanInfo(location.SourceSpan.Start, location.SourceSpan.Length),
                new LineSpanInfo(lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character));
        }

        public static LocationInfo From(SyntaxNode node) => LocationInfo.From(node.GetLocation())!;

        public static LocationInfo From(SyntaxToken token) => LocationInfo.From(token.GetLocation())!;

        /// <summary>A sub-span of a single-line region of <paramref name="tree"/>, e.g. characters inside a string literal.</summary>
        public static LocationInfo From(SyntaxTree tree, TextSpan span) => LocationInfo.From(Location.Create(tree, span))!;
    }
}
