namespace ModelFit.Tests.Infrastructure;

internal static class RepositoryPaths
{
    /// <summary>The directory holding ModelCompiler.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The bundled CSV of the seed case.</summary>
    public static string TwoGaussians => Path.Combine(Root, "examples", "data", "two-gaussians.csv");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelCompiler.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ModelCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A directory under the system's temporary folder, deleted with everything in it on disposal.</summary>
internal sealed class TemporaryDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string name, string text)
    {
        string path = this[name];
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
