using System.Globalization;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The vector paths of every kernel against the scalar path, at lengths 0, 1, 7, 8, 9 and 1001. Which
/// path runs is fixed when the JIT compiles, so each is taken in its own process of the KernelProbe
/// program: with hardware intrinsics off (scalar only), with vectors capped at 256 bits, and as the
/// machine allows (Vector512 where AVX-512 is present).
/// </summary>
public class SimdAgreementTests
{
    /// <summary>
    /// Vector Exp/Log/Sin/Cos differ from Math's by an ulp or two, and sums can cancel, so each output is
    /// compared against the largest magnitude in its column: |vector − scalar| ≤ 16 ε · max|column|. The quotient
    /// rule's difference of two terms, as in ∂/∂n of the Hill equation x^n/(k^n + x^n), magnifies the ulp of a
    /// logarithm about tenfold. Purely arithmetic models agree bit for bit.
    /// </summary>
    private const double UlpsOfColumnScale = 16;

    [Fact]
    public void ScalarPathRunsWithoutHardwareIntrinsics()
    {
        var scalar = Probe("DOTNET_EnableHWIntrinsic", "0");
        Assert.Equal("accelerated Vector512=False Vector256=False", scalar.Header);
        Assert.Equal(ModelCatalog.Models.Count * 6, scalar.Lines.Count); // six lengths per model
    }

    [Theory]
    [InlineData("DOTNET_PreferredVectorBitWidth", "256", "Vector256")]
    [InlineData(null, null, "widest")]
    public void VectorPathAgreesWithScalarPath(string? variable, string? value, string path)
    {
        var scalar = Probe("DOTNET_EnableHWIntrinsic", "0");
        var vector = Probe(variable, value);
        if (path == "Vector256")
            Assert.Equal("accelerated Vector512=False Vector256=True", vector.Header);
        Assert.Equal(scalar.Lines.Keys.Order(), vector.Lines.Keys.Order());

        foreach (var (key, expected) in scalar.Lines)
        {
            var actual = vector.Lines[key];
            Assert.Equal(actual.Values, actual.ValuesOnly); // Evaluate and EvaluateWithJacobian agree exactly
            CompareColumns(key, "value", expected.Values, actual.Values, 1);
            CompareColumns(key, "Jacobian", expected.Jacobian, actual.Jacobian, expected.ParameterCount);
        }
    }

    /// <summary>
    /// The vectorized loops of the indexed systems against their scalar path: elementwise within 8 ε of the largest
    /// magnitude of the output (sums over a different order of additions), and an objective's value, a long sum, within
    /// 1e-12 relative. Evaluate and the value of EvaluateWithGradient agree exactly on every path.
    /// </summary>
    [Theory]
    [InlineData("DOTNET_PreferredVectorBitWidth", "256", "Vector256")]
    [InlineData(null, null, "widest")]
    public void SystemVectorPathsAgreeWithScalarPath(string? variable, string? value, string path)
    {
        var scalar = SystemProbe("DOTNET_EnableHWIntrinsic", "0");
        var vector = SystemProbe(variable, value);
        Assert.Equal(scalar.Keys.Order(), vector.Keys.Order());
        Assert.Contains(scalar.Keys, k => k.EndsWith(" n=1001", StringComparison.Ordinal));
        foreach (var (key, outputs) in scalar)
        {
            var actual = vector[key];
            if (actual.TryGetValue("value", out var objective))
            {
                Assert.Equal(objective, actual["evaluate"]);
                Assert.True(Math.Abs(objective[0] - outputs["value"][0]) <= 1e-12 * Math.Abs(outputs["value"][0]),
                    $"{key} ({path}): value {objective[0]:R} against the scalar path's {outputs["value"][0]:R}");
            }
            foreach (var (label, expected) in outputs.Where(o => o.Key is not ("value" or "evaluate")))
                CompareColumns(key + " " + label, path, expected, actual[label], 1);
        }
    }

    private static Dictionary<string, Dictionary<string, double[]>> SystemProbe(string? variable, string? value)
    {
        var lines = KernelProbe.Run("systems", variable, value).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Skip(1).Select(line => line.Split(' ')).ToDictionary(
            f => f[0] + " n=" + f[1],
            f => f.Skip(2).Select(o => o.Split(':')).ToDictionary(o => o[0], o => KernelProbe.Doubles(o[1])));
    }

    private static void CompareColumns(string key, string what, double[] expected, double[] actual, int columns)
    {
        Assert.Equal(expected.Length, actual.Length);
        int n = expected.Length / Math.Max(columns, 1);
        for (int c = 0; c < columns && n > 0; c++)
        {
            double scale = 0;
            for (int i = 0; i < n; i++)
                scale = Math.Max(scale, Math.Abs(expected[c * n + i]));
            for (int i = 0; i < n; i++)
            {
                double e = expected[c * n + i], a = actual[c * n + i];
                Assert.True(Math.Abs(e - a) <= UlpsOfColumnScale * Math.ScaleB(1, -52) * scale
                            || (double.IsNaN(e) && double.IsNaN(a)),
                    $"{key}: {what} column {c}, point {i}: scalar {e:R}, vector {a:R}");
            }
        }
    }

    private sealed record ProbeLine(int ParameterCount, double[] Values, double[] Jacobian, double[] ValuesOnly);

    private sealed record ProbeOutput(string Header, Dictionary<string, ProbeLine> Lines);

    /// <summary>Runs the probe with one environment variable set, or as the machine is when it is null.</summary>
    private static ProbeOutput Probe(string? variable, string? value)
    {
        string output = KernelProbe.Run("", variable, value);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = lines.Skip(1).Select(line => line.Split(' ')).ToDictionary(
            f => f[0] + " n=" + f[1],
            f => new ProbeLine(int.Parse(f[2], CultureInfo.InvariantCulture), KernelProbe.Doubles(f[3]), KernelProbe.Doubles(f[4]), KernelProbe.Doubles(f[5])));
        return new ProbeOutput(lines[0], parsed);
    }
}
