// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators;

internal static class GeneratorInfo
{
    /// <summary>Written into [GeneratedCode]; snapshot tests compare it as a placeholder.</summary>
    public const string Version = "0.1.0";

    public const string ModelAttribute = "ModelCompiler.ModelAttribute";

    public const string VariableAttribute = "ModelCompiler.VariableAttribute";

    public const string MixtureModelAttribute = "ModelCompiler.MixtureModelAttribute";

    public const string OdeAttribute = "ModelCompiler.OdeAttribute";

    public const string StateAttribute = "ModelCompiler.StateAttribute";

    public const string ObjectiveAttribute = "ModelCompiler.ObjectiveAttribute";

    public const string EquationsAttribute = "ModelCompiler.EquationsAttribute";
}
