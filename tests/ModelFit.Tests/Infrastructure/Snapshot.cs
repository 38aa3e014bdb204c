using System.Runtime.CompilerServices;

namespace ModelFit.Tests.Infrastructure;

/// <summary>
/// Verify-style text snapshots, as the generator tests keep theirs: the expected text lives in
/// <c>Snapshots/{name}.verified.txt</c> next to the tests; on a mismatch the actual text is written to
/// <c>{name}.received.txt</c> beside it, and setting MODELCOMPILER_ACCEPT_SNAPSHOTS=1 accepts it instead.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "MODELCOMPILER_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified.txt");
        string received = Path.Combine(directory, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; the output was written to {received}. Review it, then rename it or set {AcceptVariable}=1."
            : $"Snapshot {name} differs from {verified} at line {FirstDifference(expected, actual)}; the output was written to {received}.");
    }

    private static int FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (int line = 0; line < Math.Min(e.Length, a.Length); line++)
            if (e[line] != a[line])
                return line + 1;
        return Math.Min(e.Length, a.Length) + 1;
    }
}
