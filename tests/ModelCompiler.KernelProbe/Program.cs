using System.Globalization;
using System.Runtime.Intrinsics;
using ModelCompiler;
using ModelCompiler.Generators.Tests;
using ModelCompiler.Ode;
using ModelCompiler.Optimization;

// Output: a header naming the accelerated vector widths, then one line per model and length holding the
// bits of every value and Jacobian entry. Inputs are drawn from a fixed seed, so every process sees the same.
// `fits [calls]` prints the bits of repeated NIST fits instead (see FitProbe), `mixtures` the lines of MixtureProbe,
// `batch` those of BatchProbe.
Console.Out.NewLine = "\n";
if (args.Length > 0 && args[0] == "fits")
{
    FitProbe.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
    return;
}
Console.WriteLine($"accelerated Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated}");
if (args.Length > 0 && args[0] == "mixtures")
{
    MixtureProbe.Print();
    return;
}
if (args.Length > 0 && args[0] == "batch")
{
    BatchProbe.Print();
    return;
}
if (args.Length > 0 && args[0] == "systems")
{
    // The ODE systems, objectives and equations instead: one line per system and size, each output as label:bits.
    var systems = new SystemPrinter();
    foreach (var (_, visit) in SystemCatalog.Systems.OrderBy(m => m.Key, StringComparer.Ordinal))
        visit(systems);
    return;
}
var printer = new Printer();
foreach (var (_, visit) in ModelCatalog.Models.OrderBy(m => m.Key, StringComparer.Ordinal))
    visit(printer);

internal sealed class Printer : ModelCatalog.IModelVisitor
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 9, 1001];

    public void Visit<TModel>(string name, ModelDomain domain) where TModel : IModel
    {
        foreach (int n in Lengths)
        {
            var random = new Random(n * 7919 + name.Length);
            double[] parameters = domain.SampleParameters(random);
            var x = new double[n * TModel.VariableCount];
            for (int i = 0; i < n; i++)
            {
                var point = domain.SamplePoint(random);
                if (domain.Pinned is { } pinned && i < pinned.Length)
                    point = pinned[i];
                for (int k = 0; k < point.Length; k++)
                    x[k * n + i] = point[k];
            }
            var values = new double[n];
            var jacobian = new double[n * TModel.ParameterCount];
            TModel.EvaluateWithJacobian(x, parameters, values, jacobian);
            var valuesOnly = new double[n];
            TModel.Evaluate(x, parameters, valuesOnly);
            Console.WriteLine($"{name} {n} {TModel.ParameterCount} {Bits(values)} {Bits(jacobian)} {Bits(valuesOnly)}");
        }
    }

    private static string Bits(double[] values) =>
        values.Length == 0 ? "-" : string.Join(",", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture)));
}

internal sealed class SystemPrinter : SystemCatalog.IVisitor
{
    /// <summary>Sizes around the vector widths (4 and 8 doubles) and one long enough for many blocks.</summary>
    private static IEnumerable<int> Sizes(int? fixedCount, int minimum) =>
        fixedCount is { } n ? [n] : new[] { minimum, minimum + 1, 9, 16, 17, 33, 1001 }.Where(s => s >= minimum).Distinct();

    public void VisitOde<TSystem>(string name, SystemDomain domain) where TSystem : IOdeSystem
    {
        foreach (int n in Sizes(TSystem.StateCount, TSystem.MinimumStateCount))
        {
            var random = new Random(n * 7919 + name.Length);
            double t = domain.SampleTime(random);
            var y = domain.SampleState(random, n);
            var v = domain.SampleState(random, n);
            var p = domain.SampleParameters(random);
            var f = new double[n];
            TSystem.Evaluate(t, y, p, f);
            var jacobian = new double[TSystem.JacobianPattern(n).NonzeroCount];
            TSystem.Jacobian(t, y, p, jacobian);
            var dfdt = new double[n];
            TSystem.TimeDerivative(t, y, p, dfdt);
            var dfdp = new double[n * TSystem.ParameterCount];
            TSystem.ParameterJacobian(t, y, p, dfdp);
            var jv = new double[n];
            TSystem.JacobianTimes(t, y, p, v, jv);
            Console.WriteLine($"{name} {n} f:{Bits(f)} jacobian:{Bits(jacobian)} dfdt:{Bits(dfdt)} dfdp:{Bits(dfdp)} jv:{Bits(jv)}");
        }
    }

    public void VisitObjective<TObjective>(string name, SystemDomain domain) where TObjective : IObjective
    {
        foreach (int n in Sizes(TObjective.ParameterCount, TObjective.MinimumParameterCount))
        {
            var random = new Random(n * 7919 + name.Length);
            var x = domain.SampleState(random, n);
            var v = domain.SampleState(random, n);
            var gradient = new double[n];
            double value = TObjective.EvaluateWithGradient(x, gradient);
            var hessian = new double[TObjective.HessianPattern(n).NonzeroCount];
            TObjective.Hessian(x, hessian);
            var hv = new double[n];
            TObjective.HessianTimes(x, v, hv);
            Console.WriteLine($"{name} {n} value:{Bits([value])} evaluate:{Bits([TObjective.Evaluate(x)])} gradient:{Bits(gradient)} hessian:{Bits(hessian)} hv:{Bits(hv)}");
        }
    }

    public void VisitEquations<TEquations>(string name, SystemDomain domain) where TEquations : IEquationSystem
    {
        foreach (int n in Sizes(TEquations.ParameterCount, TEquations.MinimumParameterCount))
        {
            var random = new Random(n * 7919 + name.Length);
            var x = domain.SampleState(random, n);
            var residuals = new double[TEquations.EquationCount(n)];
            TEquations.Evaluate(x, residuals);
            var jacobian = new double[TEquations.JacobianPattern(n).NonzeroCount];
            TEquations.Jacobian(x, jacobian);
            Console.WriteLine($"{name} {n} residuals:{Bits(residuals)} jacobian:{Bits(jacobian)}");
        }
    }

    private static string Bits(double[] values) =>
        values.Length == 0 ? "-" : string.Join(",", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture)));
}
