// SPDX-License-Identifier: MIT
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelCompiler;

/// <summary>
/// Compiled formulas kept on disk between processes (<see cref="Formula.CacheDirectory"/>): Roslyn takes seconds to
/// start in a new process, while the symbolic core's emit takes a tenth of that, so a process that emits the same source
/// as an earlier one loads that one's image instead of compiling. A file is named by the SHA-256 of everything the image
/// depends on: the emitted source, the assemblies it is compiled against (by module version id, so any rebuild of the
/// library is a new key), the compiler's version and the runtime's. The cache only ever saves time: a file that cannot
/// be read, written or loaded means a compile, as without the cache.
/// </summary>
internal static class CompiledImageCache
{
    /// <summary>Changes whenever what a key covers changes.</summary>
    private const string Format = "modelcompiler-formula-image-1";

    private static readonly Lazy<string> Dependencies = new(() => string.Join("\n",
        Format,
        typeof(IModel).Assembly.ManifestModule.ModuleVersionId,
        typeof(CompiledImageCache).Assembly.ManifestModule.ModuleVersionId,
        typeof(CSharpCompilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        Environment.Version));

    /// <summary>The key of the image compiled from these sources.</summary>
    public static string KeyOf(string source, string declaration)
    {
        byte[] text = Encoding.UTF8.GetBytes(string.Join("\u0000", Dependencies.Value, source, declaration));
        return Convert.ToHexStringLower(SHA256.HashData(text));
    }

    /// <summary>The image of <paramref name="key"/> in <paramref name="directory"/>, or null when there is none or it cannot be read.</summary>
    public static byte[]? TryRead(string directory, string key)
    {
        try
        {
            string path = PathOf(directory, key);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps <paramref name="image"/> under <paramref name="key"/>, whole or not at all: it is written to a file of its own
    /// and renamed, so a process that reads the key at the same time, or after a crash, never sees part of an image.
    /// </summary>
    public static void TryWrite(string directory, string key, byte[] image)
    {
        string? partial = null;
        try
        {
            Directory.CreateDirectory(directory);
            partial = Path.Combine(directory, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
            File.WriteAllBytes(partial, image);
            File.Move(partial, PathOf(directory, key), overwrite: true);
            partial = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Not kept: the next process compiles again.
        }
        finally
        {
            if (partial is not null)
                TryDelete(partial);
        }
    }

    private static string PathOf(string directory, string key) => Path.Combine(directory, key + ".dll");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
