// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>Writes the <c>IScalarFunction</c> members of a one-unknown objective or equation: f, f′ and f″ in one pass each.</summary>
internal static class ScalarFunctionWriter
{
    public static void Write(SourceWriter w, SystemDefinition definition, Node value)
    {
        var g = definition.Graph;
        string unknown = definition.Spec.Unknowns[0];
        var leaf = definition.Leaves.TryGet(unknown, out var found) ? found : null;
        var first = leaf is null ? g.Constant(0) : Differentiator.Derive(g, value, leaf);
        var second = leaf is null ? g.Constant(0) : Differentiator.Derive(g, first, leaf);
        string x = NameScope.Identifier(unknown);

        Method(w, definition, $"public static double Evaluate(double {x})", leaf, x, new[] { value }, new[] { "return {0};" });
        var scope = new NameScope(new[] { unknown });
        string derivative = scope.Claim("derivative"), secondDerivative = scope.Claim("secondDerivative");
        Method(w, definition, $"public static double EvaluateWithDerivative(double {x}, out double {derivative})", leaf, x,
            new[] { first, value }, new[] { derivative + " = {0};", "return {0};" });
        Method(w, definition, $"public static double EvaluateWithDerivatives(double {x}, out double {derivative}, out double {secondDerivative})", leaf, x,
            new[] { first, second, value }, new[] { derivative + " = {0};", secondDerivative + " = {0};", "return {0};" });
    }

    private static void Method(SourceWriter w, SystemDefinition definition, string signature, Node? leaf, string x, Node[] roots, string[] statements)
    {
        w.Line();
        SystemEmitter.Inherit(w);
        w.Open(signature);
        var scope = new NameScope(new[] { definition.Spec.Unknowns[0], "derivative", "secondDerivative" });
        var body = new SystemMethodWriter(w, definition, scope, _ => "");
        if (leaf is not null)
            body.Name(leaf, x);
        body.StraightLine(roots, statements);
        w.Close();
    }
}
