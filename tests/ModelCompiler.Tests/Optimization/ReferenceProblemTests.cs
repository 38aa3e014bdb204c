using System.Globalization;
using System.Text.Json;
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// Every declaration of <see cref="ReferenceProblems"/> computes what problems.json says: its f (or residuals) at the
/// start x0, at x* and at random points near x0, against a direct evaluation of the reference's formula text by
/// <see cref="FormulaEvaluator"/>; the indexed forms against the written-out formula of all hundred unknowns.
/// </summary>
public class ReferenceProblemTests
{
    private static readonly Dictionary<string, JsonElement> Problems = LoadProblems();

    private static Dictionary<string, JsonElement> LoadProblems()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "optimize", "problems.json")));
        return document.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.Clone());
    }

    private interface IVisitor
    {
        void Objective<T>(string name) where T : IObjective;

        void Equations<T>(string name) where T : IEquationSystem;
    }

    private static readonly Dictionary<string, Action<IVisitor>> Declarations = new()
    {
        ["textbook-quadratic"] = v => v.Objective<ReferenceProblems.TextbookQuadraticObjective>("textbook-quadratic"),
        ["mgh01-rosenbrock"] = v => v.Objective<ReferenceProblems.Mgh01RosenbrockObjective>("mgh01-rosenbrock"),
        ["mgh02-freudenstein-roth"] = v => v.Objective<ReferenceProblems.Mgh02FreudensteinRothObjective>("mgh02-freudenstein-roth"),
        ["mgh03-powell-badly-scaled"] = v => v.Objective<ReferenceProblems.Mgh03PowellBadlyScaledObjective>("mgh03-powell-badly-scaled"),
        ["mgh05-beale"] = v => v.Objective<ReferenceProblems.Mgh05BealeObjective>("mgh05-beale"),
        ["mgh07-helical-valley"] = v => v.Objective<ReferenceProblems.Mgh07HelicalValleyObjective>("mgh07-helical-valley"),
        ["mgh08-bard"] = v => v.Objective<ReferenceProblems.Mgh08BardObjective>("mgh08-bard"),
        ["mgh09-gaussian"] = v => v.Objective<ReferenceProblems.Mgh09GaussianObjective>("mgh09-gaussian"),
        ["mgh12-box3d"] = v => v.Objective<ReferenceProblems.Mgh12Box3dObjective>("mgh12-box3d"),
        ["mgh13-powell-singular"] = v => v.Objective<ReferenceProblems.Mgh13PowellSingularObjective>("mgh13-powell-singular"),
        ["mgh14-wood"] = v => v.Objective<ReferenceProblems.Mgh14WoodObjective>("mgh14-wood"),
        ["mgh15-kowalik-osborne"] = v => v.Objective<ReferenceProblems.Mgh15KowalikOsborneObjective>("mgh15-kowalik-osborne"),
        ["mgh16-brown-dennis"] = v => v.Objective<ReferenceProblems.Mgh16BrownDennisObjective>("mgh16-brown-dennis"),
        ["mgh17-osborne1"] = v => v.Objective<ReferenceProblems.Mgh17Osborne1Objective>("mgh17-osborne1"),
        ["mgh20-watson-n6"] = v => v.Objective<ReferenceProblems.Mgh20WatsonN6Objective>("mgh20-watson-n6"),
        ["mgh23-penalty1-n10"] = v => v.Objective<ReferenceProblems.Mgh23Penalty1N10Objective>("mgh23-penalty1-n10"),
        ["mgh25-variably-dimensioned-n10"] = v => v.Objective<ReferenceProblems.Mgh25VariablyDimensionedN10Objective>("mgh25-variably-dimensioned-n10"),
        ["mgh27-brown-almost-linear-n10"] = v => v.Objective<ReferenceProblems.Mgh27BrownAlmostLinearN10Objective>("mgh27-brown-almost-linear-n10"),
        ["mgh28-discrete-bv-n10"] = v => v.Objective<ReferenceProblems.Mgh28DiscreteBvN10Objective>("mgh28-discrete-bv-n10"),
        ["mgh30-broyden-tridiagonal-n10"] = v => v.Objective<ReferenceProblems.Mgh30BroydenTridiagonalN10Objective>("mgh30-broyden-tridiagonal-n10"),
        ["mgh31-broyden-banded-n10"] = v => v.Objective<ReferenceProblems.Mgh31BroydenBandedN10Objective>("mgh31-broyden-banded-n10"),
        ["mgh32-linear-full-rank-n10-m20"] = v => v.Objective<ReferenceProblems.Mgh32LinearFullRankN10M20Objective>("mgh32-linear-full-rank-n10-m20"),
        ["mgh33-linear-rank1-n10-m20"] = v => v.Objective<ReferenceProblems.Mgh33LinearRank1N10M20Objective>("mgh33-linear-rank1-n10-m20"),
        ["mgh35-chebyquad-n8"] = v => v.Objective<ReferenceProblems.Mgh35ChebyquadN8Objective>("mgh35-chebyquad-n8"),
        ["hs002"] = v => v.Objective<ReferenceProblems.Hs002Objective>("hs002"),
        ["hs004"] = v => v.Objective<ReferenceProblems.Hs004Objective>("hs004"),
        ["hs005"] = v => v.Objective<ReferenceProblems.Hs005Objective>("hs005"),
        ["hs038"] = v => v.Objective<ReferenceProblems.Hs038Objective>("hs038"),
        ["hs045"] = v => v.Objective<ReferenceProblems.Hs045Objective>("hs045"),
        ["sys-rosenbrock"] = v => v.Equations<ReferenceProblems.SysRosenbrockEquations>("sys-rosenbrock"),
        ["sys-powell-singular"] = v => v.Equations<ReferenceProblems.SysPowellSingularEquations>("sys-powell-singular"),
        ["sys-powell-badly-scaled"] = v => v.Equations<ReferenceProblems.SysPowellBadlyScaledEquations>("sys-powell-badly-scaled"),
        ["sys-helical-valley"] = v => v.Equations<ReferenceProblems.SysHelicalValleyEquations>("sys-helical-valley"),
        ["sys-brown-almost-linear-n10"] = v => v.Equations<ReferenceProblems.SysBrownAlmostLinearN10Equations>("sys-brown-almost-linear-n10"),
        ["sys-discrete-bv-n10"] = v => v.Equations<ReferenceProblems.SysDiscreteBvN10Equations>("sys-discrete-bv-n10"),
        ["scalar-cubic"] = v => v.Equations<ReferenceProblems.ScalarCubicEquations>("scalar-cubic"),
        ["scalar-kepler-e0.5"] = v => v.Equations<ReferenceProblems.ScalarKeplerE05Equations>("scalar-kepler-e0.5"),
        ["scalar-double-root"] = v => v.Equations<ReferenceProblems.ScalarDoubleRootEquations>("scalar-double-root"),
        ["scalar-fixed-point-cos"] = v => v.Equations<ReferenceProblems.ScalarFixedPointCosEquations>("scalar-fixed-point-cos"),
        ["mgh21-ext-rosenbrock-n100"] = v => v.Objective<ReferenceProblems.Mgh21ExtendedRosenbrockObjective>("mgh21-ext-rosenbrock-n100"),
        ["mgh22-ext-powell-n100"] = v => v.Objective<ReferenceProblems.Mgh22ExtendedPowellObjective>("mgh22-ext-powell-n100"),
        ["rosen-chained-n100"] = v => v.Objective<ReferenceProblems.RosenChainedObjective>("rosen-chained-n100"),
        ["rosen-chained-n100-box"] = v => v.Objective<ReferenceProblems.RosenChainedObjective>("rosen-chained-n100-box"),
        ["sys-broyden-tridiagonal-n100"] = v => v.Equations<ReferenceProblems.SysBroydenTridiagonalEquations>("sys-broyden-tridiagonal-n100"),
        ["sys-broyden-banded-n100"] = v => v.Equations<ReferenceProblems.SysBroydenBandedEquations>("sys-broyden-banded-n100"),
    };

    public static TheoryData<string> Names() => new(Declarations.Keys.Order());

    [Fact]
    public void EveryReferenceProblemIsDeclared() =>
        Assert.Equal(Problems.Keys.Order(), Declarations.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void EvaluatesAsTheReferenceFormulaSays(string name) => Declarations[name](new Checker());

    private sealed class Checker : IVisitor
    {
        public void Objective<T>(string name) where T : IObjective
        {
            var problem = Problems[name];
            var f = FormulaEvaluator.Parse(problem.GetProperty("f").GetString()!);
            foreach (var x in Points(problem))
            {
                double expected = f(Names(problem, x));
                double actual = T.Evaluate(x);
                Assert.True(Close(actual, expected), $"{name} at [{string.Join(", ", x.Take(6))}…]: generated {actual:R}, reference formula {expected:R}");
            }
        }

        public void Equations<T>(string name) where T : IEquationSystem
        {
            var problem = Problems[name];
            var texts = problem.TryGetProperty("residuals", out var residuals)
                ? residuals.EnumerateArray().Select(r => r.GetString()!).ToList()
                : [problem.GetProperty("f").GetString()!];
            var formulas = texts.Select(FormulaEvaluator.Parse).ToList();
            foreach (var x in Points(problem))
            {
                var actual = new double[T.EquationCount(x.Length)];
                T.Evaluate(x, actual);
                Assert.Equal(formulas.Count, actual.Length);
                for (int i = 0; i < formulas.Count; i++)
                {
                    double expected = formulas[i](Names(problem, x));
                    Assert.True(Close(actual[i], expected), $"{name} F{i + 1}: generated {actual[i]:R}, reference formula {expected:R}");
                }
            }
        }

        /// <summary>The start, the solution when given, and three points scattered around the start.</summary>
        private static IEnumerable<double[]> Points(JsonElement problem)
        {
            var x0 = problem.GetProperty("x0").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            yield return x0;
            if (problem.TryGetProperty("xstar", out var xstar) && xstar.ValueKind == JsonValueKind.Array && xstar.GetArrayLength() == x0.Length)
                yield return xstar.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var random = new Random(x0.Length);
            for (int k = 0; k < 3; k++)
                yield return x0.Select(v => v + 0.3 * (2 * random.NextDouble() - 1) * Math.Max(1, Math.Abs(v))).ToArray();
        }

        /// <summary>The reference names its unknowns x1 … xn, or x for a scalar problem.</summary>
        private static Dictionary<string, double> Names(JsonElement problem, double[] x) =>
            problem.GetProperty("kind").GetString() == "scalar"
                ? new() { ["x"] = x[0] }
                : x.Select((v, k) => (v, k)).ToDictionary(p => "x" + (p.k + 1).ToString(CultureInfo.InvariantCulture), p => p.v);

        /// <summary>The generator folds constants and writes x² as x·x, so the last bits may differ from a literal
        /// evaluation of the text: 1e-12 relative, or absolute near zero.</summary>
        private static bool Close(double actual, double expected) =>
            Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected));
    }
}
