using ModelCompiler.Generators.Tests.Models;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Generated derivatives where a textbook form cancels: tanh' = 1 − tanh² is 0 from |u| ≈ 19 on and loses
/// digits from |u| ≈ 5; asin' = 1/√(1 − u²) loses digits as |u| → 1. Extrapolated differences cannot see this
/// (the value itself is flat to rounding there), so each column is compared with an accurate closed form.
/// </summary>
public class TailAccuracyTests
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(15.0)]
    [InlineData(20.0)]
    [InlineData(30.0)]
    [InlineData(-25.0)]
    [InlineData(300.0)]
    public void TanhDerivativeKeepsItsRelativeAccuracyInTheTails(double u)
    {
        // f = a·tanh(k·(x − x0)) with a = 2, k = 1, x0 = 0.5, so u = x − 0.5 exactly.
        double x = u + 0.5;
        var jacobian = Jacobian<Stable.StepModel>(x, [2, 1, 0.5]);
        // sech²u = 4e^(−2|u|)/(1 + e^(−2|u|))²: no cancellation anywhere.
        double t = Math.Exp(-2 * Math.Abs(u));
        double sech2 = 4 * t / ((1 + t) * (1 + t));
        AssertRelative(2 * u * sech2, jacobian[1], 1e-14, $"∂f/∂k at u = {u}");
        AssertRelative(-2 * sech2, jacobian[2], 1e-14, $"∂f/∂x0 at u = {u}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    [InlineData(1 - 1e-9)]
    [InlineData(-(1 - 2.7284841053187847e-12))]
    public void AsinDerivativeKeepsItsRelativeAccuracyNearOne(double x)
    {
        // f = a·asin(x/w) with a = 2, w = 1: ∂f/∂w = −2x/√(1 − x²), with 1 − x² rounded once by the fused multiply-add.
        var jacobian = Jacobian<Stable.ArcsineModel>(x, [2, 1]);
        AssertRelative(-2 * x / Math.Sqrt(Math.FusedMultiplyAdd(-x, x, 1)), jacobian[1], 1e-14, $"∂f/∂w at x = {x}");
    }

    private static double[] Jacobian<TModel>(double x, double[] parameters) where TModel : IModel
    {
        var jacobian = new double[parameters.Length];
        TModel.EvaluateWithJacobian([x], parameters, new double[1], jacobian);
        return jacobian;
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: generated {actual:R}, exact {expected:R}");
}
