using System.Diagnostics;
using System.Globalization;

namespace ModelCompiler.Generators.Tests.Infrastructure;

/// <summary>
/// Runs tests/ModelCompiler.KernelProbe in a child process, so that a setting read once per process (SIMD width,
/// tiered compilation, ReadyToRun) can differ between two runs of the same kernels.
/// </summary>
internal static class KernelProbe
{
    /// <summary>The probe's standard output for <paramref name="arguments"/>, with one environment variable set (none when null).</summary>
    public static string Run(string arguments, string? variable, string? value)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        string probe = Path.Combine(RepositoryPaths.Root, "tests", "ModelCompiler.KernelProbe", "bin", configuration, "net10.0",
                                    "ModelCompiler.KernelProbe.dll");
        Assert.True(File.Exists(probe), "KernelProbe not built at " + probe);
        var start = new ProcessStartInfo("dotnet", $"\"{probe}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (variable is not null)
            start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "KernelProbe failed: " + stderr.Result);
        return output;
    }

    /// <summary>The doubles of a probe field: comma-separated hexadecimal bit patterns, or "-" for none.</summary>
    public static double[] Doubles(string field) => field == "-"
        ? []
        : field.Split(',').Select(h => BitConverter.Int64BitsToDouble(long.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
}
