using System.Globalization;
using System.Runtime.Intrinsics;
using ModelCompiler;
using ModelCompiler.Generators.Tests;

// Output: a header naming the accelerated vector widths, then one line per model and length holding the
// bits of every value and Jacobian entry. Inputs are drawn from a fixed seed, so every process sees the same.
// `fits [calls]` prints the bits of repeated NIST fits instead (see FitProbe).
Console.Out.NewLine = "\n";
if (args.Length > 0 && args[0] == "fits")
{
    FitProbe.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
    return;
}
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
