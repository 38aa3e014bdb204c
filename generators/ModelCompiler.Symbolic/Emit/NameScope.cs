// SPDX-License-Identifier: MIT
using System.Collections.Generic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Hands out local names that clash neither with the user's parameter names nor with each other: the user's
/// names are kept as written, generated ones get the first free numeric suffix.
/// </summary>
internal sealed class NameScope
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // Keywords of the C# compiler that the language specification does not list.
        "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    private readonly HashSet<string> _taken = new();

    public NameScope(IEnumerable<string> reserved)
    {
        foreach (string name in reserved)
            _taken.Add(name);
    }

    /// <summary>The name itself if free, else the name followed by the first free number.</summary>
    public string Claim(string name)
    {
        if (!Keywords.Contains(name) && _taken.Add(name))
            return name;
        for (int k = 1; ; k++)
            if (_taken.Add(name + k))
                return name + k;
    }

    /// <summary>A numbered name, <c>stem1</c>, <c>stem2</c>…, skipping any that are taken.</summary>
    public string Numbered(string stem)
    {
        for (int k = 1; ; k++)
            if (_taken.Add(stem + k))
                return stem + k;
    }

    /// <summary>A C# identifier for a user name, escaped when it is a keyword.</summary>
    public static string Identifier(string name) => Keywords.Contains(name) ? "@" + name : name;
}
