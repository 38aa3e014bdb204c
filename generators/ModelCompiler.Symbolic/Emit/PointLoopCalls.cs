// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// The VectorMath calls a generated point loop makes, and what follows for how it may be compiled. Exp and log on
/// their short paths are straight-line code; any other VectorMath call has an out-of-line part, and without a profile
/// the JIT cannot tell it is rare and keeps the accumulators in memory around it. One such call alone costs nothing
/// measurable; with two per point the loop was 50–70% slower than after tiering (measured on the lane kernels).
/// </summary>
internal static class PointLoopCalls
{
    /// <summary>
    /// The calls per point of the loop over the roots of <paramref name="schedule"/> that <paramref name="perPoint"/>
    /// selects (by index): those with a short path, and the others. Hoisted nodes are computed before the loop.
    /// </summary>
    public static (int ShortPaths, int Others) Count(Schedule schedule, System.Func<int, bool> perPoint)
    {
        var hoisted = new HashSet<Node>(schedule.Hoisted);
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(schedule.Roots.Where((_, r) => perPoint(r)));
        int shortPaths = 0, others = 0;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (hoisted.Contains(node) || !seen.Add(node))
                continue;
            if (ExpressionWriter.HasShortPath(node.Op))
                shortPaths++;
            else if (ExpressionWriter.CallsVectorMath(node.Op))
                others++;
            foreach (var arg in node.Args)
                stack.Push(arg);
        }
        return (shortPaths, others);
    }

    /// <summary>
    /// Whether a loop with these calls may skip the JIT's tiers (<c>AggressiveOptimization</c>): a kernel is otherwise
    /// run unoptimized for its first thousands of calls, which is all of a batch of ten thousand curves and the first
    /// several fits of a million points.
    /// </summary>
    public static bool CompileWellWithoutProfile((int ShortPaths, int Others) calls) =>
        calls.Others == 0 || calls.Others == 1 && calls.ShortPaths == 0;

    public const string AggressiveOptimization =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";
}
