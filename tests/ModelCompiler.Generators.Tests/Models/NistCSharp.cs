namespace ModelCompiler.Generators.Tests.Models;

/// <summary>NIST StRD models written as C# method bodies: the generator lowers them to the same graph.</summary>
public static partial class NistCSharp
{
    [Model]
    public static double Misra1a(double x, double b1, double b2) => b1 * (1 - Math.Exp(-b2 * x));

    [Model]
    public static double Bennett5(double x, double b1, double b2, double b3) => b1 * Math.Pow(b2 + x, -1 / b3);

    [Model]
    public static double MGH09(double x, double b1, double b2, double b3, double b4) =>
        b1 * (x * x + x * b2) / (x * x + x * b3 + b4);

    [Model]
    public static double Thurber(double x, double b1, double b2, double b3, double b4, double b5, double b6, double b7)
    {
        double x2 = x * x;
        double x3 = x2 * x;
        return (b1 + b2 * x + b3 * x2 + b4 * x3) / (1 + b5 * x + b6 * x2 + b7 * x3);
    }

    [Model]
    public static double ENSO(double x, double b1, double b2, double b3, double b4, double b5, double b6, double b7, double b8, double b9)
    {
        const double TwoPi = 2 * Math.PI;
        return b1 + b2 * Math.Cos(TwoPi * x / 12) + b3 * Math.Sin(TwoPi * x / 12)
             + b5 * Math.Cos(TwoPi * x / b4) + b6 * Math.Sin(TwoPi * x / b4)
             + b8 * Math.Cos(TwoPi * x / b7) + b9 * Math.Sin(TwoPi * x / b7);
    }
}
