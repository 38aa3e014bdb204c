namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// The optimization and root-finding reference problems of /work/shared/reference/optimize/problems.json (copied to
/// Data/optimize) as generated types, for the minimizers and root finders: every problem with up to ten unknowns in
/// its written form (the file's "f", or its "residuals" for systems, with x1 … xn as the method's parameters), and the
/// problems of a hundred unknowns in indexed form, from their "sum_form" with indices from 0.
/// </summary>
/// <remarks>
/// Least-squares problems (Moré, Garbow and Hillstrom) are declared as objectives f = Σ rᵢ² (MGH's convention, without
/// a factor 1/2). The generated types are <c>{Name}Objective</c> (IObjective, and IScalarFunction for one unknown) and
/// <c>{Name}Equations</c> (IEquationSystem, and IScalarFunction for one equation in one unknown).
/// </remarks>
public static partial class ReferenceProblems
{
    // ---- Up to ten unknowns, as written in problems.json ----

    /// <summary>textbook-quadratic: f(x) = x^2 - 4x + 8 from x0 = 1.3.</summary>
    [Objective("x1^2 - 4*x1 + 8")]
    public static partial double TextbookQuadratic(double x1);

    /// <summary>mgh01-rosenbrock: Rosenbrock's banana valley (the 2-D Rosenbrock benchmark).</summary>
    [Objective("(10*(x2 - x1^2))^2 + (1 - x1)^2")]
    public static partial double Mgh01Rosenbrock(double x1, double x2);

    /// <summary>mgh02-freudenstein-roth: Freudenstein and Roth; a local minimum with f = 48.98 attracts most methods.</summary>
    [Objective("(-13 + x1 + ((5 - x2)*x2 - 2)*x2)^2 + (-29 + x1 + ((x2 + 1)*x2 - 14)*x2)^2")]
    public static partial double Mgh02FreudensteinRoth(double x1, double x2);

    /// <summary>mgh03-powell-badly-scaled: Powell's badly scaled function.</summary>
    [Objective("(10000*x1*x2 - 1)^2 + (exp(-x1) + exp(-x2) - 1.0001)^2")]
    public static partial double Mgh03PowellBadlyScaled(double x1, double x2);

    /// <summary>mgh05-beale: Beale.</summary>
    [Objective("(1.5 - x1*(1 - x2^1))^2 + (2.25 - x1*(1 - x2^2))^2 + (2.625 - x1*(1 - x2^3))^2")]
    public static partial double Mgh05Beale(double x1, double x2);

    /// <summary>mgh07-helical-valley: Fletcher and Powell's helical valley.</summary>
    [Objective("(10*(x3 - 10*(atan2(-x1, x2)/(2*pi) + 0.25)))^2 + (10*(sqrt(x1^2 + x2^2) - 1))^2 + (x3)^2")]
    public static partial double Mgh07HelicalValley(double x1, double x2, double x3);

    /// <summary>mgh08-bard: Bard's 15-point rational fit.</summary>
    [Objective("(0.14 - (x1 + 1/(15*x2 + 1*x3)))^2 + (0.18 - (x1 + 2/(14*x2 + 2*x3)))^2 + (0.22 - (x1 + 3/(13*x2 + 3*x3)))^2 + (0.25 - (x1 + 4/(12*x2 + 4*x3)))^2 + (0.29 - (x1 + 5/(11*x2 + 5*x3)))^2 + (0.32 - (x1 + 6/(10*x2 + 6*x3)))^2 + (0.35 - (x1 + 7/(9*x2 + 7*x3)))^2 + (0.39 - (x1 + 8/(8*x2 + 8*x3)))^2 + (0.37 - (x1 + 9/(7*x2 + 7*x3)))^2 + (0.58 - (x1 + 10/(6*x2 + 6*x3)))^2 + (0.73 - (x1 + 11/(5*x2 + 5*x3)))^2 + (0.96 - (x1 + 12/(4*x2 + 4*x3)))^2 + (1.34 - (x1 + 13/(3*x2 + 3*x3)))^2 + (2.1 - (x1 + 14/(2*x2 + 2*x3)))^2 + (4.39 - (x1 + 15/(1*x2 + 1*x3)))^2")]
    public static partial double Mgh08Bard(double x1, double x2, double x3);

    /// <summary>mgh09-gaussian: Gaussian function; f(x0) = 3.9e-6 is already small.</summary>
    [Objective("(x1*exp(-x2*(3.5 - x3)^2/2) - 0.0009)^2 + (x1*exp(-x2*(3 - x3)^2/2) - 0.0044)^2 + (x1*exp(-x2*(2.5 - x3)^2/2) - 0.0175)^2 + (x1*exp(-x2*(2 - x3)^2/2) - 0.054)^2 + (x1*exp(-x2*(1.5 - x3)^2/2) - 0.1295)^2 + (x1*exp(-x2*(1 - x3)^2/2) - 0.242)^2 + (x1*exp(-x2*(0.5 - x3)^2/2) - 0.3521)^2 + (x1*exp(-x2*(0 - x3)^2/2) - 0.3989)^2 + (x1*exp(-x2*(-0.5 - x3)^2/2) - 0.3521)^2 + (x1*exp(-x2*(-1 - x3)^2/2) - 0.242)^2 + (x1*exp(-x2*(-1.5 - x3)^2/2) - 0.1295)^2 + (x1*exp(-x2*(-2 - x3)^2/2) - 0.054)^2 + (x1*exp(-x2*(-2.5 - x3)^2/2) - 0.0175)^2 + (x1*exp(-x2*(-3 - x3)^2/2) - 0.0044)^2 + (x1*exp(-x2*(-3.5 - x3)^2/2) - 0.0009)^2")]
    public static partial double Mgh09Gaussian(double x1, double x2, double x3);

    /// <summary>mgh12-box3d: Box three-dimensional function, m = 10.</summary>
    [Objective("(exp(-0.1*x1) - exp(-0.1*x2) - x3*(exp(-0.1) - exp(-1)))^2 + (exp(-0.2*x1) - exp(-0.2*x2) - x3*(exp(-0.2) - exp(-2)))^2 + (exp(-0.3*x1) - exp(-0.3*x2) - x3*(exp(-0.3) - exp(-3)))^2 + (exp(-0.4*x1) - exp(-0.4*x2) - x3*(exp(-0.4) - exp(-4)))^2 + (exp(-0.5*x1) - exp(-0.5*x2) - x3*(exp(-0.5) - exp(-5)))^2 + (exp(-0.6*x1) - exp(-0.6*x2) - x3*(exp(-0.6) - exp(-6)))^2 + (exp(-0.7*x1) - exp(-0.7*x2) - x3*(exp(-0.7) - exp(-7)))^2 + (exp(-0.8*x1) - exp(-0.8*x2) - x3*(exp(-0.8) - exp(-8)))^2 + (exp(-0.9*x1) - exp(-0.9*x2) - x3*(exp(-0.9) - exp(-9)))^2 + (exp(-1*x1) - exp(-1*x2) - x3*(exp(-1) - exp(-10)))^2")]
    public static partial double Mgh12Box3d(double x1, double x2, double x3);

    /// <summary>mgh13-powell-singular: Powell singular function; the Hessian is singular at the minimum.</summary>
    [Objective("(x1 + 10*x2)^2 + (sqrt(5)*(x3 - x4))^2 + ((x2 - 2*x3)^2)^2 + (sqrt(10)*(x1 - x4)^2)^2")]
    public static partial double Mgh13PowellSingular(double x1, double x2, double x3, double x4);

    /// <summary>mgh14-wood: Wood (Colville) function.</summary>
    [Objective("(10*(x2 - x1^2))^2 + (1 - x1)^2 + (sqrt(90)*(x4 - x3^2))^2 + (1 - x3)^2 + (sqrt(10)*(x2 + x4 - 2))^2 + ((x2 - x4)/sqrt(10))^2")]
    public static partial double Mgh14Wood(double x1, double x2, double x3, double x4);

    /// <summary>mgh15-kowalik-osborne: Kowalik and Osborne enzyme kinetics fit.</summary>
    [Objective("(0.1957 - x1*(4^2 + 4*x2)/(4^2 + 4*x3 + x4))^2 + (0.1947 - x1*(2^2 + 2*x2)/(2^2 + 2*x3 + x4))^2 + (0.1735 - x1*(1^2 + 1*x2)/(1^2 + 1*x3 + x4))^2 + (0.16 - x1*(0.5^2 + 0.5*x2)/(0.5^2 + 0.5*x3 + x4))^2 + (0.0844 - x1*(0.25^2 + 0.25*x2)/(0.25^2 + 0.25*x3 + x4))^2 + (0.0627 - x1*(0.167^2 + 0.167*x2)/(0.167^2 + 0.167*x3 + x4))^2 + (0.0456 - x1*(0.125^2 + 0.125*x2)/(0.125^2 + 0.125*x3 + x4))^2 + (0.0342 - x1*(0.1^2 + 0.1*x2)/(0.1^2 + 0.1*x3 + x4))^2 + (0.0323 - x1*(0.0833^2 + 0.0833*x2)/(0.0833^2 + 0.0833*x3 + x4))^2 + (0.0235 - x1*(0.0714^2 + 0.0714*x2)/(0.0714^2 + 0.0714*x3 + x4))^2 + (0.0246 - x1*(0.0625^2 + 0.0625*x2)/(0.0625^2 + 0.0625*x3 + x4))^2")]
    public static partial double Mgh15KowalikOsborne(double x1, double x2, double x3, double x4);

    /// <summary>mgh16-brown-dennis: Brown and Dennis, m = 20 (large f*).</summary>
    [Objective("((x1 + 0.2*x2 - exp(0.2))^2 + (x3 + x4*sin(0.2) - cos(0.2))^2)^2 + ((x1 + 0.4*x2 - exp(0.4))^2 + (x3 + x4*sin(0.4) - cos(0.4))^2)^2 + ((x1 + 0.6*x2 - exp(0.6))^2 + (x3 + x4*sin(0.6) - cos(0.6))^2)^2 + ((x1 + 0.8*x2 - exp(0.8))^2 + (x3 + x4*sin(0.8) - cos(0.8))^2)^2 + ((x1 + 1*x2 - exp(1))^2 + (x3 + x4*sin(1) - cos(1))^2)^2 + ((x1 + 1.2*x2 - exp(1.2))^2 + (x3 + x4*sin(1.2) - cos(1.2))^2)^2 + ((x1 + 1.4*x2 - exp(1.4))^2 + (x3 + x4*sin(1.4) - cos(1.4))^2)^2 + ((x1 + 1.6*x2 - exp(1.6))^2 + (x3 + x4*sin(1.6) - cos(1.6))^2)^2 + ((x1 + 1.8*x2 - exp(1.8))^2 + (x3 + x4*sin(1.8) - cos(1.8))^2)^2 + ((x1 + 2*x2 - exp(2))^2 + (x3 + x4*sin(2) - cos(2))^2)^2 + ((x1 + 2.2*x2 - exp(2.2))^2 + (x3 + x4*sin(2.2) - cos(2.2))^2)^2 + ((x1 + 2.4*x2 - exp(2.4))^2 + (x3 + x4*sin(2.4) - cos(2.4))^2)^2 + ((x1 + 2.6*x2 - exp(2.6))^2 + (x3 + x4*sin(2.6) - cos(2.6))^2)^2 + ((x1 + 2.8*x2 - exp(2.8))^2 + (x3 + x4*sin(2.8) - cos(2.8))^2)^2 + ((x1 + 3*x2 - exp(3))^2 + (x3 + x4*sin(3) - cos(3))^2)^2 + ((x1 + 3.2*x2 - exp(3.2))^2 + (x3 + x4*sin(3.2) - cos(3.2))^2)^2 + ((x1 + 3.4*x2 - exp(3.4))^2 + (x3 + x4*sin(3.4) - cos(3.4))^2)^2 + ((x1 + 3.6*x2 - exp(3.6))^2 + (x3 + x4*sin(3.6) - cos(3.6))^2)^2 + ((x1 + 3.8*x2 - exp(3.8))^2 + (x3 + x4*sin(3.8) - cos(3.8))^2)^2 + ((x1 + 4*x2 - exp(4))^2 + (x3 + x4*sin(4) - cos(4))^2)^2")]
    public static partial double Mgh16BrownDennis(double x1, double x2, double x3, double x4);

    /// <summary>mgh17-osborne1: Osborne 1: sum of two exponentials.</summary>
    [Objective("(0.844 - (x1 + x2*exp(-0*x4) + x3*exp(-0*x5)))^2 + (0.908 - (x1 + x2*exp(-10*x4) + x3*exp(-10*x5)))^2 + (0.932 - (x1 + x2*exp(-20*x4) + x3*exp(-20*x5)))^2 + (0.936 - (x1 + x2*exp(-30*x4) + x3*exp(-30*x5)))^2 + (0.925 - (x1 + x2*exp(-40*x4) + x3*exp(-40*x5)))^2 + (0.908 - (x1 + x2*exp(-50*x4) + x3*exp(-50*x5)))^2 + (0.881 - (x1 + x2*exp(-60*x4) + x3*exp(-60*x5)))^2 + (0.85 - (x1 + x2*exp(-70*x4) + x3*exp(-70*x5)))^2 + (0.818 - (x1 + x2*exp(-80*x4) + x3*exp(-80*x5)))^2 + (0.784 - (x1 + x2*exp(-90*x4) + x3*exp(-90*x5)))^2 + (0.751 - (x1 + x2*exp(-100*x4) + x3*exp(-100*x5)))^2 + (0.718 - (x1 + x2*exp(-110*x4) + x3*exp(-110*x5)))^2 + (0.685 - (x1 + x2*exp(-120*x4) + x3*exp(-120*x5)))^2 + (0.658 - (x1 + x2*exp(-130*x4) + x3*exp(-130*x5)))^2 + (0.628 - (x1 + x2*exp(-140*x4) + x3*exp(-140*x5)))^2 + (0.603 - (x1 + x2*exp(-150*x4) + x3*exp(-150*x5)))^2 + (0.58 - (x1 + x2*exp(-160*x4) + x3*exp(-160*x5)))^2 + (0.558 - (x1 + x2*exp(-170*x4) + x3*exp(-170*x5)))^2 + (0.538 - (x1 + x2*exp(-180*x4) + x3*exp(-180*x5)))^2 + (0.522 - (x1 + x2*exp(-190*x4) + x3*exp(-190*x5)))^2 + (0.506 - (x1 + x2*exp(-200*x4) + x3*exp(-200*x5)))^2 + (0.49 - (x1 + x2*exp(-210*x4) + x3*exp(-210*x5)))^2 + (0.478 - (x1 + x2*exp(-220*x4) + x3*exp(-220*x5)))^2 + (0.467 - (x1 + x2*exp(-230*x4) + x3*exp(-230*x5)))^2 + (0.457 - (x1 + x2*exp(-240*x4) + x3*exp(-240*x5)))^2 + (0.448 - (x1 + x2*exp(-250*x4) + x3*exp(-250*x5)))^2 + (0.438 - (x1 + x2*exp(-260*x4) + x3*exp(-260*x5)))^2 + (0.431 - (x1 + x2*exp(-270*x4) + x3*exp(-270*x5)))^2 + (0.424 - (x1 + x2*exp(-280*x4) + x3*exp(-280*x5)))^2 + (0.42 - (x1 + x2*exp(-290*x4) + x3*exp(-290*x5)))^2 + (0.414 - (x1 + x2*exp(-300*x4) + x3*exp(-300*x5)))^2 + (0.411 - (x1 + x2*exp(-310*x4) + x3*exp(-310*x5)))^2 + (0.406 - (x1 + x2*exp(-320*x4) + x3*exp(-320*x5)))^2")]
    public static partial double Mgh17Osborne1(double x1, double x2, double x3, double x4, double x5);

    /// <summary>mgh20-watson-n6: Watson's polynomial fit, n = 6, m = 31.</summary>
    [Objective("(x2 + 2*x3*(1/29) + 3*x4*(1/29)^2 + 4*x5*(1/29)^3 + 5*x6*(1/29)^4 - (x1 + x2*(1/29) + x3*(1/29)^2 + x4*(1/29)^3 + x5*(1/29)^4 + x6*(1/29)^5)^2 - 1)^2 + (x2 + 2*x3*(2/29) + 3*x4*(2/29)^2 + 4*x5*(2/29)^3 + 5*x6*(2/29)^4 - (x1 + x2*(2/29) + x3*(2/29)^2 + x4*(2/29)^3 + x5*(2/29)^4 + x6*(2/29)^5)^2 - 1)^2 + (x2 + 2*x3*(3/29) + 3*x4*(3/29)^2 + 4*x5*(3/29)^3 + 5*x6*(3/29)^4 - (x1 + x2*(3/29) + x3*(3/29)^2 + x4*(3/29)^3 + x5*(3/29)^4 + x6*(3/29)^5)^2 - 1)^2 + (x2 + 2*x3*(4/29) + 3*x4*(4/29)^2 + 4*x5*(4/29)^3 + 5*x6*(4/29)^4 - (x1 + x2*(4/29) + x3*(4/29)^2 + x4*(4/29)^3 + x5*(4/29)^4 + x6*(4/29)^5)^2 - 1)^2 + (x2 + 2*x3*(5/29) + 3*x4*(5/29)^2 + 4*x5*(5/29)^3 + 5*x6*(5/29)^4 - (x1 + x2*(5/29) + x3*(5/29)^2 + x4*(5/29)^3 + x5*(5/29)^4 + x6*(5/29)^5)^2 - 1)^2 + (x2 + 2*x3*(6/29) + 3*x4*(6/29)^2 + 4*x5*(6/29)^3 + 5*x6*(6/29)^4 - (x1 + x2*(6/29) + x3*(6/29)^2 + x4*(6/29)^3 + x5*(6/29)^4 + x6*(6/29)^5)^2 - 1)^2 + (x2 + 2*x3*(7/29) + 3*x4*(7/29)^2 + 4*x5*(7/29)^3 + 5*x6*(7/29)^4 - (x1 + x2*(7/29) + x3*(7/29)^2 + x4*(7/29)^3 + x5*(7/29)^4 + x6*(7/29)^5)^2 - 1)^2 + (x2 + 2*x3*(8/29) + 3*x4*(8/29)^2 + 4*x5*(8/29)^3 + 5*x6*(8/29)^4 - (x1 + x2*(8/29) + x3*(8/29)^2 + x4*(8/29)^3 + x5*(8/29)^4 + x6*(8/29)^5)^2 - 1)^2 + (x2 + 2*x3*(9/29) + 3*x4*(9/29)^2 + 4*x5*(9/29)^3 + 5*x6*(9/29)^4 - (x1 + x2*(9/29) + x3*(9/29)^2 + x4*(9/29)^3 + x5*(9/29)^4 + x6*(9/29)^5)^2 - 1)^2 + (x2 + 2*x3*(10/29) + 3*x4*(10/29)^2 + 4*x5*(10/29)^3 + 5*x6*(10/29)^4 - (x1 + x2*(10/29) + x3*(10/29)^2 + x4*(10/29)^3 + x5*(10/29)^4 + x6*(10/29)^5)^2 - 1)^2 + (x2 + 2*x3*(11/29) + 3*x4*(11/29)^2 + 4*x5*(11/29)^3 + 5*x6*(11/29)^4 - (x1 + x2*(11/29) + x3*(11/29)^2 + x4*(11/29)^3 + x5*(11/29)^4 + x6*(11/29)^5)^2 - 1)^2 + (x2 + 2*x3*(12/29) + 3*x4*(12/29)^2 + 4*x5*(12/29)^3 + 5*x6*(12/29)^4 - (x1 + x2*(12/29) + x3*(12/29)^2 + x4*(12/29)^3 + x5*(12/29)^4 + x6*(12/29)^5)^2 - 1)^2 + (x2 + 2*x3*(13/29) + 3*x4*(13/29)^2 + 4*x5*(13/29)^3 + 5*x6*(13/29)^4 - (x1 + x2*(13/29) + x3*(13/29)^2 + x4*(13/29)^3 + x5*(13/29)^4 + x6*(13/29)^5)^2 - 1)^2 + (x2 + 2*x3*(14/29) + 3*x4*(14/29)^2 + 4*x5*(14/29)^3 + 5*x6*(14/29)^4 - (x1 + x2*(14/29) + x3*(14/29)^2 + x4*(14/29)^3 + x5*(14/29)^4 + x6*(14/29)^5)^2 - 1)^2 + (x2 + 2*x3*(15/29) + 3*x4*(15/29)^2 + 4*x5*(15/29)^3 + 5*x6*(15/29)^4 - (x1 + x2*(15/29) + x3*(15/29)^2 + x4*(15/29)^3 + x5*(15/29)^4 + x6*(15/29)^5)^2 - 1)^2 + (x2 + 2*x3*(16/29) + 3*x4*(16/29)^2 + 4*x5*(16/29)^3 + 5*x6*(16/29)^4 - (x1 + x2*(16/29) + x3*(16/29)^2 + x4*(16/29)^3 + x5*(16/29)^4 + x6*(16/29)^5)^2 - 1)^2 + (x2 + 2*x3*(17/29) + 3*x4*(17/29)^2 + 4*x5*(17/29)^3 + 5*x6*(17/29)^4 - (x1 + x2*(17/29) + x3*(17/29)^2 + x4*(17/29)^3 + x5*(17/29)^4 + x6*(17/29)^5)^2 - 1)^2 + (x2 + 2*x3*(18/29) + 3*x4*(18/29)^2 + 4*x5*(18/29)^3 + 5*x6*(18/29)^4 - (x1 + x2*(18/29) + x3*(18/29)^2 + x4*(18/29)^3 + x5*(18/29)^4 + x6*(18/29)^5)^2 - 1)^2 + (x2 + 2*x3*(19/29) + 3*x4*(19/29)^2 + 4*x5*(19/29)^3 + 5*x6*(19/29)^4 - (x1 + x2*(19/29) + x3*(19/29)^2 + x4*(19/29)^3 + x5*(19/29)^4 + x6*(19/29)^5)^2 - 1)^2 + (x2 + 2*x3*(20/29) + 3*x4*(20/29)^2 + 4*x5*(20/29)^3 + 5*x6*(20/29)^4 - (x1 + x2*(20/29) + x3*(20/29)^2 + x4*(20/29)^3 + x5*(20/29)^4 + x6*(20/29)^5)^2 - 1)^2 + (x2 + 2*x3*(21/29) + 3*x4*(21/29)^2 + 4*x5*(21/29)^3 + 5*x6*(21/29)^4 - (x1 + x2*(21/29) + x3*(21/29)^2 + x4*(21/29)^3 + x5*(21/29)^4 + x6*(21/29)^5)^2 - 1)^2 + (x2 + 2*x3*(22/29) + 3*x4*(22/29)^2 + 4*x5*(22/29)^3 + 5*x6*(22/29)^4 - (x1 + x2*(22/29) + x3*(22/29)^2 + x4*(22/29)^3 + x5*(22/29)^4 + x6*(22/29)^5)^2 - 1)^2 + (x2 + 2*x3*(23/29) + 3*x4*(23/29)^2 + 4*x5*(23/29)^3 + 5*x6*(23/29)^4 - (x1 + x2*(23/29) + x3*(23/29)^2 + x4*(23/29)^3 + x5*(23/29)^4 + x6*(23/29)^5)^2 - 1)^2 + (x2 + 2*x3*(24/29) + 3*x4*(24/29)^2 + 4*x5*(24/29)^3 + 5*x6*(24/29)^4 - (x1 + x2*(24/29) + x3*(24/29)^2 + x4*(24/29)^3 + x5*(24/29)^4 + x6*(24/29)^5)^2 - 1)^2 + (x2 + 2*x3*(25/29) + 3*x4*(25/29)^2 + 4*x5*(25/29)^3 + 5*x6*(25/29)^4 - (x1 + x2*(25/29) + x3*(25/29)^2 + x4*(25/29)^3 + x5*(25/29)^4 + x6*(25/29)^5)^2 - 1)^2 + (x2 + 2*x3*(26/29) + 3*x4*(26/29)^2 + 4*x5*(26/29)^3 + 5*x6*(26/29)^4 - (x1 + x2*(26/29) + x3*(26/29)^2 + x4*(26/29)^3 + x5*(26/29)^4 + x6*(26/29)^5)^2 - 1)^2 + (x2 + 2*x3*(27/29) + 3*x4*(27/29)^2 + 4*x5*(27/29)^3 + 5*x6*(27/29)^4 - (x1 + x2*(27/29) + x3*(27/29)^2 + x4*(27/29)^3 + x5*(27/29)^4 + x6*(27/29)^5)^2 - 1)^2 + (x2 + 2*x3*(28/29) + 3*x4*(28/29)^2 + 4*x5*(28/29)^3 + 5*x6*(28/29)^4 - (x1 + x2*(28/29) + x3*(28/29)^2 + x4*(28/29)^3 + x5*(28/29)^4 + x6*(28/29)^5)^2 - 1)^2 + (x2 + 2*x3*(29/29) + 3*x4*(29/29)^2 + 4*x5*(29/29)^3 + 5*x6*(29/29)^4 - (x1 + x2*(29/29) + x3*(29/29)^2 + x4*(29/29)^3 + x5*(29/29)^4 + x6*(29/29)^5)^2 - 1)^2 + (x1)^2 + (x2 - x1^2 - 1)^2")]
    public static partial double Mgh20WatsonN6(double x1, double x2, double x3, double x4, double x5, double x6);

    /// <summary>mgh23-penalty1-n10: Penalty function I, n = 10.</summary>
    [Objective("(sqrt(0.00001)*(x1 - 1))^2 + (sqrt(0.00001)*(x2 - 1))^2 + (sqrt(0.00001)*(x3 - 1))^2 + (sqrt(0.00001)*(x4 - 1))^2 + (sqrt(0.00001)*(x5 - 1))^2 + (sqrt(0.00001)*(x6 - 1))^2 + (sqrt(0.00001)*(x7 - 1))^2 + (sqrt(0.00001)*(x8 - 1))^2 + (sqrt(0.00001)*(x9 - 1))^2 + (sqrt(0.00001)*(x10 - 1))^2 + ((x1^2 + x2^2 + x3^2 + x4^2 + x5^2 + x6^2 + x7^2 + x8^2 + x9^2 + x10^2) - 0.25)^2")]
    public static partial double Mgh23Penalty1N10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh25-variably-dimensioned-n10: Variably dimensioned function, n = 10.</summary>
    [Objective("(x1 - 1)^2 + (x2 - 1)^2 + (x3 - 1)^2 + (x4 - 1)^2 + (x5 - 1)^2 + (x6 - 1)^2 + (x7 - 1)^2 + (x8 - 1)^2 + (x9 - 1)^2 + (x10 - 1)^2 + ((x1 - 1) + 2*(x2 - 1) + 3*(x3 - 1) + 4*(x4 - 1) + 5*(x5 - 1) + 6*(x6 - 1) + 7*(x7 - 1) + 8*(x8 - 1) + 9*(x9 - 1) + 10*(x10 - 1))^2 + (((x1 - 1) + 2*(x2 - 1) + 3*(x3 - 1) + 4*(x4 - 1) + 5*(x5 - 1) + 6*(x6 - 1) + 7*(x7 - 1) + 8*(x8 - 1) + 9*(x9 - 1) + 10*(x10 - 1))^2)^2")]
    public static partial double Mgh25VariablyDimensionedN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh27-brown-almost-linear-n10: Brown almost-linear function, n = 10.</summary>
    [Objective("(x1 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x2 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x3 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x4 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x5 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x6 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x7 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x8 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x9 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11)^2 + (x1*x2*x3*x4*x5*x6*x7*x8*x9*x10 - 1)^2")]
    public static partial double Mgh27BrownAlmostLinearN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh28-discrete-bv-n10: Discrete boundary value function, n = 10.</summary>
    [Objective("(2*x1 - x2 + (1/11)^2*(x1 + 1/11 + 1)^3/2)^2 + (2*x2 - x1 - x3 + (1/11)^2*(x2 + 2/11 + 1)^3/2)^2 + (2*x3 - x2 - x4 + (1/11)^2*(x3 + 3/11 + 1)^3/2)^2 + (2*x4 - x3 - x5 + (1/11)^2*(x4 + 4/11 + 1)^3/2)^2 + (2*x5 - x4 - x6 + (1/11)^2*(x5 + 5/11 + 1)^3/2)^2 + (2*x6 - x5 - x7 + (1/11)^2*(x6 + 6/11 + 1)^3/2)^2 + (2*x7 - x6 - x8 + (1/11)^2*(x7 + 7/11 + 1)^3/2)^2 + (2*x8 - x7 - x9 + (1/11)^2*(x8 + 8/11 + 1)^3/2)^2 + (2*x9 - x8 - x10 + (1/11)^2*(x9 + 9/11 + 1)^3/2)^2 + (2*x10 - x9 + (1/11)^2*(x10 + 10/11 + 1)^3/2)^2")]
    public static partial double Mgh28DiscreteBvN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh30-broyden-tridiagonal-n10: Broyden tridiagonal function, n = 10.</summary>
    [Objective("((3 - 2*x1)*x1 - 2*x2 + 1)^2 + ((3 - 2*x2)*x2 - x1 - 2*x3 + 1)^2 + ((3 - 2*x3)*x3 - x2 - 2*x4 + 1)^2 + ((3 - 2*x4)*x4 - x3 - 2*x5 + 1)^2 + ((3 - 2*x5)*x5 - x4 - 2*x6 + 1)^2 + ((3 - 2*x6)*x6 - x5 - 2*x7 + 1)^2 + ((3 - 2*x7)*x7 - x6 - 2*x8 + 1)^2 + ((3 - 2*x8)*x8 - x7 - 2*x9 + 1)^2 + ((3 - 2*x9)*x9 - x8 - 2*x10 + 1)^2 + ((3 - 2*x10)*x10 - x9 + 1)^2")]
    public static partial double Mgh30BroydenTridiagonalN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh31-broyden-banded-n10: Broyden banded function, n = 10.</summary>
    [Objective("(x1*(2 + 5*x1^2) + 1 - x2*(1 + x2))^2 + (x2*(2 + 5*x2^2) + 1 - x1*(1 + x1) - x3*(1 + x3))^2 + (x3*(2 + 5*x3^2) + 1 - x1*(1 + x1) - x2*(1 + x2) - x4*(1 + x4))^2 + (x4*(2 + 5*x4^2) + 1 - x1*(1 + x1) - x2*(1 + x2) - x3*(1 + x3) - x5*(1 + x5))^2 + (x5*(2 + 5*x5^2) + 1 - x1*(1 + x1) - x2*(1 + x2) - x3*(1 + x3) - x4*(1 + x4) - x6*(1 + x6))^2 + (x6*(2 + 5*x6^2) + 1 - x1*(1 + x1) - x2*(1 + x2) - x3*(1 + x3) - x4*(1 + x4) - x5*(1 + x5) - x7*(1 + x7))^2 + (x7*(2 + 5*x7^2) + 1 - x2*(1 + x2) - x3*(1 + x3) - x4*(1 + x4) - x5*(1 + x5) - x6*(1 + x6) - x8*(1 + x8))^2 + (x8*(2 + 5*x8^2) + 1 - x3*(1 + x3) - x4*(1 + x4) - x5*(1 + x5) - x6*(1 + x6) - x7*(1 + x7) - x9*(1 + x9))^2 + (x9*(2 + 5*x9^2) + 1 - x4*(1 + x4) - x5*(1 + x5) - x6*(1 + x6) - x7*(1 + x7) - x8*(1 + x8) - x10*(1 + x10))^2 + (x10*(2 + 5*x10^2) + 1 - x5*(1 + x5) - x6*(1 + x6) - x7*(1 + x7) - x8*(1 + x8) - x9*(1 + x9))^2")]
    public static partial double Mgh31BroydenBandedN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh32-linear-full-rank-n10-m20: Linear function, full rank, n = 10, m = 20.</summary>
    [Objective("(x1 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x2 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x3 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x4 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x5 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x6 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x7 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x8 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x9 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (x10 - 2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2 + (-2/20*(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10) - 1)^2")]
    public static partial double Mgh32LinearFullRankN10M20(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh33-linear-rank1-n10-m20: Linear function, rank 1, n = 10, m = 20.</summary>
    [Objective("((x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (2*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (3*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (4*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (5*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (6*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (7*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (8*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (9*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (10*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (11*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (12*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (13*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (14*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (15*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (16*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (17*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (18*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (19*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2 + (20*(x1 + 2*x2 + 3*x3 + 4*x4 + 5*x5 + 6*x6 + 7*x7 + 8*x8 + 9*x9 + 10*x10) - 1)^2")]
    public static partial double Mgh33LinearRank1N10M20(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>mgh35-chebyquad-n8: Chebyquad, n = m = 8.</summary>
    [Objective("(((2*x1 - 1) + (2*x2 - 1) + (2*x3 - 1) + (2*x4 - 1) + (2*x5 - 1) + (2*x6 - 1) + (2*x7 - 1) + (2*x8 - 1))/8)^2 + (((x1*(8*x1 - 8) + 1) + (x2*(8*x2 - 8) + 1) + (x3*(8*x3 - 8) + 1) + (x4*(8*x4 - 8) + 1) + (x5*(8*x5 - 8) + 1) + (x6*(8*x6 - 8) + 1) + (x7*(8*x7 - 8) + 1) + (x8*(8*x8 - 8) + 1))/8 + 1/3)^2 + (((x1*(x1*(32*x1 - 48) + 18) - 1) + (x2*(x2*(32*x2 - 48) + 18) - 1) + (x3*(x3*(32*x3 - 48) + 18) - 1) + (x4*(x4*(32*x4 - 48) + 18) - 1) + (x5*(x5*(32*x5 - 48) + 18) - 1) + (x6*(x6*(32*x6 - 48) + 18) - 1) + (x7*(x7*(32*x7 - 48) + 18) - 1) + (x8*(x8*(32*x8 - 48) + 18) - 1))/8)^2 + (((x1*(x1*(x1*(128*x1 - 256) + 160) - 32) + 1) + (x2*(x2*(x2*(128*x2 - 256) + 160) - 32) + 1) + (x3*(x3*(x3*(128*x3 - 256) + 160) - 32) + 1) + (x4*(x4*(x4*(128*x4 - 256) + 160) - 32) + 1) + (x5*(x5*(x5*(128*x5 - 256) + 160) - 32) + 1) + (x6*(x6*(x6*(128*x6 - 256) + 160) - 32) + 1) + (x7*(x7*(x7*(128*x7 - 256) + 160) - 32) + 1) + (x8*(x8*(x8*(128*x8 - 256) + 160) - 32) + 1))/8 + 1/15)^2 + (((x1*(x1*(x1*(x1*(512*x1 - 1280) + 1120) - 400) + 50) - 1) + (x2*(x2*(x2*(x2*(512*x2 - 1280) + 1120) - 400) + 50) - 1) + (x3*(x3*(x3*(x3*(512*x3 - 1280) + 1120) - 400) + 50) - 1) + (x4*(x4*(x4*(x4*(512*x4 - 1280) + 1120) - 400) + 50) - 1) + (x5*(x5*(x5*(x5*(512*x5 - 1280) + 1120) - 400) + 50) - 1) + (x6*(x6*(x6*(x6*(512*x6 - 1280) + 1120) - 400) + 50) - 1) + (x7*(x7*(x7*(x7*(512*x7 - 1280) + 1120) - 400) + 50) - 1) + (x8*(x8*(x8*(x8*(512*x8 - 1280) + 1120) - 400) + 50) - 1))/8)^2 + (((x1*(x1*(x1*(x1*(x1*(2048*x1 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x2*(x2*(x2*(x2*(x2*(2048*x2 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x3*(x3*(x3*(x3*(x3*(2048*x3 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x4*(x4*(x4*(x4*(x4*(2048*x4 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x5*(x5*(x5*(x5*(x5*(2048*x5 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x6*(x6*(x6*(x6*(x6*(2048*x6 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x7*(x7*(x7*(x7*(x7*(2048*x7 - 6144) + 6912) - 3584) + 840) - 72) + 1) + (x8*(x8*(x8*(x8*(x8*(2048*x8 - 6144) + 6912) - 3584) + 840) - 72) + 1))/8 + 1/35)^2 + (((x1*(x1*(x1*(x1*(x1*(x1*(8192*x1 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x2*(x2*(x2*(x2*(x2*(x2*(8192*x2 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x3*(x3*(x3*(x3*(x3*(x3*(8192*x3 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x4*(x4*(x4*(x4*(x4*(x4*(8192*x4 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x5*(x5*(x5*(x5*(x5*(x5*(8192*x5 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x6*(x6*(x6*(x6*(x6*(x6*(8192*x6 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x7*(x7*(x7*(x7*(x7*(x7*(8192*x7 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1) + (x8*(x8*(x8*(x8*(x8*(x8*(8192*x8 - 28672) + 39424) - 26880) + 9408) - 1568) + 98) - 1))/8)^2 + (((x1*(x1*(x1*(x1*(x1*(x1*(x1*(32768*x1 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x2*(x2*(x2*(x2*(x2*(x2*(x2*(32768*x2 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x3*(x3*(x3*(x3*(x3*(x3*(x3*(32768*x3 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x4*(x4*(x4*(x4*(x4*(x4*(x4*(32768*x4 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x5*(x5*(x5*(x5*(x5*(x5*(x5*(32768*x5 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x6*(x6*(x6*(x6*(x6*(x6*(x6*(32768*x6 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x7*(x7*(x7*(x7*(x7*(x7*(x7*(32768*x7 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1) + (x8*(x8*(x8*(x8*(x8*(x8*(x8*(32768*x8 - 131072) + 212992) - 180224) + 84480) - 21504) + 2688) - 128) + 1))/8 + 1/63)^2")]
    public static partial double Mgh35ChebyquadN8(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8);

    /// <summary>hs002: Rosenbrock with a bound that excludes (1, 1).</summary>
    [Objective("100*(x2 - x1^2)^2 + (1 - x1)^2")]
    public static partial double Hs002(double x1, double x2);

    /// <summary>hs004: both bounds active at the solution.</summary>
    [Objective("(x1 + 1)^3/3 + x2")]
    public static partial double Hs004(double x1, double x2);

    /// <summary>hs005: McCormick function; minimizer interior.</summary>
    [Objective("sin(x1 + x2) + (x1 - x2)^2 - 1.5*x1 + 2.5*x2 + 1")]
    public static partial double Hs005(double x1, double x2);

    /// <summary>hs038: Wood/Colville function with box -10 &lt;= x_i &lt;= 10.</summary>
    [Objective("100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2 + 10.1*((x2 - 1)^2 + (x4 - 1)^2) + 19.8*(x2 - 1)*(x4 - 1)")]
    public static partial double Hs038(double x1, double x2, double x3, double x4);

    /// <summary>hs045: all upper bounds active at the solution.</summary>
    [Objective("2 - x1*x2*x3*x4*x5/120")]
    public static partial double Hs045(double x1, double x2, double x3, double x4, double x5);

    /// <summary>sys-rosenbrock: Rosenbrock system.</summary>
    [Equations("1 - x1", "10*(x2 - x1^2)")]
    public static partial (double, double) SysRosenbrock(double x1, double x2);

    /// <summary>sys-powell-singular: Powell singular system; the Jacobian is singular at the root.</summary>
    [Equations("x1 + 10*x2", "sqrt(5)*(x3 - x4)", "(x2 - 2*x3)^2", "sqrt(10)*(x1 - x4)^2")]
    public static partial (double, double, double, double) SysPowellSingular(double x1, double x2, double x3, double x4);

    /// <summary>sys-powell-badly-scaled: Powell badly scaled system.</summary>
    [Equations("10000*x1*x2 - 1", "exp(-x1) + exp(-x2) - 1.0001")]
    public static partial (double, double) SysPowellBadlyScaled(double x1, double x2);

    /// <summary>A circle and an exponential, two roots; eˣ makes ‖F‖ enormous from starts far to the right.</summary>
    [Equations("x^2 + y^2 - 4", "exp(x) + y - 1")]
    public static partial (double, double) CircleAndExponential(double x, double y);

    /// <summary>sys-helical-valley: helical valley system (theta as in mgh07-helical-valley).</summary>
    [Equations("10*(x3 - 10*(atan2(-x1, x2)/(2*pi) + 0.25))", "10*(sqrt(x1^2 + x2^2) - 1)", "x3")]
    public static partial (double, double, double) SysHelicalValley(double x1, double x2, double x3);

    /// <summary>sys-brown-almost-linear-n10: Brown almost-linear system, n = 10.</summary>
    [Equations("x1 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x2 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x3 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x4 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x5 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x6 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x7 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x8 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x9 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 - 11", "x1*x2*x3*x4*x5*x6*x7*x8*x9*x10 - 1")]
    public static partial (double, double, double, double, double, double, double, double, double, double) SysBrownAlmostLinearN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>sys-discrete-bv-n10: discrete boundary value system, n = 10.</summary>
    [Equations("2*x1 - x2 + (1/11)^2*(x1 + 1/11 + 1)^3/2", "2*x2 - x1 - x3 + (1/11)^2*(x2 + 2/11 + 1)^3/2", "2*x3 - x2 - x4 + (1/11)^2*(x3 + 3/11 + 1)^3/2", "2*x4 - x3 - x5 + (1/11)^2*(x4 + 4/11 + 1)^3/2", "2*x5 - x4 - x6 + (1/11)^2*(x5 + 5/11 + 1)^3/2", "2*x6 - x5 - x7 + (1/11)^2*(x6 + 6/11 + 1)^3/2", "2*x7 - x6 - x8 + (1/11)^2*(x7 + 7/11 + 1)^3/2", "2*x8 - x7 - x9 + (1/11)^2*(x8 + 8/11 + 1)^3/2", "2*x9 - x8 - x10 + (1/11)^2*(x9 + 9/11 + 1)^3/2", "2*x10 - x9 + (1/11)^2*(x10 + 10/11 + 1)^3/2")]
    public static partial (double, double, double, double, double, double, double, double, double, double) SysDiscreteBvN10(double x1, double x2, double x3, double x4, double x5, double x6, double x7, double x8, double x9, double x10);

    /// <summary>scalar-cubic: x^3 - 2x - 5 = 0 on [2, 3], Newton from 2.</summary>
    [Equations("x^3 - 2*x - 5")]
    public static partial double ScalarCubic(double x);

    /// <summary>scalar-kepler-e0.5: Kepler's equation, e = 0.5, M = 1, bracket [0, pi], Newton from E0 = M.</summary>
    [Equations("x - 0.5*sin(x) - 1")]
    public static partial double ScalarKeplerE05(double x);

    /// <summary>scalar-double-root: double root x = 1 of (x-1)^2 (x+2), Newton from 2.</summary>
    [Equations("x^3 - 3*x + 2")]
    public static partial double ScalarDoubleRoot(double x);

    /// <summary>scalar-fixed-point-cos: x = cos(x) by fixed_point (Steffensen/del2), x0 = 1.</summary>
    [Equations("x - cos(x)")]
    public static partial double ScalarFixedPointCos(double x);

    // ---- A hundred unknowns, indexed from 0: the sums of "sum_form" ----

    /// <summary>mgh21-ext-rosenbrock-n100: r_{2i-1} = 10(x_{2i} − x_{2i−1}²), r_{2i} = 1 − x_{2i−1}, i = 1 … n/2, as pairs (x[2i], x[2i+1]).</summary>
    [Objective("sum(i, 0, n/2 - 1, (10*(x[2*i+1] - x[2*i]^2))^2 + (1 - x[2*i])^2)")]
    public static partial double Mgh21ExtendedRosenbrock(double[] x);

    /// <summary>mgh22-ext-powell-n100: Powell's singular residuals on each block (x[4i], x[4i+1], x[4i+2], x[4i+3]).</summary>
    [Objective("sum(i, 0, n/4 - 1, (x[4*i] + 10*x[4*i+1])^2 + (sqrt(5)*(x[4*i+2] - x[4*i+3]))^2 + ((x[4*i+1] - 2*x[4*i+2])^2)^2 + (sqrt(10)*(x[4*i] - x[4*i+3])^2)^2)")]
    public static partial double Mgh22ExtendedPowell(double[] x);

    /// <summary>rosen-chained-n100 (and its boxed variant): scipy.optimize.rosen, Σ 100(x[i+1] − x[i]²)² + (1 − x[i])².</summary>
    [Objective("sum(i, 0, n-2, (10*(x[i+1] - x[i]^2))^2 + (1 - x[i])^2)")]
    public static partial double RosenChained(double[] x);

    /// <summary>sys-broyden-tridiagonal-n100: F_i = (3 − 2x_i)x_i − x_{i−1} − 2x_{i+1} + 1 with x beyond both ends 0.</summary>
    [Equations("F[i] = (3 - 2*x[i])*x[i] - x[i-1] - 2*x[i+1] + 1", "x[-1] = 0", "x[n] = 0")]
    public static partial double[] SysBroydenTridiagonal(double[] x);

    /// <summary>sys-broyden-banded-n100: F_i = x_i(2 + 5x_i²) + 1 − Σ x_j(1 + x_j) over the five neighbours below and the one above,
    /// those beyond the ends left out (as values 0, whose x(1 + x) is 0).</summary>
    [Equations("F[i] = x[i]*(2 + 5*x[i]^2) + 1 - x[i-5]*(1 + x[i-5]) - x[i-4]*(1 + x[i-4]) - x[i-3]*(1 + x[i-3]) - x[i-2]*(1 + x[i-2]) - x[i-1]*(1 + x[i-1]) - x[i+1]*(1 + x[i+1])",
               "x[-5] = 0", "x[-4] = 0", "x[-3] = 0", "x[-2] = 0", "x[-1] = 0", "x[n] = 0")]
    public static partial double[] SysBroydenBanded(double[] x);
}
