// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit;

/// <summary>
/// Where the modelfit command keeps compiled formulas between runs (<see cref="Formula.CacheDirectory"/>), so that only
/// the first run of a formula waits for the C# compiler: MODELFIT_CACHE names the directory, or turns the cache off with
/// "off"; otherwise modelfit/formulas under the user's cache directory (XDG_CACHE_HOME or ~/.cache; LocalApplicationData on
/// Windows).
/// </summary>
public static class FormulaCacheLocation
{
    /// <summary>The directory, or null for none, from the environment as <paramref name="variable"/> reads it.</summary>
    public static string? From(Func<string, string?> variable)
    {
        string? setting = variable("MODELFIT_CACHE");
        if (string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
            return null;
        if (!string.IsNullOrWhiteSpace(setting))
            return setting;
        string? root = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : variable("XDG_CACHE_HOME") is { } xdg && Path.IsPathRooted(xdg) // the XDG spec ignores a relative path
                ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache") : null;
        return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "modelfit", "formulas");
    }
}
