using System.Reflection;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The README's other route: a project outside this repository (so without its Directory.Build.targets) that references
/// the checkout with the README's project-reference block gets the generator, and the README's usage block runs.
/// </summary>
public class ProjectReferenceTests
{
    private static string Configuration =>
        typeof(ProjectReferenceTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    [Fact]
    public void AProjectOutsideTheRepositoryGetsTheGeneratorFromTheReadmeReferences()
    {
        var block = Readme.Blocks().Single(b => b.Language == "xml" && b.Code.Contains("ModelCompiler.Generators.csproj", StringComparison.Ordinal));
        const string Checkout = "../ModelCompiler/";
        Assert.Contains(Checkout + "src/ModelCompiler/ModelCompiler.csproj", block.Code);
        string references = block.Code.Replace(Checkout, RepositoryPaths.Root + "/", StringComparison.Ordinal);

        using var work = new TemporaryDirectory("modelcompiler-reference-");
        string app = work["FromSource"];
        Directory.CreateDirectory(app);
        string project = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "PackageConsumer", "FromSource", "FromSource.csproj"));
        Assert.Contains("<!-- README -->", project);
        File.WriteAllText(Path.Combine(app, "FromSource.csproj"), project.Replace("<!-- README -->", references, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), Readme.FirstAfter("## Usage", "csharp").Code);

        // The referenced projects are built already (this test assembly references both, in this configuration), so only
        // the app is built: the checkout's outputs stay as they are while other tests use them.
        Processes.Dotnet(app, $"build -c {Configuration} --no-dependencies -nodeReuse:false");
        ReadmeUsage.AssertFitPrinted(Processes.Dotnet(app, $"bin/{Configuration}/net10.0/FromSource.dll"));
    }
}
