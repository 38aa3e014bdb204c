using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Batch fits (KernelProbe `batch`) in processes with different vector widths. With 256-bit vectors the batch runs
/// four lanes a vector and the vectorized step on Vector256; with the widest, eight and Vector512: every lane goes
/// through the same operations, so every curve's results must be equal bit for bit. Without hardware intrinsics the
/// scalar lanes and Math.Exp run instead, so results agree to rounding.
/// </summary>
public class BatchSimdAgreementTests
{
    [Fact]
    public void Vector256_lanes_equal_the_widest_lanes_bit_for_bit()
    {
        var (header, widest) = Probe(null, null);
        var (header256, narrow) = Probe("DOTNET_PreferredVectorBitWidth", "256");
        Assert.Equal("accelerated Vector512=False Vector256=True", header256);
        Assert.Equal(widest.Keys.Order(), narrow.Keys.Order());
        Assert.True(widest.Count > 800, $"{widest.Count} curves ({header})");
        foreach (var (key, expected) in widest)
            Assert.True(expected.SequenceEqual(narrow[key]), $"{key}: Vector256 lanes differ from the widest");
    }

    [Fact]
    public void Scalar_lanes_agree_with_the_vector_lanes_to_rounding()
    {
        var (_, widest) = Probe(null, null);
        var (header, scalar) = Probe("DOTNET_EnableHWIntrinsic", "0");
        Assert.Equal("accelerated Vector512=False Vector256=False", header);
        int compared = 0;
        foreach (var (key, expected) in widest)
        {
            // Every 17th decay is a constant, whose τ is undetermined: it ends wherever rounding leaves it.
            int curve = int.Parse(key[(key.LastIndexOf('/') + 1)..]);
            if (key.Contains("decays") && curve % 17 == 3)
                continue;
            int p = key.Contains("decays") ? 3 : 5;
            double[] actual = scalar[key];
            for (int j = 0; j < p; j++)
            {
                double scale = Math.Max(Math.Abs(expected[j]), Math.Max(expected[p + j], actual[p + j]));
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-10 * scale,
                            $"{key} parameter {j}: vector {expected[j]:R}, scalar {actual[j]:R}");
            }
            compared++;
        }
        Assert.True(compared > 750, $"only {compared} curves compared");
    }

    private static (string Header, Dictionary<string, double[]> Curves) Probe(string? variable, string? value)
    {
        var lines = KernelProbe.Run("batch", variable, value).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var curves = lines.Skip(1).Select(line => line.Split(' ')).ToDictionary(f => f[0], f => KernelProbe.Doubles(f[1]));
        return (lines[0], curves);
    }
}
