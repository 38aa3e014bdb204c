namespace ModelCompiler.Generators.Tests.Infrastructure;

internal static class RepositoryPaths
{
    /// <summary>The directory holding ModelCompiler.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "ModelCompiler.Generators.Tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelCompiler.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ModelCompiler.sln not found above " + AppContext.BaseDirectory);
    }
}
