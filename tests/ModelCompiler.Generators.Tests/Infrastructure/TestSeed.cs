namespace ModelCompiler.Generators.Tests;

/// <summary>
/// A seed from a model's name that is the same in every process: string.GetHashCode is randomized per process, which
/// made a test draw different data on every run, and a failure impossible to reproduce.
/// </summary>
internal static class TestSeed
{
    public static int Of(string name, int salt)
    {
        uint hash = 2166136261; // FNV-1a
        foreach (char c in name)
            hash = (hash ^ c) * 16777619;
        return (int)(hash & 0x7fffffff) ^ salt;
    }
}
