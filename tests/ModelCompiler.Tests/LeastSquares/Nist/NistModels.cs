// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.LeastSquares.Nist;

/// <summary>
/// The models of the NIST StRD nonlinear regression problems, compiled by the generator: the suite runs on the
/// kernels users get. Lanczos1 and Lanczos3 share a model, as Hahn1 and Thurber share a form. Nelson's response is
/// log(y): the model states log[y] = b1 - b2*x1*exp(-b3*x2), so it is fitted to the logarithm of the data's y column.
/// </summary>
public static partial class NistModels
{
    [Model("b1*(1-exp(-b2*x))")]
    public static partial double Misra1a(double x, double b1, double b2);

    [Model("b1*(1-(1+2*b2*x)^(-1/2))")]
    public static partial double Misra1c(double x, double b1, double b2);

    [Model("b1*(1-exp(-b2*x))")]
    public static partial double BoxBod(double x, double b1, double b2);

    [Model("exp(-b1*x)/(b2+b3*x)")]
    public static partial double Chwirut2(double x, double b1, double b2, double b3);

    [Model("b1*x^b2")]
    public static partial double DanWood(double x, double b1, double b2);

    [Model("b1 + b2*cos(2*pi*x/12) + b3*sin(2*pi*x/12) + b5*cos(2*pi*x/b4) + b6*sin(2*pi*x/b4) + b8*cos(2*pi*x/b7) + b9*sin(2*pi*x/b7)")]
    public static partial double Enso(double x, double b1, double b2, double b3, double b4, double b5, double b6, double b7, double b8, double b9);

    [Model("b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)")]
    public static partial double Gauss1(double x, double b1, double b2, double b3, double b4, double b5, double b6, double b7, double b8);

    [Model("(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)")]
    public static partial double Hahn1(double x, double b1, double b2, double b3, double b4, double b5, double b6, double b7);

    [Model("(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)")]
    public static partial double Thurber(double x, double b1, double b2, double b3, double b4, double b5, double b6, double b7);

    [Model("(b1+b2*x+b3*x^2)/(1+b4*x+b5*x^2)")]
    public static partial double Kirby2(double x, double b1, double b2, double b3, double b4, double b5);

    [Model("b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)")]
    public static partial double Lanczos(double x, double b1, double b2, double b3, double b4, double b5, double b6);

    [Model("b1*(x^2+x*b2)/(x^2+x*b3+b4)")]
    public static partial double Mgh09(double x, double b1, double b2, double b3, double b4);

    [Model("b1*exp(b2/(x+b3))")]
    public static partial double Mgh10(double x, double b1, double b2, double b3);

    [Model("b1 + b2*exp(-x*b4) + b3*exp(-x*b5)")]
    public static partial double Mgh17(double x, double b1, double b2, double b3, double b4, double b5);

    [Model("b1*(b2+x)^(-1/b3)")]
    public static partial double Bennett5(double x, double b1, double b2, double b3);

    [Model("b1 - b2*x1*exp(-b3*x2)")]
    public static partial double Nelson([Variable] double x1, [Variable] double x2, double b1, double b2, double b3);
}
