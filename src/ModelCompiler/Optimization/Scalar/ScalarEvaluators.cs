// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// A function of one unknown as the scalar solvers see it. Implemented by small structs, so the solvers,
/// generic over it, are specialized by the JIT for a generated function and for a delegate alike.
/// </summary>
internal interface IScalarEvaluator
{
    double Value(double x);

    double ValueAndDerivative(double x, out double derivative);

    double ValueAndDerivatives(double x, out double derivative, out double secondDerivative);
}

/// <summary>A generated <see cref="IScalarFunction"/>: static calls, inlined by the JIT.</summary>
internal readonly struct GeneratedScalar<TFunction> : IScalarEvaluator where TFunction : IScalarFunction
{
    public double Value(double x) => TFunction.Evaluate(x);

    public double ValueAndDerivative(double x, out double derivative) => TFunction.EvaluateWithDerivative(x, out derivative);

    public double ValueAndDerivatives(double x, out double derivative, out double secondDerivative)
        => TFunction.EvaluateWithDerivatives(x, out derivative, out secondDerivative);
}

/// <summary>Plain delegates for f, and f′ and f″ where the method needs them.</summary>
internal readonly struct DelegateScalar(Func<double, double> function, Func<double, double>? derivative = null,
                                        Func<double, double>? secondDerivative = null) : IScalarEvaluator
{
    public double Value(double x) => function(x);

    public double ValueAndDerivative(double x, out double d)
    {
        d = derivative!(x);
        return function(x);
    }

    public double ValueAndDerivatives(double x, out double d, out double d2)
    {
        d = derivative!(x);
        d2 = secondDerivative!(x);
        return function(x);
    }
}
