// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Marks a static method as a model: its leading parameters are the independent variables
/// (one unless more carry <see cref="VariableAttribute"/>), the rest are fitted.
/// The formula is either given here, on a <c>static partial</c> declaration, or is the
/// method's own expression body. The generator emits a nested <c>{Method}Model</c> type
/// implementing <see cref="IModel"/>: <c>Decay</c> gives <c>DecayModel</c>. A method whose name
/// already ends in <c>Model</c> is not doubled: <c>HillModel</c> gives <c>Hill</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>The formula is the method's expression body.</summary>
    public ModelAttribute() { }

    /// <summary>The formula, in the formula language (see the README).</summary>
    public ModelAttribute(string formula) => Formula = formula;

    /// <summary>The formula, or null when the method's expression body is the formula.</summary>
    public string? Formula { get; }
}
