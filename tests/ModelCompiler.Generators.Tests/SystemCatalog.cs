using ModelCompiler.Generators.Tests.Models;
using ModelCompiler.Ode;
using ModelCompiler.Optimization;

namespace ModelCompiler.Generators.Tests;

/// <summary>Where a test system is evaluated: a box for the states or unknowns, typical parameter values, a time range,
/// and for an indexed system the sizes to try.</summary>
internal sealed record SystemDomain((double Low, double High) Box, double[] Parameters, (double Low, double High) Time = default,
                                   int[]? Sizes = null)
{
    public double[] SampleState(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => Box.Low + (Box.High - Box.Low) * random.NextDouble()).ToArray();

    /// <summary>Each parameter varied by up to ±25% of its typical value.</summary>
    public double[] SampleParameters(Random random) =>
        Parameters.Select(c => c * (1 + 0.25 * (2 * random.NextDouble() - 1))).ToArray();

    public double SampleTime(Random random) => Time.Low + (Time.High - Time.Low) * random.NextDouble();
}

/// <summary>
/// Every compiled test system with its domain, reached through generic calls so the generated structs are used as the
/// solvers use them: ODE systems, objectives and systems of equations, named and indexed.
/// </summary>
internal static class SystemCatalog
{
    public interface IVisitor
    {
        void VisitOde<TSystem>(string name, SystemDomain domain) where TSystem : IOdeSystem;

        void VisitObjective<TObjective>(string name, SystemDomain domain) where TObjective : IObjective;

        void VisitEquations<TEquations>(string name, SystemDomain domain) where TEquations : IEquationSystem;
    }

    private static readonly int[] IndexedSizes = [2, 3, 4, 9, 17];

    public static readonly IReadOnlyDictionary<string, Action<IVisitor>> Systems = new Dictionary<string, Action<IVisitor>>
    {
        ["Odes.Lorenz"] = v => v.VisitOde<Odes.LorenzSystem>("Odes.Lorenz", new((-20, 20), [10, 28, 8.0 / 3], (0, 10))),
        ["Odes.LorenzCSharp"] = v => v.VisitOde<Odes.LorenzCSharpSystem>("Odes.LorenzCSharp", new((-20, 20), [10, 28, 8.0 / 3], (0, 10))),
        ["Odes.Robertson"] = v => v.VisitOde<Odes.RobertsonSystem>("Odes.Robertson", new((0.1, 1), [0.04, 3e7, 1e4], (0, 1e5))),
        ["Odes.Airy"] = v => v.VisitOde<Odes.AirySystem>("Odes.Airy", new((-2, 2), [], (-3, 3))),
        ["Odes.VanDerPol"] = v => v.VisitOde<Odes.VanDerPolSystem>("Odes.VanDerPol", new((-2, 2), [5], (0, 10))),
        ["Odes.LotkaVolterra"] = v => v.VisitOde<Odes.LotkaVolterraSystem>("Odes.LotkaVolterra", new((0.5, 3), [1.1, 0.4, 0.4, 0.1], (0, 10))),
        ["Odes.Heat"] = v => v.VisitOde<Odes.HeatSystem>("Odes.Heat", new((-1, 1), [0.7, 0.1], (0, 1), IndexedSizes)),
        ["Objectives.Textbook"] = v => v.VisitObjective<Objectives.TextbookObjective>("Objectives.Textbook", new((-5, 5), [])),
        ["Objectives.Rosenbrock"] = v => v.VisitObjective<Objectives.RosenbrockObjective>("Objectives.Rosenbrock", new((-2, 2), [])),
        ["Objectives.RosenbrockCSharp"] = v => v.VisitObjective<Objectives.RosenbrockCSharpObjective>("Objectives.RosenbrockCSharp", new((-2, 2), [])),
        ["Objectives.RosenbrockN"] = v => v.VisitObjective<Objectives.RosenbrockNObjective>("Objectives.RosenbrockN", new((-2, 2), [], Sizes: IndexedSizes)),
        ["EquationSystems.Rosenbrock"] = v => v.VisitEquations<EquationSystems.RosenbrockEquations>("EquationSystems.Rosenbrock", new((-2, 2), [])),
        ["EquationSystems.BroydenTridiagonal"] = v => v.VisitEquations<EquationSystems.BroydenTridiagonalEquations>("EquationSystems.BroydenTridiagonal",
            new((-2, 2), [], Sizes: IndexedSizes)),
        ["IndexedSystems.Advection"] = v => v.VisitOde<IndexedSystems.AdvectionSystem>("IndexedSystems.Advection", new((-1, 1), [1.3, 0.1], (0, 1), IndexedSizes)),
        ["IndexedSystems.InsulatedHeat"] = v => v.VisitOde<IndexedSystems.InsulatedHeatSystem>("IndexedSystems.InsulatedHeat", new((-1, 1), [0.7, 0.1], (0, 1), IndexedSizes)),
        ["IndexedSystems.SourcedHeat"] = v => v.VisitOde<IndexedSystems.SourcedHeatSystem>("IndexedSystems.SourcedHeat", new((-1, 1), [0.1, 0.5], (0, 2), IndexedSizes)),
        ["IndexedSystems.ExtendedRosenbrock"] = v => v.VisitObjective<IndexedSystems.ExtendedRosenbrockObjective>("IndexedSystems.ExtendedRosenbrock",
            new((-2, 2), [], Sizes: [2, 4, 6, 10, 16])),
        ["IndexedSystems.Smoothness"] = v => v.VisitObjective<IndexedSystems.SmoothnessObjective>("IndexedSystems.Smoothness", new((-2, 2), [], Sizes: IndexedSizes)),
        ["IndexedSystems.DiscreteBoundaryValue"] = v => v.VisitEquations<IndexedSystems.DiscreteBoundaryValueEquations>("IndexedSystems.DiscreteBoundaryValue",
            new((-1, 1), [], Sizes: IndexedSizes)),
        ["IndexedSystems.BroydenBanded"] = v => v.VisitEquations<IndexedSystems.BroydenBandedEquations>("IndexedSystems.BroydenBanded",
            new((-2, 2), [], Sizes: [7, 8, 9, 17])),
        ["EquationSystems.Kepler"] = v => v.VisitEquations<EquationSystems.KeplerEquations>("EquationSystems.Kepler", new((-3, 3), [])),
    };

    /// <summary>The sizes a system is tried at: its fixed count, or the domain's sizes from its minimum on.</summary>
    public static IEnumerable<int> Sizes(int? fixedCount, int minimum, SystemDomain domain) =>
        fixedCount is { } n ? [n] : (domain.Sizes ?? [minimum]).Where(s => s >= minimum);
}
