// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;
using Xunit;

namespace ModelCompiler.Tests.Kernels;

/// <summary>
/// Derivatives of powers where their base is 0. The power rule's a'/a form divided by the factor being differentiated,
/// so ∂(a·x)²/∂a at a = 0 came out 0·∞ = NaN where it is 0, and a fit, a minimizer or a stiff integrator refused the point
/// as "not differentiable". The values expected here are the derivatives written out by hand.
/// </summary>
public class PowerDerivativeLimitTests
{
    // 19 points: the vector loops (8 or 4 lanes) and their scalar tail both run.
    private static readonly double[] X = Enumerable.Range(0, 19).Select(i => 0.25 * i - 1).ToArray();

    private static double[] Jacobian<TModel>(double[] x, double[] parameters) where TModel : IModel
    {
        var values = new double[x.Length];
        var jacobian = new double[x.Length * TModel.ParameterCount];
        TModel.EvaluateWithJacobian(x, parameters, values, jacobian);
        return jacobian;
    }

    private static void AssertColumn(double[] jacobian, int column, Func<double, double> expected)
    {
        for (int i = 0; i < X.Length; i++)
        {
            double want = expected(X[i]), got = jacobian[column * X.Length + i];
            Assert.True(Math.Abs(got - want) <= 1e-14 * Math.Max(1, Math.Abs(want)), $"x = {X[i]}: {got:R}, expected {want:R}");
        }
    }

    [Fact]
    public void AWholePowerOfAProductIsDifferentiableWhereTheProductIsZero()
    {
        // ∂/∂a (a·x)² = 2a·x², 0 at a = 0.
        AssertColumn(Jacobian<PowerLimits.SquaredProductModel>(X, [0, 1]), 0, _ => 0);
        AssertColumn(Jacobian<PowerLimits.SquaredProductModel>(X, [1.5, 1]), 0, x => 3 * x * x);
        // ∂/∂k a·exp(−(k·x)²) = −2a·k·x²·exp(−(k·x)²), 0 at k = 0.
        AssertColumn(Jacobian<PowerLimits.GaussianWidthModel>(X, [2, 0]), 1, _ => 0);
    }

    [Fact]
    public void AFractionalOrFreePowerHasTheLimitZeroWhereItsBaseIsZero()
    {
        // ∂/∂k a·(k·x)^2.5 = 2.5a·k^1.5·x^2.5, 0 at k = 0 (x ≥ 0, where the power is real).
        double[] x = X.Select(Math.Abs).ToArray();
        var jacobian = Jacobian<PowerLimits.FractionalPowerModel>(x, [1, 0]);
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal(0, jacobian[x.Length + i]));
        // ∂/∂x0 c·(x − x0)^p = −c·p·(x − x0)^(p−1): 0 at x = x0 for p = 2; the other points are real only for x > x0.
        double[] atAndAbove = [0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6];
        var free = Jacobian<PowerLimits.FreePowerModel>(atAndAbove, [2, 0.5, 2]);
        for (int i = 0; i < atAndAbove.Length; i++)
        {
            double d = atAndAbove[i] - 0.5;
            Assert.Equal(-2 * 2 * d, free[1 * atAndAbove.Length + i], 1e-14);
            Assert.Equal(d == 0 ? 0 : 2 * d * d * Math.Log(d), free[2 * atAndAbove.Length + i], 1e-13);
        }
    }

    [Fact]
    public void AFitStartedOnAStationaryPointBySymmetryLeavesIt()
    {
        // (a·x)² + c from a = 0: the column of a is 2a·x² = 0 at every point, so Gauss–Newton saw no way to move a and the
        // fit stopped at once by the gradient test, converged, with a = 0 and R² near 0. Data: a = 0.2, c = 1.
        double[] x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => 0.04 * v * v + 1 + 0.01 * Math.Sin(7 * v)).ToArray();
        var fit = CurveFit.Fit<PowerLimits.SquaredProductModel>(x, y, [0, 0]);
        Assert.True(fit.IsDetermined, fit.ToString());
        Assert.Equal(0.2, Math.Abs(fit["a"]), 1e-3);
        Assert.Equal(1, fit["c"], 1e-2);
        // The same from k = 0 for a Gaussian's width: exp(−(k·x)²) is even in k.
        double[] g = x.Select(v => 2 * Math.Exp(-Math.Pow(0.3 * v, 2)) + 0.001 * Math.Cos(5 * v)).ToArray();
        var width = CurveFit.Fit<PowerLimits.GaussianWidthModel>(x, g, [1, 0]);
        Assert.True(width.IsDetermined, width.ToString());
        Assert.Equal(0.3, Math.Abs(width["k"]), 1e-3);
        // A batch lane that ends on such a point hands its curve to the single-curve solver, and matches Fit.
        var rows = new double[1, x.Length];
        for (int i = 0; i < x.Length; i++)
            rows[0, i] = y[i];
        var batch = CurveFit.FitMany<PowerLimits.SquaredProductModel>(x, rows, [0, 0]);
        Assert.True(batch.IsDetermined(0), batch.ToString());
        Assert.Equal(fit["a"], batch.ParametersOf(0)[0], 1e-10);
    }

    [Fact]
    public void AConditionOnParametersAloneCompilesInVectorCode()
    {
        // A condition free of the variables is decided once per call and broadcast to every lane as a mask.
        var values = new double[X.Length];
        PowerLimits.PiecewiseModel.Evaluate(X, [3, 2], values);
        Assert.Equal(X.Select(x => 3 * x), values);
        PowerLimits.PiecewiseModel.Evaluate(X, [3, 0.5], values);
        Assert.Equal(X.Select(x => 3 * x * x), values);
    }

    [Fact]
    public void AnObjectiveHasAGradientAndHessianAtTheOrigin()
    {
        // f = (x1·x2)² + x1² + x2²: ∇f = 0 and ∇²f = 2I at the origin.
        var gradient = new double[2];
        Assert.Equal(0, PowerLimits.ProductSquaredObjective.EvaluateWithGradient([0, 0], gradient));
        Assert.Equal([0.0, 0.0], gradient);
        var hessian = new double[4];
        PowerLimits.ProductSquaredObjective.Hessian([0, 0], hessian);
        Assert.Equal([2.0, 0, 0, 2], hessian);
    }

    [Fact]
    public void AThresholdModelIsFlatWhereItsArgumentIsCutToZero()
    {
        // √max(x − c, 0): where x < c it is 0 whatever c, so ∂/∂c = 0, but the chain rule gave 0/(2·0) = NaN there, and at
        // x = c the −∞ of the other side; no start could be fitted. Now both are 0 (the flat side), −a/(2√(x − c)) beyond.
        foreach (var jacobian in new[] { Jacobian<PowerLimits.ThresholdModel>(X, [2, 0.5]), Jacobian<PowerLimits.ThresholdPowerModel>(X, [2, 0.5]) })
            AssertColumn(jacobian, 1, x => x <= 0.5 ? 0 : -2 / (2 * Math.Sqrt(x - 0.5)));
        // A fit from c on a data point (0.5) reaches scipy 1.10.1's curve_fit (xtol = ftol = gtol = 1e-15, finite differences)
        // on y = 2√max(x − 1.25, 0) + 0.05·sin(3.7i): a = 1.9997283838272497, c = 1.2500000000000269, RSS 0.049494089529805226.
        double[] x = Enumerable.Range(0, 41).Select(i => 0.25 * i).ToArray();
        double[] y = x.Select((t, i) => 2 * Math.Sqrt(Math.Max(t - 1.25, 0)) + 0.05 * Math.Sin(3.7 * i)).ToArray();
        var fit = CurveFit.Fit<PowerLimits.ThresholdModel>(x, y, [1, 0.5]);
        Assert.True(fit.IsDetermined, fit.ToString());
        Assert.Equal(1.9997283838272497, fit.Parameters[0], 1e-8);
        Assert.Equal(1.2500000000000269, fit.Parameters[1], 1e-8);
        Assert.Equal(0.049494089529805226, fit.ResidualSumOfSquares, 1e-10);
    }
}

public static partial class PowerLimits
{
    [Model("a*sqrt(max(x - c, 0))")]
    public static partial double Threshold(double x, double a, double c);

    [Model("a*max(x - c, 0)^0.5")]
    public static partial double ThresholdPower(double x, double a, double c);

    [Model("(a*x)^2 + c")]
    public static partial double SquaredProduct(double x, double a, double c);

    [Model("a*exp(-(k*x)^2)")]
    public static partial double GaussianWidth(double x, double a, double k);

    [Model("a*(k*x)^2.5")]
    public static partial double FractionalPower(double x, double a, double k);

    [Model("c*(x - x0)^p")]
    public static partial double FreePower(double x, double c, double x0, double p);

    [Model]
    public static double Piecewise(double x, double a, double b) => b > 1 ? a * x : a * x * x;

    [Objective("(x1*x2)^2 + x1^2 + x2^2")]
    public static partial double ProductSquared(double x1, double x2);
}
