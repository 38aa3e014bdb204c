// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Tests.Models;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// Fitted exponents on data that contain x = 0, the usual first dose or time point: ∂(x^b)/∂b = x^b·ln x is
/// 0/0-free there only if the generated Jacobian takes its limit, 0 for b &gt; 0.
/// </summary>
public class PowerFamilyFitTests
{
    [Fact]
    public void PowerLawFitsDataStartingAtZeroAsScipyDoes()
    {
        // scipy 1.10.1: curve_fit(lambda x, a, b, c: a*x**b + c, [0, 1, 2, 3], [0.5, 2.5, 6.1, 10.9], p0=[1, 1.5, 0],
        // ftol=xtol=gtol=1e-15) gives popt = [1.9637077580239637, 1.5157271433514257, 0.5099130275078415].
        var fit = CurveFit.Fit<PowerFamily.PowerModel>([0, 1, 2, 3], [0.5, 2.5, 6.1, 10.9], [1, 1.5, 0]);
        Assert.Equal(1.9637077580239637, fit["a"], 1e-9);
        Assert.Equal(1.5157271433514257, fit["b"], 1e-9);
        Assert.Equal(0.5099130275078415, fit["c"], 1e-9);
    }

    [Fact]
    public void JacobianAtZeroIsTheLimitOfEveryExponentColumn()
    {
        // At x = 0: ∂/∂b (a·x^b + c) = a·x^b·ln x → 0, for b below and above 1.
        foreach (double b in new[] { 0.3, 1.0, 2.5 })
        {
            var jacobian = new double[3];
            PowerFamily.PowerModel.EvaluateWithJacobian([0.0], [2, b, 0.5], new double[1], jacobian);
            Assert.Equal([0.0, 0.0, 1.0], jacobian);
        }
        // 4PL at x = 0: (x/c)^b = 0, so every column but a's is 0 (the value is a).
        var logistic = new double[4];
        PowerFamily.FourParameterLogisticModel.EvaluateWithJacobian([0.0], [3, 0.7, 2, 0.5], new double[1], logistic);
        Assert.Equal([1.0, 0.0, 0.0, 0.0], logistic);
    }

    public static TheoryData<string> Curves() => new() { "Power", "Hill", "FourParameterLogistic", "Weibull", "PowerCSharp" };

    /// <summary>Noise-free data from known parameters on a grid starting at 0: the fit must recover them.</summary>
    [Theory]
    [MemberData(nameof(Curves))]
    public void RecoversParametersFromDataThatStartAtZero(string curve)
    {
        double[] x = Enumerable.Range(0, 13).Select(i => 0.5 * i).ToArray();
        switch (curve)
        {
            case "Power": Recover<PowerFamily.PowerModel>(x, [2, 0.7, 0.5], [1, 1, 0]); break;
            case "Hill": Recover<PowerFamily.HillModel>(x, [10, 2, 1.8], [5, 1, 1]); break;
            case "FourParameterLogistic": Recover<PowerFamily.FourParameterLogisticModel>(x, [3, 1.3, 2, 0.5], [2.5, 1, 1.5, 0.2]); break;
            case "Weibull": Recover<PowerFamily.WeibullModel>(x, [5, 3, 1.4], [4, 2, 1]); break;
            default: Recover<PowerFamily.PowerCSharpModel>(x, [2, 0.7], [1, 1]); break;
        }
    }

    private static void Recover<TModel>(double[] x, double[] truth, double[] start) where TModel : IModel
    {
        var y = new double[x.Length];
        TModel.Evaluate(x, truth, y);
        var fit = CurveFit.Fit<TModel>(x, y, start);
        for (int j = 0; j < truth.Length; j++)
            Assert.True(Math.Abs(fit.Parameters[j] - truth[j]) <= 1e-8 * Math.Abs(truth[j]),
                $"{TModel.ParameterNames[j]}: fitted {fit.Parameters[j]:R}, true {truth[j]:R} ({fit.Termination})");
    }
}
