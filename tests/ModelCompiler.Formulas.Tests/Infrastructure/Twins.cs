// SPDX-License-Identifier: MIT
using System.Reflection;

namespace ModelCompiler.Formulas.Tests.Infrastructure;

/// <summary>A source-generated model of the snapshot tests whose formula is in the formula language, with its names.</summary>
public sealed record Twin(string Name, Type ModelType, string Formula, string[] Variables, string[] Parameters)
{
    public override string ToString() => Name;

    /// <summary>Every <c>[Model("…")]</c> method of the snapshot models compiled into this assembly, and its generated type.</summary>
    public static IReadOnlyList<Twin> All { get; } = typeof(Twin).Assembly.GetTypes()
        .Where(t => t.Namespace == "ModelCompiler.Generators.Tests.Models" && !t.IsNested)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<ModelAttribute>()?.Formula is not null)
            .Select(m => (Type: t, Method: m)))
        .Select(pair =>
        {
            var model = pair.Type.GetNestedType(pair.Method.Name + "Model", BindingFlags.Public | BindingFlags.NonPublic)!;
            var names = (Func<string, IReadOnlyList<string>>)(property => (IReadOnlyList<string>)model.GetProperty(property)!.GetValue(null)!);
            return new Twin($"{pair.Type.Name}.{pair.Method.Name}", model, pair.Method.GetCustomAttribute<ModelAttribute>()!.Formula!,
                            names("VariableNames").ToArray(), names("ParameterNames").ToArray());
        })
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> Names() => new(All.Select(t => t.Name));

    public static Twin Named(string name) => All.Single(t => t.Name == name);

    public CompiledModel Compile() => ModelCompiler.Formula.Compile(Formula, Variables, Parameters);
}
