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

    /// <summary>How many images a directory keeps: the most recently used (about 15 KB each).</summary>
    public const int Capacity = 1000;

    /// <summary>
    /// The image of <paramref name="key"/> in <paramref name="directory"/>, or null when there is none or it cannot be read.
    /// Its file's time is set to now, which marks it as recently used for <see cref="Prune"/>.
    /// </summary>
    public static byte[]? TryRead(string directory, string key)
    {
        try
        {
            string path = PathOf(directory, key);
            if (!File.Exists(path))
                return null;
            byte[] image = File.ReadAllBytes(path);
            try
            {
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A directory others keep for us to read: it is theirs to prune.
            }
            return image;
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
            Prune(directory, Capacity);
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

    /// <summary>
    /// Deletes the images of <paramref name="directory"/> beyond the <paramref name="capacity"/> most recently used (by
    /// file time), so that a program compiling ever new formulas does not fill the disk; other files are left alone.
    /// </summary>
    internal static void Prune(string directory, int capacity)
    {
        var images = new DirectoryInfo(directory).EnumerateFiles("*.dll").Where(f => IsKey(Path.GetFileNameWithoutExtension(f.Name))).ToList();
        if (images.Count <= capacity)
            return;
        foreach (var stale in images.OrderByDescending(f => f.LastWriteTimeUtc).Skip(capacity))
            TryDelete(stale.FullName);
    }

    private static bool IsKey(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

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
