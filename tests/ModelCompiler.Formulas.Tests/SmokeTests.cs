// SPDX-License-Identifier: MIT
namespace ModelCompiler.Formulas.Tests;

public class SmokeTests
{
    [Fact]
    public void CompiledDecayFitsItsOwnData()
    {
        var model = Formula.Compile("a*exp(-k*t) + c", ["t"]);
        Assert.Equal(["a", "k", "c"], model.ParameterNames);
        double[] t = Enumerable.Range(0, 40).Select(i => i * 0.25).ToArray();
        double[] y = model.Evaluate(t, [2.5, 0.7, 0.3]);
        var fit = CurveFit.Fit(model, t, y, [1, 0.1, 0]);
        Assert.Equal(2.5, fit.Parameters[0], 1e-9);
        Assert.Equal(0.7, fit.Parameters[1], 1e-9);
        Assert.Equal(0.3, fit.Parameters[2], 1e-9);
    }
}
