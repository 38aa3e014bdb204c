// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes any string as a C# regular string literal that reads back as exactly that string. Formula text can come from
/// an untrusted source at run time, so nothing in it may end the literal or the line: quotes and backslashes are
/// escaped, and so is every character that is not plain printable text — controls, the line and paragraph separators
/// C# counts as new lines, format characters (bidirectional overrides that make code read differently than it
/// compiles), lone surrogates, private-use and unassigned code points — as <c>\uXXXX</c>.
/// </summary>
internal static class CSharpLiteral
{
    public static string String(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '"': literal.Append("\\\""); break;
                case '\\': literal.Append("\\\\"); break;
                case '\n': literal.Append("\\n"); break;
                case '\r': literal.Append("\\r"); break;
                case '\t': literal.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        // A well-formed pair is one character of another plane: kept unless it is not text.
                        var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
                        if (IsText(category))
                            literal.Append(c).Append(text[i + 1]);
                        else
                            literal.Append(Escaped(c)).Append(Escaped(text[i + 1]));
                        i++;
                    }
                    else
                    {
                        literal.Append(IsText(CharUnicodeInfo.GetUnicodeCategory(c)) ? c.ToString() : Escaped(c));
                    }
                    break;
            }
        }
        return literal.Append('"').ToString();
    }

    private static bool IsText(UnicodeCategory category) => category is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    private static string Escaped(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
