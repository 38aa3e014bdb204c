using System.Globalization;
using System.Runtime.Intrinsics;
using ModelCompiler;
using ModelCompiler.Generators.Tests;

// Output: a header naming the accelerated vector widths, then one line per model and length holding the
// bits of every value and Jacobian entry. Inputs are drawn from a fixed seed, so every process sees the same.
Console.Out.NewLine = "\n";
Console.WriteLine($"accelerated Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated}");
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
