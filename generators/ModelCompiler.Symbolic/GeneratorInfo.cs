// SPDX-License-Identifier: MIT
using System.Reflection;

namespace ModelCompiler.Generators;

internal static class GeneratorInfo
{
    /// <summary>
    /// Written into [GeneratedCode]: the version this generator was built as (Directory.Build.props), without the
    /// source revision. Snapshot tests compare it as a placeholder.
    /// </summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var assembly = typeof(GeneratorInfo).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                         ?? assembly.GetName().Version?.ToString()
                         ?? "0.0.0";
        int metadata = version.IndexOf('+');
        return metadata < 0 ? version : version.Substring(0, metadata);
    }

    public const string ModelAttribute = "ModelCompiler.ModelAttribute";

    public const string VariableAttribute = "ModelCompiler.VariableAttribute";

    public const string MixtureModelAttribute = "ModelCompiler.MixtureModelAttribute";

    public const string OdeAttribute = "ModelCompiler.OdeAttribute";

    public const string StateAttribute = "ModelCompiler.StateAttribute";

    public const string ObjectiveAttribute = "ModelCompiler.ObjectiveAttribute";

    public const string EquationsAttribute = "ModelCompiler.EquationsAttribute";
}
