// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using NistModels = ModelCompiler.Generators.Tests.Models.Nist;
using ModelCompiler.Tests.LeastSquares.Nist;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The ways a caller naturally writes a fit, and the errors a mistaken one gets.</summary>
public class CurveFitCallShapeTests
{
    private static readonly double[] X = [0, 1, 2, 3, 4, 5];
    private static readonly double[] Y = [5, 3.1, 1.8, 1.1, 0.7, 0.4];

    [Fact]
    public void NullOptionsPickTheOptionsOverload()
    {
        // Four arguments with a null fourth: the options overload, as Fit(x, y, initial) with default options.
        var fit = CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4], null);
        Assert.Equal(CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4]).Parameters, fit.Parameters);
    }

    [Fact]
    public void NullSigmaWithOptionsIsAnUnweightedFit()
    {
        // curve_fit(f, x, y, p0, sigma=None): the sigma overload, unweighted.
        var fit = CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4], null, CurveFitOptions.Default);
        Assert.Equal(CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4]).Parameters, fit.Parameters);
    }

    [Fact]
    public void SigmaAndSetupOverloadsStillResolveByType()
    {
        var withSigma = CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4], new double[] { 1, 1, 2, 2, 3, 3 });
        var withSetup = CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4], new FitSetup { Sigma = [1, 1, 2, 2, 3, 3] });
        Assert.Equal(withSetup.Parameters, withSigma.Parameters);
    }

    [Fact]
    public void FixedParameterOutsideItsBoundsIsRejected()
    {
        var setup = new FitSetup { Fixed = [false, true], LowerBounds = [0, 0], UpperBounds = [10, 0.3] };
        var error = Assert.ThrowsAny<ArgumentException>(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, 0.4], setup));
        Assert.Equal("initial", error.ParamName);
        Assert.Contains("initial[1] (b) = 0.4", error.Message);
        Assert.Contains("fixed", error.Message);
    }

    [Fact]
    public void EvaluateBlamesValuesWhenValuesIsTooShort()
    {
        var values = new double[4];
        var error = Assert.ThrowsAny<ArgumentException>(() => ScaleModels.DecayWithOffsetModel.Evaluate(X, [1, 2, 3], values));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("values has length 4", error.Message);
        Assert.Contains("x holds 6 points", error.Message);
    }

    [Fact]
    public void EvaluateBlamesXWhenXIsTooShort()
    {
        var values = new double[8];
        var error = Assert.ThrowsAny<ArgumentException>(() => ScaleModels.DecayWithOffsetModel.Evaluate(X, [1, 2, 3], values));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("values has length 8", error.Message);
    }

    [Fact]
    public void EvaluateWithJacobianBlamesValuesWhenValuesIsTooShort()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            ScaleModels.DecayWithOffsetModel.EvaluateWithJacobian(X, [1, 2, 3], new double[5], new double[18]));
        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void AnExplicitEvaluationBudgetOverridesScipysPerParameterDefault()
    {
        // lmdif from MGH10's first start spends scipy's 200·(k + 1) = 800 evaluations without converging.
        var problem = NistProblem.Load("MGH10");
        var scipy = CurveFit.Fit<NistModels.MGH10Model>(problem.X, problem.Y, problem.Starts[0], CurveFitOptions.ScipyCurveFit);
        Assert.Equal(FitTermination.MaxFunctionEvaluations, scipy.Termination);
        Assert.InRange(scipy.FunctionEvaluations, 800, 804);

        var longer = CurveFit.Fit<NistModels.MGH10Model>(problem.X, problem.Y, problem.Starts[0],
                                                         CurveFitOptions.ScipyCurveFit with { MaxFunctionEvaluations = 100_000 });
        Assert.True(longer.FunctionEvaluations > 800, $"{longer.FunctionEvaluations} evaluations: {longer.Termination}");
    }
}
