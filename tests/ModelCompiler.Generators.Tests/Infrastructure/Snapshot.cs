using System.Runtime.CompilerServices;

namespace ModelCompiler.Generators.Tests.Infrastructure;

/// <summary>
/// Verify-style snapshots, kept tiny so that Verify can replace it: the expected text lives in
/// <c>Snapshots/{name}.verified{extension}</c> next to the tests; on a mismatch the actual text is written to
/// <c>{name}.received{extension}</c> beside it, and setting MODELCOMPILER_ACCEPT_SNAPSHOTS=1 accepts it instead.
/// Line endings are not part of what a snapshot pins down; <c>normalize</c> takes out whatever else is not (the
/// generator's version). Linked into the other test projects that keep snapshots.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "MODELCOMPILER_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, string extension = ".cs", Func<string, string>? normalize = null,
                              [CallerFilePath] string callerPath = "")
    {
        string Normalize(string text) => (normalize ?? (t => t))(text.Replace("\r\n", "\n"));
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified" + extension);
        string received = Path.Combine(directory, name + ".received" + extension);
        actual = Normalize(actual);
        string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
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
