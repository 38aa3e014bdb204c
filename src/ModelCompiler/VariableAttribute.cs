// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Marks a leading parameter of a <see cref="ModelAttribute"/> method as an independent variable.
/// Without it, only the first parameter is one; with it, every marked leading parameter is.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class VariableAttribute : Attribute
{
}
