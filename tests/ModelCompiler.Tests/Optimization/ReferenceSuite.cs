// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// One problem of a minimization suite: a name, its dimension, f*, bounds, and how to minimize it with given options.
/// Any generated objective joins with <see cref="For{TObjective}"/>.
/// </summary>
public sealed record SuiteCase(string Name, int Dimension, double FStar, Bounds? Bounds, Func<MinimizerOptions, MinimizationResult> Solve)
{
    /// <summary>The reference set's success test: |f − f*| ≤ 1e-8·max(1, |f*|).</summary>
    public bool Reached(MinimizationResult result) => Math.Abs(result.Value - FStar) <= 1e-8 * Math.Max(1, Math.Abs(FStar));

    public static SuiteCase For<TObjective>(string name, double[] start, double fstar, Bounds? bounds = null) where TObjective : IObjective
        => new(name, start.Length, fstar, bounds, options => Minimizer.Minimize<TObjective>(start, options, bounds));

    public override string ToString() => Name;
}

/// <summary>Runs a method over a suite: which problems reached f*, and the evaluations spent.</summary>
public sealed record SuiteRun(IReadOnlyList<string> Reached, IReadOnlyList<string> Missed, int Values, int Gradients, int Hessians, int Products)
{
    public static SuiteRun Of(IEnumerable<SuiteCase> cases, MinimizerOptions options)
    {
        var reached = new List<string>();
        var missed = new List<string>();
        int values = 0, gradients = 0, hessians = 0, products = 0;
        foreach (var problem in cases)
        {
            if (problem.Bounds is not null && !options.AllowsBounds)
                continue;
            var result = problem.Solve(options);
            (problem.Reached(result) ? reached : missed).Add(problem.Name);
            values += result.FunctionEvaluations;
            gradients += result.GradientEvaluations;
            hessians += result.HessianEvaluations;
            products += result.HessianVectorProducts;
        }
        return new SuiteRun(reached, missed, values, gradients, hessians, products);
    }
}
