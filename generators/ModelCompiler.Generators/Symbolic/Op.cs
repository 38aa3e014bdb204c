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

    public static bool IsFunction(this Op op) => op >= Op.Exp && op <= Op.Erfc;

    public static bool IsCondition(this Op op) => op >= Op.Less;
}
