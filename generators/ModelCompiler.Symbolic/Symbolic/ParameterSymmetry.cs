// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Whether some exchange of parameters could leave a formula unchanged, as it does for alike terms (two Gaussian
/// peaks, Lanczos' three exponentials), whose order a fit ends in is an accident of its path. Each parameter gets a
/// signature: the formula with that parameter marked and every other one anonymous, sums and products flattened and
/// their operands sorted. A permutation π that leaves the formula unchanged gives parameters j and π(j) the same
/// signature, so when all signatures differ no permutation does, and the run time skips its search for exchangeable
/// terms. Exchanges that only an algebraic identity reveals (the same term written two ways) are not seen.
/// </summary>
internal static class ParameterSymmetry
{
    /// <summary>Past this many characters of signatures the answer is "possible", which costs the run time a search.</summary>
    private const int MaxLength = 1 << 16;

    public static bool IsPossible(Node value, int parameterCount)
    {
        if (parameterCount < 2)
            return false;
        var signatures = new HashSet<string>();
        int length = 0;
        for (int j = 0; j < parameterCount; j++)
        {
            string? signature = Signature(value, j, new Dictionary<Node, string>(), ref length);
            if (signature is null || !signatures.Add(signature))
                return true;
        }
        return false;
    }

    private static string? Signature(Node node, int marked, Dictionary<Node, string> known, ref int length)
    {
        if (known.TryGetValue(node, out var done))
            return done;
        string result;
        switch (node.Op)
        {
            case Op.Constant:
                result = node.Value.ToString("R", CultureInfo.InvariantCulture);
                break;
            case Op.Variable:
                result = "x" + node.Index.ToString(CultureInfo.InvariantCulture);
                break;
            case Op.Parameter:
                result = node.Index == marked ? "X" : "P";
                break;
            default:
                var operands = new List<string>();
                foreach (var operand in node.Op is Op.Add or Op.Multiply ? Flatten(node, node.Op) : node.Args)
                {
                    string? s = Signature(operand, marked, known, ref length);
                    if (s is null)
                        return null;
                    operands.Add(s);
                }
                if (node.Op is Op.Add or Op.Multiply)
                    operands.Sort(string.CompareOrdinal);
                result = node.Op + "(" + string.Join(",", operands) + ")";
                break;
        }
        length += result.Length;
        if (length > MaxLength)
            return null;
        known[node] = result;
        return result;
    }

    /// <summary>The operands of a chain of <paramref name="op"/> (an associative, commutative operation).</summary>
    private static IEnumerable<Node> Flatten(Node node, Op op) =>
        node.Op == op ? node.Args.SelectMany(a => Flatten(a, op)) : new[] { node };
}
