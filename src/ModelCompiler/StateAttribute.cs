// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>Marks a parameter of an <see cref="OdeAttribute"/> method as a state: a named <c>double</c>, or one
/// <c>double[]</c> / <c>ReadOnlySpan&lt;double&gt;</c> holding an indexed state.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class StateAttribute : Attribute
{
}
