// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ModelCompiler.Formulas.Tests;

/// <summary>
/// The cache returns one compiled model per request, keeps a bounded number, and models let go unload; a cache directory
/// keeps compiled images for later processes.
/// </summary>
[Collection(nameof(CacheTests))]
public class CacheTests
{
    [Fact]
    public void SameRequestGivesTheSameInstance()
    {
        var first = Formula.Compile("a*exp(-k*t) + c*t", ["t"]);
        var second = Formula.Compile("a*exp(-k*t) + c*t", ["t"]);
        Assert.Same(first, second);
        // Another variable list, parameter order or kind is another model.
        Assert.NotSame(first, Formula.Compile("a*exp(-k*t) + c*t", ["t"], ["c", "k", "a"]));
        Assert.Equal(["c", "k", "a"], Formula.Compile("a*exp(-k*t) + c*t", ["t"], ["c", "k", "a"]).ParameterNames);
        var mixture = Formula.CompileMixture("a*exp(-k*t) + c*t", ["t"], 2);
        Assert.Same(mixture, Formula.CompileMixture("a*exp(-k*t) + c*t", ["t"], 2));
        Assert.NotSame(mixture, Formula.CompileMixture("a*exp(-k*t) + c*t", ["t"], 2, Noise.Laplace));
    }

    [Fact]
    public void CallerListsAreCopied()
    {
        var variables = new List<string> { "t" };
        var model = Formula.Compile("a*t + b", variables);
        variables[0] = "x";
        Assert.Equal(["t"], model.VariableNames);
    }

    [Fact]
    public void LeastRecentlyUsedIsLetGoPastTheCapacity()
    {
        var cache = new ModelCache<object>(3);
        int created = 0;
        object Get(string key) => cache.GetOrAdd(key, () => { created++; return new object(); });
        var a = Get("a");
        Get("b");
        Get("c");
        Assert.Same(a, Get("a"));   // a is now the most recent
        Get("d");                   // lets b go
        Assert.Equal(3, cache.Count);
        Assert.Equal(4, created);
        Assert.Same(a, Get("a"));
        Get("b");
        Assert.Equal(5, created);   // b was compiled again
    }

    [Fact]
    public void FailureIsNotCached()
    {
        var cache = new ModelCache<object>(3);
        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("a", () => throw new InvalidOperationException()));
        Assert.Equal(0, cache.Count);
        Assert.NotNull(cache.GetOrAdd("a", () => new object()));
    }

    [Fact]
    public void ModelsLetGoUnload()
    {
        var contexts = CompileAndDrop(20, offset: 0);
        Collect();
        Assert.All(contexts, context => Assert.False(context.IsAlive, "a compiled model's load context outlived every reference to it"));
    }

    /// <summary>Hundreds of distinct formulas compiled and let go: the memory after full collections stays flat.</summary>
    [Fact]
    public void MemoryDoesNotGrowOverHundredsOfDistinctCompiles()
    {
        CompileAndDrop(20, offset: 1_000); // warm: Roslyn's own caches, the JIT of the solver paths
        Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var contexts = CompileAndDrop(200, offset: 2_000);
        Collect();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.All(contexts, context => Assert.False(context.IsAlive));
        // One model keeps ~100 KB alive while referenced (its assembly, types and JIT'd kernels): 200 kept would be ~20 MB.
        Assert.True(after - before < 8_000_000, $"Managed memory grew by {(after - before) / 1e6:F1} MB over 200 compiles let go");
    }

    /// <summary>
    /// With a cache directory, a compile keeps its image there, and a later compile of the same source loads it instead of
    /// compiling: shown by putting another formula's image under the key, which then answers.
    /// </summary>
    [Fact]
    public void ACacheDirectoryKeepsImagesAndTheNextCompileLoadsThem()
    {
        string directory = Path.Combine(Path.GetTempPath(), "mc-image-cache-" + Guid.NewGuid().ToString("N"));
        Formula.CacheDirectory = directory;
        try
        {
            var first = Request("a*exp(-k*t) + 7.25");
            Assert.Equal(8.25, FormulaCompiler.Compile(first).Model.Evaluate([0.0], [1, 1])[0]);
            string firstImage = Assert.Single(Directory.GetFiles(directory));
            Assert.EndsWith(".dll", firstImage);

            var second = Request("a*exp(-k*t) + 9.5");
            Assert.Equal(10.5, FormulaCompiler.Compile(second).Model.Evaluate([0.0], [1, 1])[0]);
            string secondImage = Assert.Single(Directory.GetFiles(directory), f => f != firstImage);
            byte[] compiled = File.ReadAllBytes(secondImage);

            File.Copy(firstImage, secondImage, overwrite: true);
            Assert.Equal(8.25, FormulaCompiler.Compile(second).Model.Evaluate([0.0], [1, 1])[0]); // read, not compiled

            // A damaged image is compiled again and replaced by the compiler's (deterministic) bytes.
            File.WriteAllBytes(secondImage, [1, 2, 3, 4]);
            Assert.Equal(10.5, FormulaCompiler.Compile(second).Model.Evaluate([0.0], [1, 1])[0]);
            Assert.Equal(compiled, File.ReadAllBytes(secondImage));
            // So is an assembly that is not a formula's.
            File.Copy(typeof(IModel).Assembly.Location, secondImage, overwrite: true);
            Assert.Equal(10.5, FormulaCompiler.Compile(second).Model.Evaluate([0.0], [1, 1])[0]);
            Assert.Equal(compiled, File.ReadAllBytes(secondImage));
            Assert.Equal(2, Directory.GetFiles(directory).Length); // no partial files left
        }
        finally
        {
            Formula.CacheDirectory = null;
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ACacheDirectoryThatCannotBeWrittenOnlyCostsTheCompile()
    {
        string file = Path.GetTempFileName();
        Formula.CacheDirectory = Path.Combine(file, "formulas"); // under a file: cannot be created
        try
        {
            Assert.Equal(4.5, FormulaCompiler.Compile(Request("a*exp(-k*t) + 3.5")).Model.Evaluate([0.0], [1, 1])[0]);
            Assert.True(File.Exists(file));
        }
        finally
        {
            Formula.CacheDirectory = null;
            File.Delete(file);
        }
    }

    /// <summary>A cache directory keeps the most recently used images and leaves files not its own alone.</summary>
    [Fact]
    public void ACacheDirectoryKeepsTheMostRecentlyUsedImages()
    {
        var directory = Directory.CreateTempSubdirectory("mc-image-prune-");
        try
        {
            var now = DateTime.UtcNow;
            string Image(int i)
            {
                string path = Path.Combine(directory.FullName, i.ToString("x64") + ".dll");
                File.WriteAllBytes(path, [1]);
                File.SetLastWriteTimeUtc(path, now.AddMinutes(-i));   // image 0 the most recent
                return path;
            }
            string[] images = [.. Enumerable.Range(0, 5).Select(Image)];
            string other = Path.Combine(directory.FullName, "notes.dll");
            File.WriteAllBytes(other, [1]);
            File.SetLastWriteTimeUtc(other, now.AddDays(-1));

            CompiledImageCache.Prune(directory.FullName, 5);
            Assert.All(images, path => Assert.True(File.Exists(path)));
            CompiledImageCache.Prune(directory.FullName, 3);
            Assert.Equal([true, true, true, false, false], images.Select(File.Exists));
            Assert.True(File.Exists(other));

            // Reading an image marks it used: it outlives a newer one that was not read.
            string key = 2.ToString("x64");
            File.SetLastWriteTimeUtc(images[2], now.AddDays(-2));
            Assert.NotNull(CompiledImageCache.TryRead(directory.FullName, key));
            File.SetLastWriteTimeUtc(images[0], now.AddMinutes(-1));
            CompiledImageCache.Prune(directory.FullName, 1);
            Assert.Equal([false, false, true], images.Take(3).Select(File.Exists));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static FormulaRequest Request(string formula) => new(formula, ["t"], null, 0, Noise.Gaussian, FormulaLimits.Default);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> CompileAndDrop(int count, int offset)
    {
        var contexts = new List<WeakReference>();
        for (int i = 0; i < count; i++)
        {
            // Distinct formulas, past the cache: compiled directly, referenced only here.
            var request = new FormulaRequest($"a*exp(-k*t) + {offset + i}*c", ["t"], null, 0, Noise.Gaussian, FormulaLimits.Default);
            var model = FormulaCompiler.Compile(request).Model;
            Assert.Equal(2, model.Evaluate([1.0, 2.0], [1, 1, 1]).Length);
            contexts.Add(new WeakReference(AssemblyLoadContext.GetLoadContext(model.ModelType.Assembly)));
        }
        return contexts;
    }

    private static void Collect()
    {
        for (int i = 0; i < 10; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}

/// <summary>
/// The unloading tests count the process's managed memory: they run alone, after the parallel tests, since another test
/// compiling at the same time fills the shared cache (up to 256 models of ~100 KB) while they measure.
/// </summary>
[CollectionDefinition(nameof(CacheTests), DisableParallelization = true)]
public class CacheTestsCollection;
