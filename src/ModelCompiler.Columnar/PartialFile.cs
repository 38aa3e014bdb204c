// SPDX-License-Identifier: MIT
namespace ModelCompiler.Columnar;

/// <summary>
/// Where a fit writer puts its results until the fit completes: a fit that failed half-way had left a valid file of
/// its first blocks under the results' own name, indistinguishable from a finished fit of fewer curves.
/// </summary>
internal static class PartialFile
{
    /// <summary>The temporary name of the results for <paramref name="path"/>.</summary>
    public static string PathOf(string path) => path + ".partial";

    /// <summary>Removes an earlier file at <paramref name="path"/> (the writer replaces it) and creates the temporary one.</summary>
    public static FileStream Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.Delete(path);
        return File.Create(PathOf(path));
    }
}
