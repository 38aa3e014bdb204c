// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Ode;

/// <summary>
/// Every reference problem (Data/ode, exact solutions of the float64-stated problems) solved by every applicable
/// method: the explicit methods on the non-stiff problems, the stiff methods and Auto on all. The bounds are the
/// README's metrics; each is a few times what the method reaches, far below what a wrong formula would give.
/// </summary>
public class ReferenceProblemTests
{
    // Airy: the error of an early step grows like Bi(t)/Ai(t) ≈ 9e4 by t = 4, so the bound is relative to that.
    [Theory]
    [InlineData("Dopri5", 1e-10, 1e-7)]
    [InlineData("DOP853", 1e-10, 1e-6)]
    [InlineData("Rodas5P", 1e-10, 1e-6)]
    [InlineData("Rodas4", 1e-10, 1e-5)]
    [InlineData("NDF", 1e-10, 1e-4)]
    [InlineData("BDF", 1e-10, 1e-4)]
    [InlineData("Auto", 1e-10, 1e-7)]
    public void Airy(string method, double rtol, double bound)
    {
        var (_, error) = OdeTestProblems.Airy(OdeTestProblems.Algorithm(method), rtol);
        Assert.True(error < bound, $"{method} at rtol {rtol}: relative error {error:E2}");
    }

    [Theory]
    [InlineData("Dopri5", 1e-10, 1e-6)]
    [InlineData("DOP853", 1e-10, 1e-6)]
    [InlineData("Rodas5P", 1e-10, 1e-6)]
    [InlineData("Rodas4", 1e-9, 1e-4)]
    [InlineData("NDF", 1e-10, 1e-4)]
    [InlineData("Auto", 1e-10, 1e-6)]
    public void LorenzToTen(string method, double rtol, double bound)
    {
        var (_, error) = OdeTestProblems.Lorenz(OdeTestProblems.Algorithm(method), rtol);
        Assert.True(error < bound, $"{method} at rtol {rtol}: absolute error {error:E2} over t ≤ 10");
    }

    [Theory]
    [InlineData("NDF", 1e-6, 1e-4)]
    [InlineData("BDF", 1e-6, 1e-4)]
    [InlineData("Rodas5P", 1e-6, 1e-5)]
    [InlineData("Rodas4", 1e-6, 1e-5)]
    [InlineData("Auto", 1e-6, 1e-4)]
    [InlineData("NDF", 1e-10, 1e-7)]
    [InlineData("Rodas5P", 1e-10, 1e-7)]
    public void Robertson(string method, double rtol, double bound)
    {
        var (_, error) = OdeTestProblems.Robertson(OdeTestProblems.Algorithm(method), rtol);
        Assert.True(error < bound, $"{method} at rtol {rtol}: relative error {error:E2} at t = 1e11");
    }

    [Theory]
    [InlineData("NDF", 1e-6, 1e-4)]
    [InlineData("BDF", 1e-6, 1e-4)]
    [InlineData("Rodas5P", 1e-6, 1e-4)]
    [InlineData("Rodas4", 1e-6, 1e-5)]
    [InlineData("Auto", 1e-6, 1e-3)]
    [InlineData("NDF", 1e-9, 1e-6)]
    public void VanDerPol(string method, double rtol, double bound)
    {
        var (_, error) = OdeTestProblems.VanDerPol(OdeTestProblems.Algorithm(method), rtol);
        Assert.True(error < bound, $"{method} at rtol {rtol}: relative error {error:E2} at t = 3000");
    }

    [Theory]
    [InlineData("Dopri5", 1e-8, 1e-6)]
    [InlineData("DOP853", 1e-8, 1e-6)]
    [InlineData("Rodas5P", 1e-8, 1e-6)]
    [InlineData("Rodas4", 1e-8, 1e-6)]
    [InlineData("NDF", 1e-8, 1e-5)]
    [InlineData("Auto", 1e-8, 1e-6)]
    public void LotkaVolterra(string method, double rtol, double bound)
    {
        var (_, error) = OdeTestProblems.LotkaVolterra(OdeTestProblems.Algorithm(method), rtol);
        Assert.True(error < bound, $"{method} at rtol {rtol}: relative error {error:E2}");
    }
}
