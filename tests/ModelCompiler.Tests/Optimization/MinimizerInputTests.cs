// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>Bad input at the boundary: an ArgumentException naming the argument and the index.</summary>
public class MinimizerInputTests
{
    private static double Quadratic(ReadOnlySpan<double> x) => (x[0] - 1) * (x[0] - 1) + (x[1] + 2) * (x[1] + 2);

    private static ArgumentException Fails(Action call, string parameter, params string[] fragments)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, error.Message);
        return error;
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_start(double bad)
        => Fails(() => Minimizer.Minimize(Quadratic, [0, bad]), "start", "start[1]", bad.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Start_of_the_wrong_length_for_a_named_objective()
        => Fails(() => Minimizer.Minimize<Rosenbrock>([1.0]), "start", "1 values", "2 unknowns", "x1, x2");

    [Fact]
    public void Start_too_short_for_an_indexed_objective()
        => Fails(() => Minimizer.Minimize<ChainedRosenbrock>([1.0]), "start", "at least 2");

    [Fact]
    public void Empty_start()
        => Fails(() => Minimizer.Minimize(x => 0, []), "start", "empty");

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void Objective_not_finite_at_the_start(MinimizerOptions options)
        => Fails(() => Minimizer.Minimize((x, g) => { g.Fill(0); return Math.Log(x[0]); }, [-1.0], options), "start", "f is NaN");

    [Fact]
    public void Gradient_not_finite_at_the_start()
        => Fails(() => Minimizer.Minimize((x, g) => { g[0] = double.NaN; g[1] = 0; return 1; }, [0.0, 0], BfgsOptions.Default),
                 "start", "component 0", "NaN");

    [Fact]
    public void Crossed_bounds()
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], LbfgsbOptions.Default, Bounds.Box([-1, 1], [1, 0])),
                 "bounds", "unknown 1", "crossed");

    [Fact]
    public void Start_outside_its_bounds()
        => Fails(() => Minimizer.Minimize(Quadratic, [2, 0], LbfgsbOptions.Default, Bounds.Box([-1, -1], [1, 1])),
                 "start", "start[0] = 2", "[-1, 1]");

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Lower_bound_that_is_nan_or_plus_infinity(double bad)
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], LbfgsbOptions.Default, new Bounds { Lower = [bad, 0] }),
                 "bounds", "bounds.Lower[0]");

    [Fact]
    public void Bounds_of_the_wrong_length()
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], LbfgsbOptions.Default, new Bounds { Upper = [1] }),
                 "bounds", "bounds.Upper has 1", "start has 2");

    [Theory]
    [MemberData(nameof(MethodsWithoutBounds))]
    public void Bounds_given_to_a_method_that_cannot_honour_them(MinimizerOptions options)
        => Fails(() => Minimizer.Minimize<Rosenbrock>([0, 0], options, Bounds.Box([-1, -1], [1, 1])), "bounds", "cannot honour bounds", "L-BFGS-B");

    [Fact]
    public void Every_unknown_fixed()
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], null, Bounds.FixedAt([true, true])), "bounds", "Every unknown is fixed");

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options(MinimizerOptions options, string fragment)
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], options), "options", fragment);

    [Fact]
    public void Second_order_method_without_a_gradient()
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], TrustExactOptions.Default), "objective", "needs the gradient");

    [Fact]
    public void Initial_simplex_of_the_wrong_shape()
        => Fails(() => Minimizer.Minimize(Quadratic, [0, 0], NelderMeadOptions.Default with { InitialSimplex = new double[2, 2] }),
                 "options", "3×2");

    [Fact]
    public void Hessian_pattern_of_the_wrong_size()
        => Fails(() => Minimizer.Minimize(new DelegateObjective(Quadratic) { HessianPattern = SparsityPattern.Dense(3, 3) }, [0, 0]),
                 "objective", "3×3");

    [Fact]
    public void Caller_arrays_are_not_modified()
    {
        double[] start = [-1.2, 1];
        double[] lower = [-2, -2], upper = [2, 2];
        var result = Minimizer.Minimize<Rosenbrock>(start, LbfgsbOptions.Default, Bounds.Box(lower, upper));
        Assert.Equal([-1.2, 1], start);
        Assert.Equal([-2.0, -2], lower);
        Assert.Equal([2.0, 2], upper);
        result.X[0] = 99;
        Assert.NotEqual(99, result[0]);
    }

    public static TheoryData<MinimizerOptions> EveryMethod() =>
    [
        NelderMeadOptions.Default, PowellOptions.Default, BfgsOptions.Default, ConjugateGradientOptions.Default,
        LbfgsOptions.Default, LbfgsbOptions.Default, NewtonCgOptions.Default, TrustExactOptions.Default,
    ];

    public static TheoryData<MinimizerOptions> MethodsWithoutBounds() =>
        [BfgsOptions.Default, ConjugateGradientOptions.Default, LbfgsOptions.Default, NewtonCgOptions.Default, TrustExactOptions.Default];

    public static TheoryData<MinimizerOptions, string> InvalidOptions() => new()
    {
        { BfgsOptions.Default with { GradientTolerance = 0 }, "GradientTolerance must be finite and > 0" },
        { BfgsOptions.Default with { GradientTolerance = -1e-8 }, "GradientTolerance" },
        { BfgsOptions.Default with { DifferenceStep = 0 }, "DifferenceStep" },
        { BfgsOptions.Default with { MaxIterations = 0 }, "MaxIterations must be ≥ 1" },
        { LbfgsbOptions.Default with { MaxFunctionEvaluations = -5 }, "MaxFunctionEvaluations" },
        { LbfgsbOptions.Default with { Memory = 0 }, "Memory must be ≥ 1" },
        { LbfgsbOptions.Default with { FunctionTolerance = double.NaN }, "FunctionTolerance" },
        { LbfgsOptions.Default with { FiniteDifferences = (FiniteDifferences)7 }, "not a scheme" },
        { ConjugateGradientOptions.Default with { WolfeCurvature = 1 }, "WolfeCurvature must lie in" },
        { NelderMeadOptions.Default with { ParameterTolerance = 0, FunctionTolerance = 0 }, "cannot both be 0" },
        { NelderMeadOptions.Default with { InitialStep = -0.05 }, "InitialStep" },
        { PowellOptions.Default with { FunctionTolerance = 0 }, "FunctionTolerance must be finite and > 0" },
        { NewtonCgOptions.Default with { InitialTrustRadius = 0 }, "InitialTrustRadius" },
        { TrustExactOptions.Default with { MaxTrustRadius = 0.5 }, "MaxTrustRadius" },
        { TrustExactOptions.Default with { AcceptanceRatio = 0.3 }, "AcceptanceRatio" },
    };
}
