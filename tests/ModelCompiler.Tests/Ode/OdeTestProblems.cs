// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>
/// The reference problems with the README's metrics and atol multiples (Data/ode/README.md, "How to compare"),
/// and the algorithms by name for theory data.
/// </summary>
internal static class OdeTestProblems
{
    public static OdeAlgorithm Algorithm(string name) => name switch
    {
        "Dopri5" => new Dopri5(),
        "DOP853" => new Dop853(),
        "Rodas5P" => new Rodas5P(),
        "Rodas4" => new Rodas4(),
        "NDF" => new Bdf(),
        "BDF" => new Bdf { NumericalDifferentiationFormulas = false },
        "Auto" => new Auto(),
        _ => throw new ArgumentException(name),
    };

    public static OdeOptions Options(double rtol, double atol) =>
        new() { RelativeTolerance = rtol, AbsoluteTolerance = atol, DenseOutput = false };

    /// <summary>Airy on the textbook's 400 outputs: the largest relative error of y against the exact float64 solution.</summary>
    public static (OdeResult Result, double Error) Airy(OdeAlgorithm algorithm, double rtol, string column = "y")
    {
        var (t, reference) = OdeReference.Load("airy", "y", "yp", column);
        var result = OdeSolver.Odeint<OdeSystems.AirySystem>([reference[0][0], reference[1][0]], t, default, algorithm, Options(rtol, 1e-4 * rtol));
        Assert.Equal(OdeTermination.Completed, result.Termination);
        double error = 0;
        for (int i = 0; i < t.Length; i++)
            error = Math.Max(error, Math.Abs(result[i, 0] - reference[2][i]) / Math.Abs(reference[2][i]));
        return (result, error);
    }

    /// <summary>Lorenz (σ, ρ, β) = (10, 28, 8/3) from (0, 1, 0): the largest absolute error over the outputs with t ≤ tMax.</summary>
    public static (OdeResult Result, double Error) Lorenz(OdeAlgorithm algorithm, double rtol, double tMax = 10)
    {
        var (t, reference) = OdeReference.Load("lorenz-beta8over3", "x_a", "y_a", "z_a");
        var times = t.Where(x => x <= tMax).ToArray();
        var result = OdeSolver.Odeint<OdeSystems.LorenzSystem>([0, 1, 0], times, [10, 28, 8.0 / 3.0], algorithm, Options(rtol, rtol));
        Assert.Equal(OdeTermination.Completed, result.Termination);
        double error = 0;
        for (int i = 0; i < times.Length; i++)
            for (int j = 0; j < 3; j++)
                error = Math.Max(error, Math.Abs(result[i, j] - reference[j][i]));
        return (result, error);
    }

    /// <summary>Robertson to 1e11 at the 53 reference times, atol = rtol·(1e-8, 1e-14, 1e-8): the largest relative
    /// error at the end.</summary>
    public static (OdeResult Result, double Error) Robertson(OdeAlgorithm algorithm, double rtol)
    {
        var (t, reference) = OdeReference.Load("robertson", "y1", "y2", "y3");
        var options = Options(rtol, rtol) with { AbsoluteTolerances = [1e-8 * rtol, 1e-14 * rtol, 1e-8 * rtol] };
        var result = OdeSolver.Odeint<OdeSystems.RobertsonSystem>([1, 0, 0], t, [0.04, 3e7, 1e4], algorithm, options);
        Assert.Equal(OdeTermination.Completed, result.Termination);
        int last = t.Length - 1;
        double error = Enumerable.Range(0, 3).Max(j => Math.Abs(result[last, j] - reference[j][last]) / reference[j][last]);
        return (result, error);
    }

    /// <summary>Van der Pol μ = 1000 to 3000, atol = 1e-6·rtol: the largest relative error at t = 3000.</summary>
    public static (OdeResult Result, double Error) VanDerPol(OdeAlgorithm algorithm, double rtol)
    {
        var (_, reference) = OdeReference.Load("vanderpol", "y", "yp");
        var result = OdeSolver.Odeint<OdeSystems.VanDerPolSystem>([2, 0], [0, 3000], [1000], algorithm, Options(rtol, 1e-6 * rtol));
        Assert.Equal(OdeTermination.Completed, result.Termination);
        double error = Enumerable.Range(0, 2).Max(j => Math.Abs(result[1, j] - reference[j][^1]) / Math.Abs(reference[j][^1]));
        return (result, error);
    }

    /// <summary>Lotka–Volterra at the true parameters on t = 0, 0.5, …, 10, atol = 1e-6·rtol: the largest relative error.</summary>
    public static (OdeResult Result, double Error) LotkaVolterra(OdeAlgorithm algorithm, double rtol)
    {
        var forward = OdeReference.Json("lotka-volterra").GetProperty("forward_reference");
        var t = OdeReference.Numbers(forward.GetProperty("t"));
        var x = OdeReference.Numbers(forward.GetProperty("x"));
        var y = OdeReference.Numbers(forward.GetProperty("y"));
        var result = OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>([10, 5], t, [1.0, 0.1, 1.5, 0.075], algorithm, Options(rtol, 1e-6 * rtol));
        Assert.Equal(OdeTermination.Completed, result.Termination);
        double error = 0;
        for (int i = 1; i < t.Length; i++)
            error = Math.Max(error, Math.Max(Math.Abs(result[i, 0] - x[i]) / x[i], Math.Abs(result[i, 1] - y[i]) / y[i]));
        return (result, error);
    }
}
