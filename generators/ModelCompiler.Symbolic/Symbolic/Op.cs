// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators.Symbolic;

/// <summary>The operation of a graph node. Comparisons and logic appear only inside piecewise conditions.</summary>
internal enum Op
{
    Constant,
    Variable,
    Parameter,
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Power,
    Exp,
    Log,
    Log10,
    Sqrt,
    Abs,
    Sign,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Erf,
    Erfc,
    Expm1,
    Log1p,
    Log2,
    Cbrt,
    Hypot,
    Min,
    Max,
    Select,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Not,
}

internal static class OpFacts
{
    public static bool IsLeaf(this Op op) => op is Op.Constant or Op.Variable or Op.Parameter;

    public static bool IsFunction(this Op op) => op >= Op.Exp && op <= Op.Max;

    public static bool IsCondition(this Op op) => op >= Op.Less;

    /// <summary>
    /// Whether the operation is finite wherever its arguments are (overflow aside): no pole, no logarithm of 0,
    /// no root of a negative number. Division, logarithms, roots, powers and tan, asin, acos are not.
    /// </summary>
    public static bool KeepsFinite(this Op op) => op switch
    {
        Op.Add or Op.Subtract or Op.Multiply or Op.Negate or Op.Exp or Op.Abs or Op.Sign or Op.Sin or Op.Cos
            or Op.Atan or Op.Atan2 or Op.Sinh or Op.Cosh or Op.Tanh or Op.Erf or Op.Erfc or Op.Select
            or Op.Expm1 or Op.Cbrt or Op.Hypot or Op.Min or Op.Max => true,
        _ => op.IsCondition(),
    };
}
