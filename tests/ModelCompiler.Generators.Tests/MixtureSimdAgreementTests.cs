using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The vector paths of the mixture kernels against their scalar path, each in its own process of the KernelProbe
/// program (`mixtures`): with hardware intrinsics off, with vectors capped at 256 bits, and as the machine allows.
/// The generated component densities of the purely arithmetic model and the log-sum-exp's per-point results go
/// through the same operations on every path and must agree bit for bit; sums over points are added lane by lane
/// in another order per width, so totals and short fits agree to a few ulps.
/// </summary>
public class MixtureSimdAgreementTests
{
    [Fact]
    public void Scalar_path_runs_without_hardware_intrinsics()
    {
        var scalar = Probe("DOTNET_EnableHWIntrinsic", "0");
        Assert.Equal("accelerated Vector512=False Vector256=False", scalar.Header);
        Assert.Contains("GaussianMixture.Full_d=2", scalar.Lines.Keys);
        Assert.Contains("BleiCavi_d=1", scalar.Lines.Keys);
    }

    [Theory]
    [InlineData("DOTNET_PreferredVectorBitWidth", "256", "Vector256")]
    [InlineData(null, null, "widest")]
    public void Vector_paths_agree_with_the_scalar_path(string? variable, string? value, string path)
    {
        var scalar = Probe("DOTNET_EnableHWIntrinsic", "0");
        var vector = Probe(variable, value);
        if (path == "Vector256")
            Assert.Equal("accelerated Vector512=False Vector256=True", vector.Header);
        Assert.Equal(scalar.Lines.Keys.Order(), vector.Lines.Keys.Order());
        foreach (var (key, expected) in scalar.Lines)
        {
            double[] actual = vector.Lines[key];
            Assert.Equal(expected.Length, actual.Length);
            if (key.StartsWith("Mixtures.Lines.", StringComparison.Ordinal) || key.StartsWith("LogSumExp.responsibilities", StringComparison.Ordinal)
                || key.StartsWith("LogSumExp.logLikelihood", StringComparison.Ordinal))
            {
                Assert.True(expected.SequenceEqual(actual), $"{key}: the {path} path differs from the scalar path");
                continue;
            }
            // The Decays model's own kernel uses the framework's vector exp, an ulp or two from Math.Exp: compared
            // against the largest magnitude of the line; totals and fits value by value.
            double scale = expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            for (int i = 0; i < expected.Length; i++)
            {
                double e = expected[i], a = actual[i];
                double tolerance = key.StartsWith("Mixtures.", StringComparison.Ordinal) ? 8 * Math.ScaleB(1, -52) * scale : 1e-12 * Math.Max(1, Math.Abs(e));
                Assert.True(e == a || Math.Abs(e - a) <= tolerance, $"{key}[{i}]: scalar {e:R}, {path} {a:R}");
            }
        }
    }

    private sealed record ProbeOutput(string Header, Dictionary<string, double[]> Lines);

    /// <summary>Runs the probe's `mixtures` mode with one environment variable set, or as the machine is when it is null.</summary>
    private static ProbeOutput Probe(string? variable, string? value)
    {
        string output = KernelProbe.Run("mixtures", variable, value);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = lines.Skip(1).Select(line => line.Split(' ')).ToDictionary(f => f[0], f => KernelProbe.Doubles(f[1]));
        return new ProbeOutput(lines[0], parsed);
    }
}
