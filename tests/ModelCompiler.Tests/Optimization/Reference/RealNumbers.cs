// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Optimization.Reference;

/// <summary>The arithmetic a formula needs, so one evaluator computes values, first and second derivatives.</summary>
public interface IReal<T> where T : unmanaged, IReal<T>
{
    static abstract T Constant(double value);
    static abstract double ValueOf(T x);
    static abstract T WithValue(T x, double value);
    static abstract T Add(T a, T b);
    static abstract T Subtract(T a, T b);
    static abstract T Multiply(T a, T b);
    static abstract T Negate(T a);
    /// <summary>f(x) from f(v), f′(v), f″(v) at x's value v.</summary>
    static abstract T Chain(T x, double f, double f1, double f2);
}

/// <summary>A plain number.</summary>
public readonly record struct Real(double V) : IReal<Real>
{
    public static Real Constant(double value) => new(value);
    public static double ValueOf(Real x) => x.V;
    public static Real WithValue(Real x, double value) => new(value);
    public static Real Add(Real a, Real b) => new(a.V + b.V);
    public static Real Subtract(Real a, Real b) => new(a.V - b.V);
    public static Real Multiply(Real a, Real b) => new(a.V * b.V);
    public static Real Negate(Real a) => new(-a.V);
    public static Real Chain(Real x, double f, double f1, double f2) => new(f);
}

/// <summary>v + dε with ε² = 0: one directional derivative.</summary>
public readonly record struct Dual(double V, double D) : IReal<Dual>
{
    public static Dual Constant(double value) => new(value, 0);
    public static double ValueOf(Dual x) => x.V;
    public static Dual WithValue(Dual x, double value) => x with { V = value };
    public static Dual Add(Dual a, Dual b) => new(a.V + b.V, a.D + b.D);
    public static Dual Subtract(Dual a, Dual b) => new(a.V - b.V, a.D - b.D);
    public static Dual Multiply(Dual a, Dual b) => new(a.V * b.V, a.D * b.V + a.V * b.D);
    public static Dual Negate(Dual a) => new(-a.V, -a.D);
    public static Dual Chain(Dual x, double f, double f1, double f2) => new(f, f1 * x.D);
}

/// <summary>v + aε₁ + bε₂ + cε₁ε₂ with ε₁² = ε₂² = 0: c is the second derivative along the two seeds.</summary>
public readonly record struct HyperDual(double V, double A, double B, double C) : IReal<HyperDual>
{
    public static HyperDual Constant(double value) => new(value, 0, 0, 0);
    public static double ValueOf(HyperDual x) => x.V;
    public static HyperDual WithValue(HyperDual x, double value) => x with { V = value };
    public static HyperDual Add(HyperDual a, HyperDual b) => new(a.V + b.V, a.A + b.A, a.B + b.B, a.C + b.C);
    public static HyperDual Subtract(HyperDual a, HyperDual b) => new(a.V - b.V, a.A - b.A, a.B - b.B, a.C - b.C);
    public static HyperDual Multiply(HyperDual a, HyperDual b)
        => new(a.V * b.V, a.A * b.V + a.V * b.A, a.B * b.V + a.V * b.B, a.C * b.V + a.A * b.B + a.B * b.A + a.V * b.C);
    public static HyperDual Negate(HyperDual a) => new(-a.V, -a.A, -a.B, -a.C);
    public static HyperDual Chain(HyperDual x, double f, double f1, double f2)
        => new(f, f1 * x.A, f1 * x.B, f1 * x.C + f2 * x.A * x.B);
}
