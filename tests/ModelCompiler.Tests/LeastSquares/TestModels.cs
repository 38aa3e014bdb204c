// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.LeastSquares;

// Hand-written IModel structs for the solver tests, in the shape the source generator emits.

/// <summary>p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))</summary>
public readonly struct TwoGaussiansModel : IModel
{
    private static readonly string[] Names = ["p0", "p1", "p2", "p3", "p4", "p5"];
    public static string Formula => "p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))";
    public static int ParameterCount => 6;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            values[i] = p[0] * Math.Exp(-u * u / (2 * p[4] * p[4])) + p[1] * Math.Exp(-v * v / (2 * p[5] * p[5]));
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            double s1 = p[4] * p[4], s2 = p[5] * p[5];
            double g1 = Math.Exp(-u * u / (2 * s1)), g2 = Math.Exp(-v * v / (2 * s2));
            values[i] = p[0] * g1 + p[1] * g2;
            jacobian[i] = g1;
            jacobian[n + i] = g2;
            jacobian[2 * n + i] = p[0] * g1 * u / s1;
            jacobian[3 * n + i] = p[1] * g2 * v / s2;
            jacobian[4 * n + i] = p[0] * g1 * u * u / (s1 * p[4]);
            jacobian[5 * n + i] = p[1] * g2 * v * v / (s2 * p[5]);
        }
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<TwoGaussiansModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<TwoGaussiansModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>a*exp(-b*x)</summary>
public readonly struct ExponentialDecayModel : IModel
{
    private static readonly string[] Names = ["a", "b"];
    public static string Formula => "a*exp(-b*x)";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = p[0] * Math.Exp(-p[1] * x[i]);
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            double e = Math.Exp(-p[1] * x[i]);
            values[i] = p[0] * e;
            jacobian[i] = e;
            jacobian[n + i] = -p[0] * x[i] * e;
        }
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<ExponentialDecayModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<ExponentialDecayModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>a*b*x: only the product a·b is identifiable, so the Jacobian has rank 1.</summary>
public readonly struct ProductModel : IModel
{
    private static readonly string[] Names = ["a", "b"];
    public static string Formula => "a*b*x";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = p[0] * p[1] * x[i];
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            values[i] = p[0] * p[1] * x[i];
            jacobian[i] = p[1] * x[i];
            jacobian[n + i] = p[0] * x[i];
        }
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<ProductModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<ProductModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>a + b*x1 + c*x2: two variables, linear in its parameters.</summary>
public readonly struct PlaneModel : IModel
{
    private static readonly string[] Names = ["a", "b", "c"];
    public static string Formula => "a + b*x1 + c*x2";
    public static int ParameterCount => 3;
    public static int VariableCount => 2;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x1", "x2"];
    public static bool IsLinearInParameters => true;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
            values[i] = p[0] + p[1] * x[i] + p[2] * x[n + i];
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            values[i] = p[0] + p[1] * x[i] + p[2] * x[n + i];
            jacobian[i] = 1;
            jacobian[n + i] = x[i];
            jacobian[2 * n + i] = x[n + i];
        }
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<PlaneModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<PlaneModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>
/// a*x where defined, and NaN for a ≥ 3: a model with a domain, to check that the solver rejects
/// steps that leave it. Counts the non-finite evaluations of the calling thread.
/// </summary>
public readonly struct DomainLimitedModel : IModel
{
    [ThreadStatic] public static int NonFiniteEvaluations;

    private static readonly string[] Names = ["a"];
    public static string Formula => "a*x (undefined for a >= 3)";
    public static int ParameterCount => 1;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        if (p[0] >= 3)
            NonFiniteEvaluations++;
        for (int i = 0; i < values.Length; i++)
            values[i] = p[0] >= 3 ? double.NaN : p[0] * x[i];
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        Evaluate(x, p, values);
        x[..values.Length].CopyTo(jacobian);
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<DomainLimitedModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<DomainLimitedModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>a*log(b*x): not finite where b*x ≤ 0.</summary>
public readonly struct LogModel : IModel
{
    private static readonly string[] Names = ["a", "b"];
    public static string Formula => "a*log(b*x)";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = p[0] * Math.Log(p[1] * x[i]);
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            values[i] = p[0] * Math.Log(p[1] * x[i]);
            jacobian[i] = Math.Log(p[1] * x[i]);
            jacobian[n + i] = p[0] / p[1];
        }
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<LogModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<LogModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>a*sqrt(x - b): finite at x = b, but its derivative in b is not.</summary>
public readonly struct SquareRootModel : IModel
{
    private static readonly string[] Names = ["a", "b"];
    public static string Formula => "a*sqrt(x-b)";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => ["x"];
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = p[0] * Math.Sqrt(x[i] - p[1]);
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            double root = Math.Sqrt(x[i] - p[1]);
            values[i] = p[0] * root;
            jacobian[i] = root;
            jacobian[n + i] = -p[0] / (2 * root);
        }
    }

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<SquareRootModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<SquareRootModel>(x, parameters, y, sqrtWeights, sums);
}
