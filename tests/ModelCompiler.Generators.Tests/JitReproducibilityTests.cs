using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// A fit gives the same bits on its first call in a process, when the kernels run precompiled (ReadyToRun) or tier-0
/// framework code, and on its thousandth, when they run re-jitted tier-1 code; and the same with tiered compilation,
/// ReadyToRun, tiered PGO or quick jitting for loops switched off. Each setting is a process of the KernelProbe
/// program's `fits` mode (NIST fits that drive exp, sin and cos far out of range). Hardware-intrinsic settings are not
/// among them: the scalar path's Math functions are the C library's, which the vector functions approach only to an ulp.
/// </summary>
public class JitReproducibilityTests
{
    // Each fit evaluates its model tens to hundreds of times, so by the last call every kernel has run thousands of times.
    private const int Calls = 100;

    [Fact]
    public async Task FitsGiveTheSameBitsOnEveryCallUnderEveryJitSetting()
    {
        (string? Variable, string? Value)[] settings =
        [
            (null, null), ("DOTNET_TieredCompilation", "0"), ("DOTNET_ReadyToRun", "0"), ("DOTNET_TieredPGO", "0"),
            ("DOTNET_TC_QuickJitForLoops", "0"),
        ];
        // The processes run side by side; each is single-threaded.
        var runs = await Task.WhenAll(settings.Select(s => Task.Run(() => Probe(s.Variable, s.Value))));
        Dictionary<string, string>? reference = null;
        for (int r = 0; r < settings.Length; r++)
        {
            var (variable, value) = settings[r];
            string setting = variable is null ? "default settings" : $"{variable}={value}";
            var fits = runs[r];
            Assert.True(fits.Count >= 5, $"{setting}: the probe ran {fits.Count} fits");
            foreach (var (label, (_, firstDifferent)) in fits)
                Assert.True(firstDifferent == 0, $"{setting}: {label} gave other bits on call {firstDifferent} than on call 1");
            reference ??= fits.ToDictionary(f => f.Key, f => f.Value.Bits);
            foreach (var (label, (bits, _)) in fits)
                Assert.True(reference[label] == bits, $"{setting}: {label} differs from the run with default settings");
        }
    }

    private static Dictionary<string, (string Bits, int FirstDifferent)> Probe(string? variable, string? value)
    {
        string output = KernelProbe.Run($"fits {Calls}", variable, value);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                     .Select(line => line.Split(' '))
                     .ToDictionary(f => f[0], f => (f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
