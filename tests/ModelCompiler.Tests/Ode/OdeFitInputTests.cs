// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>Bad input to OdeFit and OdeObservations: an ArgumentException naming the argument and the index at fault.</summary>
public class OdeFitInputTests
{
    private static readonly double[] Start = [0.8, 0.12, 1.2, 0.06];

    [Fact]
    public void ObservationTablesAreChecked()
    {
        var nan = Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 2.0], new[,] { { 1.0, 2.0 }, { 3.0, double.NaN } }));
        Assert.Equal("values", nan.ParamName);
        Assert.Contains("values[1, 1]", nan.Message);
        Assert.Contains("t = 2", nan.Message);

        var order = Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 3.0, 2.0], new double[3, 1]));
        Assert.Equal("times", order.ParamName);
        Assert.Contains("times[2]", order.Message);
        var repeated = Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 1.0], new double[2, 1]));
        Assert.Contains("times[1]", repeated.Message);

        Assert.Contains("3 rows", Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 2.0], new double[3, 2])).Message);
        Assert.Contains("states[1] repeats", Assert.Throws<ArgumentException>(() => new OdeObservations([1.0], new double[1, 2], [0, 0])).Message);
        Assert.Contains("times[0]", Assert.Throws<ArgumentException>(() => new OdeObservations([double.NaN], new double[1, 1])).Message);
    }

    [Fact]
    public void ObservationListsAreChecked()
    {
        var decreasing = Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 2.0, 1.5], [0, 0, 1], [1.0, 2.0, 3.0]));
        Assert.Equal("times", decreasing.ParamName);
        Assert.Contains("times[2]", decreasing.Message);
        var nan = Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 2.0], [0, 1], [1.0, double.NaN]));
        Assert.Contains("values[1] (state 1 at t = 2)", nan.Message);
        Assert.Equal("states", Assert.Throws<ArgumentException>(() => new OdeObservations([1.0], [-1], [1.0])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new OdeObservations([1.0, 2.0], [0, 0], [1.0])).ParamName);
        Assert.Equal("times", Assert.Throws<ArgumentException>(() => new OdeObservations([], [], [])).ParamName);
        // One time may carry several states, and a state may be observed twice at one time (replicates).
        Assert.Equal(3, new OdeObservations([1.0, 1.0, 1.0], [0, 1, 0], [1.0, 2.0, 1.1]).Count);
    }

    [Fact]
    public void ObservationsMustFitTheSystemAndTheInterval()
    {
        var before = Assert.Throws<ArgumentException>(() => Fit(new OdeObservations([-1.0, 1, 2, 3, 4], new double[5, 2])));
        Assert.Equal("observations", before.ParamName);
        Assert.Contains("Observation 0 at t = -1", before.Message);

        var state = Assert.Throws<ArgumentException>(() => Fit(new OdeObservations([1.0, 2, 3, 4, 5], [0, 1, 5, 0, 1], [1.0, 1, 1, 1, 1])));
        Assert.Contains("Observation 2 is of state 5", state.Message);

        var atStart = Assert.Throws<ArgumentException>(() => Fit(new OdeObservations([0.0, 0, 0, 0, 0], [0, 1, 0, 1, 0], [1.0, 1, 1, 1, 1])));
        Assert.Contains("at least one must come after", atStart.Message);

        var few = Assert.Throws<ArgumentException>(() => Fit(new OdeObservations([1.0, 2, 3], [0, 1, 0], [1.0, 1, 1])));
        Assert.Equal("observations", few.ParamName);
        Assert.Contains("3 observations but 4 unknowns (alpha, beta, gamma, delta)", few.Message);
    }

    [Fact]
    public void SetupIsChecked()
    {
        var data = OdeFitTests.LotkaObservations();
        var crossed = Assert.Throws<ArgumentException>(() =>
            Fit(data, new OdeFitSetup { LowerBounds = [0, 0, 2, 0], UpperBounds = [2, 1, 1, 1] }));
        Assert.Equal("setup", crossed.ParamName);
        Assert.Contains("unknown 2 (gamma) are crossed", crossed.Message);

        var outside = Assert.Throws<ArgumentException>(() => Fit(data, new OdeFitSetup { LowerBounds = [0.9, 0, 0, 0] }));
        Assert.Equal("initialParameters", outside.ParamName);
        Assert.Contains("unknown 0 (alpha), 0.8, lies outside", outside.Message);

        var initialBound = Assert.Throws<ArgumentException>(() =>
            Fit(data, new OdeFitSetup { FittedInitialValues = [1], LowerBounds = [0, 0, 0, 0, 6] }));
        Assert.Equal("initialState", initialBound.ParamName);
        Assert.Contains("unknown 4 (y(t0))", initialBound.Message);

        Assert.Contains("LowerBounds has 3 values", Assert.Throws<ArgumentException>(() => Fit(data, new OdeFitSetup { LowerBounds = [0, 0, 0] })).Message);
        Assert.Contains("FittedInitialValues[0] is 2", Assert.Throws<ArgumentException>(() => Fit(data, new OdeFitSetup { FittedInitialValues = [2] })).Message);
        Assert.Contains("FixedParameters has 2", Assert.Throws<ArgumentException>(() => Fit(data, new OdeFitSetup { FixedParameters = [true, false] })).Message);
        Assert.Contains("Sigma has 3 values", Assert.Throws<ArgumentException>(() => Fit(data, new OdeFitSetup { Sigma = [1, 1, 1] })).Message);
        Assert.Contains("nothing to fit", Assert.Throws<ArgumentException>(() =>
            Fit(data, new OdeFitSetup { FixedParameters = [true, true, true, true] })).Message);
        Assert.Contains("sigma[5]", Assert.Throws<ArgumentException>(() =>
            Fit(data, new OdeFitSetup { Sigma = Enumerable.Range(0, 40).Select(i => i == 5 ? -1.0 : 1.0).ToArray() })).Message);

        var indexed = Assert.Throws<ArgumentException>(() => OdeFit.Fit<OdeSystems.HeatSystem>(
            new OdeObservations([1.0, 2, 3], [0, 1, 2], [1.0, 1, 1]), [1, 1, 1, 1], 0, [1.0, 0.1],
            new OdeFitSetup { FittedInitialValues = [0] }));
        Assert.Contains("indexed system", indexed.Message);
    }

    [Fact]
    public void OptionsAndStartsAreChecked()
    {
        var data = OdeFitTests.LotkaObservations();
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Fit(data, options: OdeFitOptions.Default with { Algorithm = new Rodas5P() })).ParamName);
        Assert.Contains("OutputTimes", Assert.Throws<ArgumentException>(() => Fit(data, options: OdeFitOptions.Default with
        {
            Integration = OdeFitOptions.Default.Integration with { OutputTimes = [1.0] },
        })).Message);
        Assert.Contains("FunctionTolerance", Assert.Throws<ArgumentException>(() => Fit(data, options: OdeFitOptions.Default with
        {
            LeastSquares = OdeFitOptions.Default.LeastSquares with { FunctionTolerance = -1 },
        })).Message);
        Assert.Equal("initialParameters", Assert.Throws<ArgumentException>(() =>
            OdeFit.Fit<OdeSystems.LotkaVolterraSystem>(data, [10, 5], 0, [0.8, double.NaN, 1.2, 0.06])).ParamName);
        Assert.Equal("initialState", Assert.Throws<ArgumentException>(() =>
            OdeFit.Fit<OdeSystems.LotkaVolterraSystem>(data, [10, 5, 1], 0, Start)).ParamName);

        // x' = 80x with nothing to hold it back overflows before t = 10: the start cannot be integrated.
        var blowUp = Assert.Throws<ArgumentException>(() => OdeFit.Fit<OdeSystems.LotkaVolterraSystem>(data, [10, 5], 0, [80, 0, 0, 0]));
        Assert.Equal("initialParameters", blowUp.ParamName);
        Assert.Contains("integration fails", blowUp.Message);
    }

    [Fact]
    public void AStartBelowTheIntegrationsAbsoluteToleranceIsRefusedEvenWithInitialValueSensitivities()
    {
        // Lotka–Volterra in tiny units: both states near 1e-12 against OdeFitOptions.Integration's atol 1e-10. The
        // sensitivity to a fitted initial value starts at 1, visible to the error test; the states themselves are not.
        var data = OdeFitTests.LotkaObservations();
        foreach (var setup in new[] { new OdeFitSetup(), new OdeFitSetup { FittedInitialValues = [0] } })
        {
            var e = Assert.Throws<ArgumentException>(() => OdeFit.Fit<OdeSystems.LotkaVolterraSystem>(data, [1e-11, 5e-12], 0, Start, setup));
            Assert.Equal("options", e.ParamName);
            Assert.Contains("OdeFitOptions.Integration", e.Message);
        }
    }

    [Fact]
    public void CallerArraysAreNotModified()
    {
        var data = OdeFitTests.LotkaObservations();
        double[] y0 = [10, 5], start = [0.8, 0.12, 1.2, 0.06], sigma = Enumerable.Repeat(1.0, 40).ToArray();
        var setup = new OdeFitSetup { Sigma = sigma, FittedInitialValues = [0] };
        var fit = OdeFit.Fit<OdeSystems.LotkaVolterraSystem>(data, y0, 0, start, setup);
        Assert.True(fit.IsConverged);
        Assert.Equal([10.0, 5.0], y0);
        Assert.Equal([0.8, 0.12, 1.2, 0.06], start);
        Assert.All(sigma, s => Assert.Equal(1.0, s));
        Assert.NotEqual(10.0, fit.InitialState[0]);
    }

    private static OdeFitResult Fit(OdeObservations data, OdeFitSetup? setup = null, OdeFitOptions? options = null) =>
        OdeFit.Fit<OdeSystems.LotkaVolterraSystem>(data, [10, 5], 0, Start, setup, options);
}
