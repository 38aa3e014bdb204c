// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelCompiler.Generators.Tests;

/// <summary>Generated code compiles in a project whose global usings bring in types named as the ones it uses.</summary>
public class GlobalUsingTests
{
    [Fact]
    public void AGlobalUsingOfANamespaceWithTheSameTypeNamesLeavesTheGeneratedCodeUnambiguous()
    {
        // A namespace of the user's with its own Math, MemoryMarshal, Vector256, Vector512 and ArgumentException, brought
        // in by a global using: every generated file failed with CS0104 ('Math' is an ambiguous reference …).
        var result = GeneratorHarness.Run(
            """
            global using Lab.Tools;

            namespace Lab.Tools
            {
                public static class Math { }
                public static class MemoryMarshal { }
                public static class Vector256 { }
                public static class Vector512 { }
                public sealed class ArgumentException : System.Exception { }
            }
            """,
            """
            using ModelCompiler;

            namespace Lab.Models;

            public static partial class M
            {
                [Model("a*exp(-k*x)*cos(pi*x) + c")]
                public static partial double Decay(double x, double a, double k, double c);

                [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Gaussian)]
                public static partial double Line(double x, double a, double b);

                [Ode("y' = -k*y")]
                public static partial double Fall([State] double y, double k);

                [Objective("(x - 1)^2 + 100*(y - x^2)^2")]
                public static partial double Valley(double x, double y);
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
    }
}
