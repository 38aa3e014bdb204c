// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.LeastSquares.Nist;

// Hand-written models of the NIST StRD nonlinear regression problems with analytic Jacobians.
// Each is a plain struct implementing IModel, exactly the shape the source generator emits, so they
// can be swapped for generated ones one by one. Nelson's response is log(y): the model states
// log[y] = b1 - b2*x1*exp(-b3*x2), so it is fitted to the logarithm of the data's y column.

/// <summary>b1*(1-exp(-b2*x))</summary>
public readonly struct Misra1aModel : IModel
{
    private static readonly string[] Names = ["b1", "b2"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*(1-exp(-b2*x))";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e = Math.Exp(-b2 * x);
            values[i] = b1 * (1 - e);
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e = Math.Exp(-b2 * x);
            values[i] = b1 * (1 - e);
            jacobian[0 * n + i] = 1 - e;
            jacobian[1 * n + i] = b1 * x * e;
        }
    }
}

/// <summary>b1*(1-(1+2*b2*x)^(-1/2))</summary>
public readonly struct Misra1cModel : IModel
{
    private static readonly string[] Names = ["b1", "b2"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*(1-(1+2*b2*x)^(-1/2))";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double u = 1 + 2 * b2 * x; double s = 1 / Math.Sqrt(u);
            values[i] = b1 * (1 - s);
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double u = 1 + 2 * b2 * x; double s = 1 / Math.Sqrt(u);
            values[i] = b1 * (1 - s);
            jacobian[0 * n + i] = 1 - s;
            jacobian[1 * n + i] = b1 * x * s / u;
        }
    }
}

/// <summary>b1*(1-exp(-b2*x))</summary>
public readonly struct BoxBodModel : IModel
{
    private static readonly string[] Names = ["b1", "b2"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*(1-exp(-b2*x))";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e = Math.Exp(-b2 * x);
            values[i] = b1 * (1 - e);
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e = Math.Exp(-b2 * x);
            values[i] = b1 * (1 - e);
            jacobian[0 * n + i] = 1 - e;
            jacobian[1 * n + i] = b1 * x * e;
        }
    }
}

/// <summary>exp(-b1*x)/(b2+b3*x)</summary>
public readonly struct Chwirut2Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "exp(-b1*x)/(b2+b3*x)";
    public static int ParameterCount => 3;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e = Math.Exp(-b1 * x); double d = b2 + b3 * x; double q = e / d;
            values[i] = q;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e = Math.Exp(-b1 * x); double d = b2 + b3 * x; double q = e / d;
            values[i] = q;
            jacobian[0 * n + i] = -x * q;
            jacobian[1 * n + i] = -q / d;
            jacobian[2 * n + i] = -x * q / d;
        }
    }
}

/// <summary>b1*x^b2</summary>
public readonly struct DanWoodModel : IModel
{
    private static readonly string[] Names = ["b1", "b2"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*x^b2";
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double pw = Math.Pow(x, b2);
            values[i] = b1 * pw;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double pw = Math.Pow(x, b2);
            values[i] = b1 * pw;
            jacobian[0 * n + i] = pw;
            jacobian[1 * n + i] = b1 * pw * Math.Log(x);
        }
    }
}

/// <summary>b1 + b2*cos(2*pi*x/12) + b3*sin(2*pi*x/12) + b5*cos(2*pi*x/b4) + b6*sin(2*pi*x/b4) + b8*cos(2*pi*x/b7) + b9*sin(2*pi*x/b7)</summary>
public readonly struct EnsoModel : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1 + b2*cos(2*pi*x/12) + b3*sin(2*pi*x/12) + b5*cos(2*pi*x/b4) + b6*sin(2*pi*x/b4) + b8*cos(2*pi*x/b7) + b9*sin(2*pi*x/b7)";
    public static int ParameterCount => 9;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6]; double b8 = p[7]; double b9 = p[8];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double a = 2 * Math.PI * x / 12; double t4 = 2 * Math.PI * x / b4; double t7 = 2 * Math.PI * x / b7; double ca = Math.Cos(a), sa = Math.Sin(a), c4 = Math.Cos(t4), s4 = Math.Sin(t4), c7 = Math.Cos(t7), s7 = Math.Sin(t7);
            values[i] = b1 + b2 * ca + b3 * sa + b5 * c4 + b6 * s4 + b8 * c7 + b9 * s7;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6]; double b8 = p[7]; double b9 = p[8];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double a = 2 * Math.PI * x / 12; double t4 = 2 * Math.PI * x / b4; double t7 = 2 * Math.PI * x / b7; double ca = Math.Cos(a), sa = Math.Sin(a), c4 = Math.Cos(t4), s4 = Math.Sin(t4), c7 = Math.Cos(t7), s7 = Math.Sin(t7);
            values[i] = b1 + b2 * ca + b3 * sa + b5 * c4 + b6 * s4 + b8 * c7 + b9 * s7;
            jacobian[0 * n + i] = 1;
            jacobian[1 * n + i] = ca;
            jacobian[2 * n + i] = sa;
            jacobian[3 * n + i] = (b5 * s4 - b6 * c4) * t4 / b4;
            jacobian[4 * n + i] = c4;
            jacobian[5 * n + i] = s4;
            jacobian[6 * n + i] = (b8 * s7 - b9 * c7) * t7 / b7;
            jacobian[7 * n + i] = c7;
            jacobian[8 * n + i] = s7;
        }
    }
}

/// <summary>b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)</summary>
public readonly struct Gauss1Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)";
    public static int ParameterCount => 8;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6]; double b8 = p[7];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e1 = Math.Exp(-b2 * x); double u = x - b4, v = x - b7; double g1 = Math.Exp(-u * u / (b5 * b5)); double g2 = Math.Exp(-v * v / (b8 * b8));
            values[i] = b1 * e1 + b3 * g1 + b6 * g2;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6]; double b8 = p[7];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e1 = Math.Exp(-b2 * x); double u = x - b4, v = x - b7; double g1 = Math.Exp(-u * u / (b5 * b5)); double g2 = Math.Exp(-v * v / (b8 * b8));
            values[i] = b1 * e1 + b3 * g1 + b6 * g2;
            jacobian[0 * n + i] = e1;
            jacobian[1 * n + i] = -b1 * x * e1;
            jacobian[2 * n + i] = g1;
            jacobian[3 * n + i] = b3 * g1 * 2 * u / (b5 * b5);
            jacobian[4 * n + i] = b3 * g1 * 2 * u * u / (b5 * b5 * b5);
            jacobian[5 * n + i] = g2;
            jacobian[6 * n + i] = b6 * g2 * 2 * v / (b8 * b8);
            jacobian[7 * n + i] = b6 * g2 * 2 * v * v / (b8 * b8 * b8);
        }
    }
}

/// <summary>(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)</summary>
public readonly struct Hahn1Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5", "b6", "b7"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)";
    public static int ParameterCount => 7;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double x2 = x * x, x3 = x2 * x; double num = b1 + b2 * x + b3 * x2 + b4 * x3; double den = 1 + b5 * x + b6 * x2 + b7 * x3; double q = num / den;
            values[i] = q;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double x2 = x * x, x3 = x2 * x; double num = b1 + b2 * x + b3 * x2 + b4 * x3; double den = 1 + b5 * x + b6 * x2 + b7 * x3; double q = num / den;
            values[i] = q;
            jacobian[0 * n + i] = 1 / den;
            jacobian[1 * n + i] = x / den;
            jacobian[2 * n + i] = x2 / den;
            jacobian[3 * n + i] = x3 / den;
            jacobian[4 * n + i] = -q * x / den;
            jacobian[5 * n + i] = -q * x2 / den;
            jacobian[6 * n + i] = -q * x3 / den;
        }
    }
}

/// <summary>(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)</summary>
public readonly struct ThurberModel : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5", "b6", "b7"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)";
    public static int ParameterCount => 7;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double x2 = x * x, x3 = x2 * x; double num = b1 + b2 * x + b3 * x2 + b4 * x3; double den = 1 + b5 * x + b6 * x2 + b7 * x3; double q = num / den;
            values[i] = q;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5]; double b7 = p[6];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double x2 = x * x, x3 = x2 * x; double num = b1 + b2 * x + b3 * x2 + b4 * x3; double den = 1 + b5 * x + b6 * x2 + b7 * x3; double q = num / den;
            values[i] = q;
            jacobian[0 * n + i] = 1 / den;
            jacobian[1 * n + i] = x / den;
            jacobian[2 * n + i] = x2 / den;
            jacobian[3 * n + i] = x3 / den;
            jacobian[4 * n + i] = -q * x / den;
            jacobian[5 * n + i] = -q * x2 / den;
            jacobian[6 * n + i] = -q * x3 / den;
        }
    }
}

/// <summary>(b1+b2*x+b3*x^2)/(1+b4*x+b5*x^2)</summary>
public readonly struct Kirby2Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "(b1+b2*x+b3*x^2)/(1+b4*x+b5*x^2)";
    public static int ParameterCount => 5;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double x2 = x * x; double num = b1 + b2 * x + b3 * x2; double den = 1 + b4 * x + b5 * x2; double q = num / den;
            values[i] = q;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double x2 = x * x; double num = b1 + b2 * x + b3 * x2; double den = 1 + b4 * x + b5 * x2; double q = num / den;
            values[i] = q;
            jacobian[0 * n + i] = 1 / den;
            jacobian[1 * n + i] = x / den;
            jacobian[2 * n + i] = x2 / den;
            jacobian[3 * n + i] = -q * x / den;
            jacobian[4 * n + i] = -q * x2 / den;
        }
    }
}

/// <summary>b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)</summary>
public readonly struct LanczosModel : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5", "b6"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)";
    public static int ParameterCount => 6;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e1 = Math.Exp(-b2 * x), e2 = Math.Exp(-b4 * x), e3 = Math.Exp(-b6 * x);
            values[i] = b1 * e1 + b3 * e2 + b5 * e3;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4]; double b6 = p[5];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e1 = Math.Exp(-b2 * x), e2 = Math.Exp(-b4 * x), e3 = Math.Exp(-b6 * x);
            values[i] = b1 * e1 + b3 * e2 + b5 * e3;
            jacobian[0 * n + i] = e1;
            jacobian[1 * n + i] = -b1 * x * e1;
            jacobian[2 * n + i] = e2;
            jacobian[3 * n + i] = -b3 * x * e2;
            jacobian[4 * n + i] = e3;
            jacobian[5 * n + i] = -b5 * x * e3;
        }
    }
}

/// <summary>b1*(x^2+x*b2)/(x^2+x*b3+b4)</summary>
public readonly struct Mgh09Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*(x^2+x*b2)/(x^2+x*b3+b4)";
    public static int ParameterCount => 4;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double num = x * x + x * b2; double den = x * x + x * b3 + b4; double q = num / den;
            values[i] = b1 * q;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double num = x * x + x * b2; double den = x * x + x * b3 + b4; double q = num / den;
            values[i] = b1 * q;
            jacobian[0 * n + i] = q;
            jacobian[1 * n + i] = b1 * x / den;
            jacobian[2 * n + i] = -b1 * q * x / den;
            jacobian[3 * n + i] = -b1 * q / den;
        }
    }
}

/// <summary>b1*exp(b2/(x+b3))</summary>
public readonly struct Mgh10Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*exp(b2/(x+b3))";
    public static int ParameterCount => 3;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double d = x + b3; double e = Math.Exp(b2 / d);
            values[i] = b1 * e;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double d = x + b3; double e = Math.Exp(b2 / d);
            values[i] = b1 * e;
            jacobian[0 * n + i] = e;
            jacobian[1 * n + i] = b1 * e / d;
            jacobian[2 * n + i] = -b1 * e * b2 / (d * d);
        }
    }
}

/// <summary>b1 + b2*exp(-x*b4) + b3*exp(-x*b5)</summary>
public readonly struct Mgh17Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3", "b4", "b5"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1 + b2*exp(-x*b4) + b3*exp(-x*b5)";
    public static int ParameterCount => 5;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e4 = Math.Exp(-x * b4), e5 = Math.Exp(-x * b5);
            values[i] = b1 + b2 * e4 + b3 * e5;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2]; double b4 = p[3]; double b5 = p[4];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double e4 = Math.Exp(-x * b4), e5 = Math.Exp(-x * b5);
            values[i] = b1 + b2 * e4 + b3 * e5;
            jacobian[0 * n + i] = 1;
            jacobian[1 * n + i] = e4;
            jacobian[2 * n + i] = e5;
            jacobian[3 * n + i] = -b2 * x * e4;
            jacobian[4 * n + i] = -b3 * x * e5;
        }
    }
}

/// <summary>b1*(b2+x)^(-1/b3)</summary>
public readonly struct Bennett5Model : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "b1*(b2+x)^(-1/b3)";
    public static int ParameterCount => 3;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double u = b2 + x; double pw = Math.Pow(u, -1 / b3);
            values[i] = b1 * pw;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x = xs[i];
            double u = b2 + x; double pw = Math.Pow(u, -1 / b3);
            values[i] = b1 * pw;
            jacobian[0 * n + i] = pw;
            jacobian[1 * n + i] = -b1 * pw / (b3 * u);
            jacobian[2 * n + i] = b1 * pw * Math.Log(u) / (b3 * b3);
        }
    }
}

/// <summary>b1 - b2*x1*exp(-b3*x2)</summary>
public readonly struct NelsonModel : IModel
{
    private static readonly string[] Names = ["b1", "b2", "b3"];
    private static readonly string[] Variables = ["x1", "x2"];

    public static string Formula => "b1 - b2*x1*exp(-b3*x2)";
    public static int ParameterCount => 3;
    public static int VariableCount => 2;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x1 = xs[0 * n + i]; double x2 = xs[1 * n + i];
            double e = Math.Exp(-b3 * x2);
            values[i] = b1 - b2 * x1 * e;
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> xs, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
    {
        int n = values.Length;
        double b1 = p[0]; double b2 = p[1]; double b3 = p[2];
        for (int i = 0; i < n; i++)
        {
            double x1 = xs[0 * n + i]; double x2 = xs[1 * n + i];
            double e = Math.Exp(-b3 * x2);
            values[i] = b1 - b2 * x1 * e;
            jacobian[0 * n + i] = 1;
            jacobian[1 * n + i] = -x1 * e;
            jacobian[2 * n + i] = b2 * x1 * x2 * e;
        }
    }
}
