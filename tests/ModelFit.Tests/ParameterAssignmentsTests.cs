using ModelCompiler.ModelFit;
using ModelCompiler.ModelFit.Input;

namespace ModelFit.Tests;

public class ParameterAssignmentsTests
{
    [Fact]
    public void ParsesValuesAcrossRepeatedOptions()
    {
        var values = ParameterAssignments.Values(["a=1, k=0.1", "c=-2e-3"], "--p0");
        Assert.Equal(3, values.Count);
        Assert.Equal(1, values["a"]);
        Assert.Equal(0.1, values["k"]);
        Assert.Equal(-2e-3, values["c"]);
    }

    [Fact]
    public void ParsesBoundsWithOpenSides()
    {
        var bounds = ParameterAssignments.Bounds(["k=0:10,a=:5", "c=-inf:inf", "d=1:"], "--bounds");
        Assert.Equal((0.0, 10.0), bounds["k"]);
        Assert.Equal((double.NegativeInfinity, 5.0), bounds["a"]);
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity), bounds["c"]);
        Assert.Equal((1.0, double.PositiveInfinity), bounds["d"]);
    }

    [Theory]
    [InlineData("--p0", "a", "--p0 'a': write name=value, as in --p0 a=1,k=0.1.")]
    [InlineData("--p0", "a=x", "--p0 a=x: 'x' is not a finite number (write numbers as 1.5 or 2e-3).")]
    [InlineData("--p0", "a=1,a=2", "--p0 gives 'a' twice.")]
    [InlineData("--fix", "c=inf", "--fix c=inf: 'inf' is not a finite number (write numbers as 1.5 or 2e-3).")]
    public void RejectsMalformedValues(string option, string text, string message)
    {
        var e = Assert.Throws<ModelFitException>(() => ParameterAssignments.Values([text], option));
        Assert.Equal(ExitCode.Usage, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("k=10", "--bounds k=10: a bound is lower:upper, as in k=0:10, k=0: or k=:5.")]
    [InlineData("k=5:1", "--bounds k=5:1: the lower bound must be below the upper.")]
    [InlineData("k=a:1", "--bounds k=a:1: the lower bound 'a' is not a number or -inf.")]
    public void RejectsMalformedBounds(string text, string message)
    {
        var e = Assert.Throws<ModelFitException>(() => ParameterAssignments.Bounds([text], "--bounds"));
        Assert.Equal(message, e.Message);
    }
}
