// SPDX-License-Identifier: MIT
using Microsoft.CodeAnalysis;

namespace ModelCompiler.Generators;

[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
