// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>The functions and constants of the formula language.</summary>
internal static class Functions
{
    public static readonly IReadOnlyDictionary<string, (Op Op, int Arity)> ByName = new Dictionary<string, (Op, int)>
    {
        ["exp"] = (Op.Exp, 1),
        ["log"] = (Op.Log, 1),
        ["log10"] = (Op.Log10, 1),
        ["sqrt"] = (Op.Sqrt, 1),
        ["abs"] = (Op.Abs, 1),
        ["pow"] = (Op.Power, 2),
        ["sin"] = (Op.Sin, 1),
        ["cos"] = (Op.Cos, 1),
        ["tan"] = (Op.Tan, 1),
        ["asin"] = (Op.Asin, 1),
        ["acos"] = (Op.Acos, 1),
        ["atan"] = (Op.Atan, 1),
        ["atan2"] = (Op.Atan2, 2),
        ["sinh"] = (Op.Sinh, 1),
        ["cosh"] = (Op.Cosh, 1),
        ["tanh"] = (Op.Tanh, 1),
        ["erf"] = (Op.Erf, 1),
        ["erfc"] = (Op.Erfc, 1),
        ["expm1"] = (Op.Expm1, 1),
        ["log1p"] = (Op.Log1p, 1),
        ["log2"] = (Op.Log2, 1),
        ["cbrt"] = (Op.Cbrt, 1),
        ["hypot"] = (Op.Hypot, 2),
        ["min"] = (Op.Min, 2),
        ["max"] = (Op.Max, 2),
        ["sign"] = (Op.Sign, 1),
    };

    public static readonly IReadOnlyDictionary<string, double> Constants = new Dictionary<string, double>
    {
        ["pi"] = System.Math.PI,
        ["e"] = System.Math.E,
    };

    public static string NameOf(Op op) => op == Op.Power ? "pow" : ByName.First(kv => kv.Value.Op == op).Key;

    public static string List => string.Join(", ", ByName.Keys);

    /// <summary>
    /// For a function whose derivative does not exist everywhere, where it does not and what the generated Jacobian
    /// uses there; null for the others.
    /// </summary>
    public static string? NonDifferentiability(Op op) => op switch
    {
        Op.Abs or Op.Sign => "its derivative does not exist where its argument is 0; the generated Jacobian uses 0 there",
        Op.Min or Op.Max => "its derivative does not exist where its arguments are equal; the generated Jacobian uses the first argument's there, or 0 where the other argument's is 0 (the flat side of max(x - c, 0))",
        Op.Hypot => "its derivative does not exist where both arguments are 0; the generated Jacobian uses 0 there",
        _ => null,
    };
}
