// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization.Reference;

/// <summary>One minimization problem of the shared reference set, with exact derivatives from its formula.</summary>
public sealed record ReferenceProblem(string Name, string Kind, double[] Start, double FStar, double[]? Lower, double[]? Upper,
                                      Formula Formula)
{
    public Bounds? Bounds => Lower is null ? null : Bounds.Box(Lower, Upper!);

    /// <summary>The reference's success test: |f − f*| ≤ 1e-8·max(1, |f*|).</summary>
    public bool Reached(double f) => Math.Abs(f - FStar) <= 1e-8 * Math.Max(1, Math.Abs(FStar));

    /// <summary>The objective as delegates: value, gradient, Hessian in its detected pattern, Hessian–vector products.</summary>
    public DelegateObjective Objective(bool withHessian = true)
    {
        var formula = Formula;
        int n = Start.Length;
        var objective = new DelegateObjective(x => formula.Evaluate<Real>(ToReal(x)).V, (x, g) => ValueAndGradient(formula, x, g));
        _ = n;
        if (!withHessian)
            return objective;
        var pattern = formula.HessianPattern;
        return new DelegateObjective(objective.Value!, objective.ValueAndGradient!)
        {
            HessianPattern = pattern,
            Hessian = (x, h) => Hessian(formula, pattern, x, h),
            HessianTimes = (x, v, hv) => HessianTimes(formula, x, v, hv),
        };
    }

    public override string ToString() => Name;

    private static Real[] ToReal(ReadOnlySpan<double> x)
    {
        var r = new Real[x.Length];
        for (int i = 0; i < x.Length; i++)
            r[i] = new Real(x[i]);
        return r;
    }

    private static double ValueAndGradient(Formula formula, ReadOnlySpan<double> x, Span<double> g)
    {
        int n = x.Length;
        var r = new Real[n];
        var gradient = new Real[n];
        for (int i = 0; i < n; i++)
            r[i] = new Real(x[i]);
        double f = formula.Gradient<Real>(r, gradient).V;
        for (int i = 0; i < n; i++)
            g[i] = gradient[i].V;
        return f;
    }

    /// <summary>∇²f·v by forward over reverse: the reverse sweep over dual numbers seeded with v.</summary>
    private static void HessianTimes(Formula formula, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        int n = x.Length;
        var d = new Dual[n];
        var gradient = new Dual[n];
        for (int i = 0; i < n; i++)
            d[i] = new Dual(x[i], v[i]);
        formula.Gradient<Dual>(d, gradient);
        for (int i = 0; i < n; i++)
            hv[i] = gradient[i].D;
    }

    /// <summary>
    /// The Hessian's nonzeros from one product per group of structurally orthogonal columns (columns sharing no row of
    /// the pattern, greedily coloured as Curtis, Powell &amp; Reid do for Jacobians): a band needs three products.
    /// </summary>
    private static void Hessian(Formula formula, SparsityPattern pattern, ReadOnlySpan<double> x, Span<double> h)
    {
        int n = x.Length;
        var groups = Colouring(pattern);
        var v = new double[n];
        var product = new double[n];
        var group = new int[n];
        for (int c = 0; c < groups.Count; c++)
        {
            Array.Clear(v);
            foreach (int j in groups[c])
            {
                v[j] = 1;
                group[j] = c;
            }
            HessianTimes(formula, x, v, product);
            for (int i = 0; i < n; i++)
                for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                    if (group[pattern.ColumnIndices[k]] == c)
                        h[k] = product[i];
        }
    }

    private static List<List<int>> Colouring(SparsityPattern pattern)
    {
        int n = pattern.RowCount;
        var groups = new List<List<int>>();
        var rowsUsed = new List<HashSet<int>>();
        for (int j = 0; j < n; j++)
        {
            // Column j's rows are row j's columns (the pattern is symmetric).
            var rows = new HashSet<int>();
            for (int k = pattern.RowStarts[j]; k < pattern.RowStarts[j + 1]; k++)
                rows.Add(pattern.ColumnIndices[k]);
            int c = 0;
            while (c < groups.Count && rowsUsed[c].Overlaps(rows))
                c++;
            if (c == groups.Count)
            {
                groups.Add([]);
                rowsUsed.Add([]);
            }
            groups[c].Add(j);
            rowsUsed[c].UnionWith(rows);
        }
        return groups;
    }
}

/// <summary>The reference set's minimization problems (Data/optimize/problems.json, copied unchanged from the shared
/// reference set made with SciPy 1.10.1, SymPy 1.11.1 and mpmath on Debian 12).</summary>
public static class ReferenceProblems
{
    private static readonly Lazy<IReadOnlyList<ReferenceProblem>> s_all = new(Load);

    public static IReadOnlyList<ReferenceProblem> All => s_all.Value;

    public static IEnumerable<ReferenceProblem> Unconstrained => All.Where(p => p.Kind == "min");

    public static IEnumerable<ReferenceProblem> Bounded => All.Where(p => p.Kind == "bound");

    public static ReferenceProblem Get(string name) => All.Single(p => p.Name == name);

    private static IReadOnlyList<ReferenceProblem> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "optimize", "problems.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var problems = new List<ReferenceProblem>();
        foreach (var p in document.RootElement.EnumerateArray())
        {
            string kind = p.GetProperty("kind").GetString()!;
            if (kind is not ("min" or "bound"))
                continue;
            int n = p.GetProperty("n").GetInt32();
            var start = p.GetProperty("x0").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double fstar = double.Parse(p.GetProperty("fstar").GetString()!, CultureInfo.InvariantCulture);
            double[]? lower = null, upper = null;
            if (p.TryGetProperty("bounds", out var bounds) && bounds.ValueKind == JsonValueKind.Array)
            {
                lower = bounds.EnumerateArray().Select(b => b[0].ValueKind == JsonValueKind.Null ? double.NegativeInfinity : b[0].GetDouble()).ToArray();
                upper = bounds.EnumerateArray().Select(b => b[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : b[1].GetDouble()).ToArray();
            }
            var formula = Formula.Parse(p.GetProperty("f").GetString()!, n);
            problems.Add(new ReferenceProblem(p.GetProperty("name").GetString()!, kind, start, fstar, lower, upper, formula));
        }
        return problems;
    }
}
