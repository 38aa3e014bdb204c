// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;
using OdeJacobian;

namespace ModelCompiler.Tests.Ode;

/// <summary>The OdeJacobian example's computations (examples/OdeJacobian/TextbookCases.cs), run here as the example runs them.</summary>
public class OdeJacobianExampleTests
{
    /// <summary>
    /// The textbook's samples to its six decimals from every call; odeint's method never evaluates the Jacobian on this
    /// non-stiff problem, so with and without it the results agree bit for bit; the BDF does evaluate it, and differencing
    /// instead costs f evaluations. At odeint's tolerance (1.5e-8) the exact solution (Data/ode/airy.csv) is met to 1e-6
    /// over the samples; over [0, 4) the error grows with Bi/Ai ≈ 9e4, to 2e-5 for the explicit method and 2e-3 for the BDF.
    /// </summary>
    [Fact]
    public void AiryWithAndWithoutTheJacobian()
    {
        var runs = TextbookCases.Airy();
        var (_, exact) = OdeReference.Load("airy", "y");
        foreach (var run in runs)
        {
            Assert.Equal(OdeTermination.Completed, run.Result.Termination);
            for (int k = 0; k < TextbookCases.AirySamples.Length; k++)
                Assert.True(Math.Abs(run.Result[6 * k, 1] - TextbookCases.AirySamples[k]) <= 5e-7 + 1e-12, $"{run.Label}, sample {k}: {run.Result[6 * k, 1]}");
            for (int i = 0; i < TextbookCases.AiryTimes.Length; i++)
            {
                double bound = i <= 30 ? 1e-6 : 5e-3;
                Assert.True(Math.Abs(run.Result[i, 1] - exact[0][i]) < bound * Math.Abs(exact[0][i]), $"{run.Label} at t = {TextbookCases.AiryTimes[i]}");
            }
        }
        var (generated, plain, bdf, differenced) = (runs[0].Result, runs[1].Result, runs[2].Result, runs[3].Result);
        Assert.Equal(0, generated.Statistics.JacobianEvaluations);
        Assert.Equal(generated.Statistics.FunctionEvaluations, plain.Statistics.FunctionEvaluations);
        for (int i = 0; i < TextbookCases.AiryTimes.Length; i++)
            Assert.Equal(generated[i, 1], plain[i, 1]);
        Assert.True(bdf.Statistics.JacobianEvaluations > 0);
        Assert.Equal(bdf.Statistics.JacobianEvaluations, differenced.Statistics.JacobianEvaluations);
        Assert.True(differenced.Statistics.FunctionEvaluations > bdf.Statistics.FunctionEvaluations);
    }

    /// <summary>
    /// The Lorenz trajectories follow the exact ones of Data/ode/lorenz-beta3.csv up to t = 10 within odeint's accuracy
    /// there (the chaos amplifies its 1.5e-8 tolerance), and the two starts, 0.01 apart, end far apart.
    /// </summary>
    [Fact]
    public void LorenzFollowsTheReferenceAndTheTwoStartsPart()
    {
        var (a, b) = TextbookCases.Lorenz();
        var (t, reference) = OdeReference.Load("lorenz-beta3", "x_a", "y_a", "z_a", "x_b", "y_b", "z_b");
        Assert.Equal(3000, a.Times.Count);
        for (int i = 0; t[i] <= 10; i++)
            for (int j = 0; j < 3; j++)
            {
                Assert.True(Math.Abs(a[i, j] - reference[j][i]) < 1e-3, $"a, component {j} at t = {t[i]}: {a[i, j]} against {reference[j][i]}");
                Assert.True(Math.Abs(b[i, j] - reference[3 + j][i]) < 1e-3, $"b, component {j} at t = {t[i]}: {b[i, j]} against {reference[3 + j][i]}");
            }
        double distance = Math.Sqrt(Enumerable.Range(0, 3).Sum(j => Math.Pow(a[2999, j] - b[2999, j], 2)));
        Assert.True(distance > 1, $"the trajectories end {distance} apart");
    }

    [Fact]
    public void RobertsonReachesTheReferenceAtTenToTheEleven()
    {
        foreach (var run in TextbookCases.Robertson())
        {
            Assert.Equal(OdeTermination.Completed, run.Result.Termination);
            int last = run.Result.Times.Count - 1;
            Assert.Equal(1e11, run.Result.Times[last]);
            for (int j = 0; j < 3; j++)
            {
                double expected = TextbookCases.RobertsonAtTenToTheEleven[j];
                Assert.True(Math.Abs(run.Result[last, j] - expected) < 1e-3 * expected, $"{run.Label}: y{j + 1} = {run.Result[last, j]} against {expected}");
            }
        }
    }

    [Fact]
    public void LotkaVolterraFitMatchesTheReferenceEstimate()
    {
        var fit = TextbookCases.LotkaVolterraFit();
        Assert.True(fit.IsConverged, fit.ToString());
        for (int k = 0; k < 4; k++)
            Assert.True(Math.Abs(fit.Parameters[k] - TextbookCases.LotkaReferenceEstimate[k]) < 1e-6 * TextbookCases.LotkaReferenceEstimate[k],
                $"parameter {k}: {fit.Parameters[k]:R}");
    }
}
