// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization.Reference;

/// <summary>One minimization problem of the shared reference set: its start, f* and bounds.</summary>
public sealed record ReferenceProblem(string Name, string Kind, double[] Start, double FStar, double[]? Lower, double[]? Upper)
{
    public Bounds? Bounds => Lower is null ? null : Bounds.Box(Lower, Upper!);

    public override string ToString() => Name;
}

/// <summary>
/// The reference set's minimization problems (Data/optimize/problems.json, copied unchanged from the shared reference
/// set made with SciPy 1.10.1, SymPy 1.11.1 and mpmath on Debian 12), each with its generated objective from
/// <see cref="Optimization.ReferenceProblems"/> as a <see cref="SuiteCase"/>.
/// </summary>
public static class ReferenceSet
{
    private static readonly Lazy<IReadOnlyList<ReferenceProblem>> s_all = new(Load);

    // The generated objective of every minimization problem, by name.
    private static readonly Dictionary<string, Func<ReferenceProblem, SuiteCase>> s_generated = new()
    {
        ["textbook-quadratic"] = Case<Optimization.ReferenceProblems.TextbookQuadraticObjective>,
        ["mgh01-rosenbrock"] = Case<Optimization.ReferenceProblems.Mgh01RosenbrockObjective>,
        ["mgh02-freudenstein-roth"] = Case<Optimization.ReferenceProblems.Mgh02FreudensteinRothObjective>,
        ["mgh03-powell-badly-scaled"] = Case<Optimization.ReferenceProblems.Mgh03PowellBadlyScaledObjective>,
        ["mgh05-beale"] = Case<Optimization.ReferenceProblems.Mgh05BealeObjective>,
        ["mgh07-helical-valley"] = Case<Optimization.ReferenceProblems.Mgh07HelicalValleyObjective>,
        ["mgh08-bard"] = Case<Optimization.ReferenceProblems.Mgh08BardObjective>,
        ["mgh09-gaussian"] = Case<Optimization.ReferenceProblems.Mgh09GaussianObjective>,
        ["mgh12-box3d"] = Case<Optimization.ReferenceProblems.Mgh12Box3dObjective>,
        ["mgh13-powell-singular"] = Case<Optimization.ReferenceProblems.Mgh13PowellSingularObjective>,
        ["mgh14-wood"] = Case<Optimization.ReferenceProblems.Mgh14WoodObjective>,
        ["mgh15-kowalik-osborne"] = Case<Optimization.ReferenceProblems.Mgh15KowalikOsborneObjective>,
        ["mgh16-brown-dennis"] = Case<Optimization.ReferenceProblems.Mgh16BrownDennisObjective>,
        ["mgh17-osborne1"] = Case<Optimization.ReferenceProblems.Mgh17Osborne1Objective>,
        ["mgh20-watson-n6"] = Case<Optimization.ReferenceProblems.Mgh20WatsonN6Objective>,
        ["mgh21-ext-rosenbrock-n100"] = Case<Optimization.ReferenceProblems.Mgh21ExtendedRosenbrockObjective>,
        ["mgh22-ext-powell-n100"] = Case<Optimization.ReferenceProblems.Mgh22ExtendedPowellObjective>,
        ["mgh23-penalty1-n10"] = Case<Optimization.ReferenceProblems.Mgh23Penalty1N10Objective>,
        ["mgh25-variably-dimensioned-n10"] = Case<Optimization.ReferenceProblems.Mgh25VariablyDimensionedN10Objective>,
        ["mgh27-brown-almost-linear-n10"] = Case<Optimization.ReferenceProblems.Mgh27BrownAlmostLinearN10Objective>,
        ["mgh28-discrete-bv-n10"] = Case<Optimization.ReferenceProblems.Mgh28DiscreteBvN10Objective>,
        ["mgh30-broyden-tridiagonal-n10"] = Case<Optimization.ReferenceProblems.Mgh30BroydenTridiagonalN10Objective>,
        ["mgh31-broyden-banded-n10"] = Case<Optimization.ReferenceProblems.Mgh31BroydenBandedN10Objective>,
        ["mgh32-linear-full-rank-n10-m20"] = Case<Optimization.ReferenceProblems.Mgh32LinearFullRankN10M20Objective>,
        ["mgh33-linear-rank1-n10-m20"] = Case<Optimization.ReferenceProblems.Mgh33LinearRank1N10M20Objective>,
        ["mgh35-chebyquad-n8"] = Case<Optimization.ReferenceProblems.Mgh35ChebyquadN8Objective>,
        ["rosen-chained-n100"] = Case<Optimization.ReferenceProblems.RosenChainedObjective>,
        ["hs002"] = Case<Optimization.ReferenceProblems.Hs002Objective>,
        ["hs004"] = Case<Optimization.ReferenceProblems.Hs004Objective>,
        ["hs005"] = Case<Optimization.ReferenceProblems.Hs005Objective>,
        ["hs038"] = Case<Optimization.ReferenceProblems.Hs038Objective>,
        ["hs045"] = Case<Optimization.ReferenceProblems.Hs045Objective>,
        ["rosen-chained-n100-box"] = Case<Optimization.ReferenceProblems.RosenChainedObjective>,
    };

    public static IReadOnlyList<ReferenceProblem> All => s_all.Value;

    /// <summary>The unconstrained problems as suite cases over their generated objectives.</summary>
    public static IEnumerable<SuiteCase> Unconstrained => All.Where(p => p.Kind == "min").Select(Generated);

    /// <summary>The bound-constrained problems as suite cases over their generated objectives.</summary>
    public static IEnumerable<SuiteCase> Bounded => All.Where(p => p.Kind == "bound").Select(Generated);

    public static ReferenceProblem Get(string name) => All.Single(p => p.Name == name);

    public static SuiteCase Generated(ReferenceProblem problem) => s_generated[problem.Name](problem);

    private static SuiteCase Case<TObjective>(ReferenceProblem p) where TObjective : IObjective
        => SuiteCase.For<TObjective>(p.Name, p.Start, p.FStar, p.Bounds);

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
            var start = p.GetProperty("x0").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double fstar = double.Parse(p.GetProperty("fstar").GetString()!, CultureInfo.InvariantCulture);
            double[]? lower = null, upper = null;
            if (p.TryGetProperty("bounds", out var bounds) && bounds.ValueKind == JsonValueKind.Array)
            {
                lower = bounds.EnumerateArray().Select(b => b[0].ValueKind == JsonValueKind.Null ? double.NegativeInfinity : b[0].GetDouble()).ToArray();
                upper = bounds.EnumerateArray().Select(b => b[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : b[1].GetDouble()).ToArray();
            }
            problems.Add(new ReferenceProblem(p.GetProperty("name").GetString()!, kind, start, fstar, lower, upper));
        }
        return problems;
    }
}
