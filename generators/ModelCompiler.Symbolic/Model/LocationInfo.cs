// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators.Model;

/// <summary>
/// A source location as plain data: the file, the character span and the line span. The generator makes Roslyn
/// locations of it; the run-time compiler reads only the span, which is in the formula string there.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpanInfo Span, LineSpanInfo LineSpan);

/// <summary>A span of characters: the first and how many.</summary>
internal readonly record struct TextSpanInfo(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>Zero-based line and character of a span's start and end.</summary>
internal readonly record struct LineSpanInfo(int StartLine, int StartCharacter, int EndLine, int EndCharacter);
