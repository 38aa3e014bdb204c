// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace OdeJacobian;

/// <summary>
/// The example's computations, apart from printing and plotting, so that its end-to-end test runs exactly what the
/// example runs: the textbook's odeint calls on Airy's equation and the Lorenz system, Robertson's stiff kinetics to
/// t = 1e11, and a Lotka–Volterra parameter fit.
/// </summary>
public static class TextbookCases
{
    /// <summary>numpy.arange(0, 4.0, 0.01): t[i] = i·0.01, 400 points.</summary>
    public static double[] AiryTimes { get; } = Enumerable.Range(0, 400).Select(i => i * 0.01).ToArray();

    /// <summary>The textbook's y0 = [y′(0), y(0)] = [−1/(3^(1/3)·Γ(1/3)), 1/(3^(2/3)·Γ(2/3))] as float64, i.e. Ai′(0) and Ai(0).</summary>
    public static double[] AiryStart { get; } = [-0.2588194037928069, 0.3550280538878172];

    /// <summary>The textbook's output, <c>ychk[:36:6]</c>: Ai at t = 0, 0.06, …, 0.30 to six decimals.</summary>
    public static double[] AirySamples { get; } = [0.355028, 0.339511, 0.324068, 0.308763, 0.293658, 0.278806];

    /// <summary>One solve of the textbook's Airy call.</summary>
    /// <param name="Label">How it was called.</param>
    /// <param name="Result">y′ (column 0) and y (column 1) at <see cref="AiryTimes"/>.</param>
    public sealed record AiryRun(string Label, OdeResult Result);

    /// <summary>
    /// <c>odeint(func, y0, t)</c> and <c>odeint(func, y0, t, Dfun=gradient)</c>: the generated system, whose Jacobian is
    /// there for any method that wants it, against f alone; first with odeint's method (LSODA's counterpart, which on this
    /// non-stiff problem never asks for the Jacobian, so the two agree to the last bit), then with the BDF, which does ask.
    /// </summary>
    public static AiryRun[] Airy()
    {
        OdeRightHandSide func = (t, y, dydt) =>
        {
            dydt[0] = t * y[1];
            dydt[1] = y[0];
        };
        var bdf = OdeOptions.Odeint;
        return
        [
            new("odeint, generated Jacobian", OdeSolver.Odeint<Textbook.AirySystem>(AiryStart, AiryTimes)),
            new("odeint, no Jacobian", OdeSolver.Odeint(func, AiryStart, AiryTimes)),
            new("BDF, generated Jacobian", OdeSolver.Odeint<Textbook.AirySystem>(AiryStart, AiryTimes, algorithm: new Bdf(), options: bdf)),
            new("BDF, differenced Jacobian", OdeSolver.Odeint(func, AiryStart, AiryTimes, algorithm: new Bdf(), options: bdf)),
        ];
    }

    /// <summary>numpy.arange(0, 30, 0.01): 3000 points.</summary>
    public static double[] LorenzTimes { get; } = Enumerable.Range(0, 3000).Select(i => i * 0.01).ToArray();

    /// <summary>The textbook's parameters (σ, ρ, β) = (10, 28, 3).</summary>
    public static double[] LorenzParameters { get; } = [10.0, 28.0, 3.0];

    /// <summary>
    /// <c>odeint(lorenz, (0.0, 1.00, 0.0), t, args=(10.0, 28.0, 3.0))</c> and the same from (0.0, 1.01, 0.0): two
    /// trajectories that stay together for a while and then part (the butterfly effect), each with odeint's tolerances.
    /// </summary>
    public static (OdeResult A, OdeResult B) Lorenz() =>
        (OdeSolver.Odeint<Textbook.LorenzSystem>([0.0, 1.00, 0.0], LorenzTimes, LorenzParameters),
         OdeSolver.Odeint<Textbook.LorenzSystem>([0.0, 1.01, 0.0], LorenzTimes, LorenzParameters));

    /// <summary>The reporting times of Robertson's kinetics: 0, then 1e-6, 1e-5, …, 1e11.</summary>
    public static double[] RobertsonTimes { get; } = [0, .. Enumerable.Range(-6, 18).Select(k => Math.Pow(10, k))];

    /// <summary>y(1e11) of Robertson's problem to 30 digits (multiple-precision Radau IIA; the ODE reference set's README).</summary>
    public static double[] RobertsonAtTenToTheEleven { get; } =
        [2.08334014970129414383632512951e-08, 8.33336077033478322717566810363e-14, 9.99999979166515169379355213804e-01];

    /// <summary>One stiff solve of Robertson's kinetics.</summary>
    public sealed record RobertsonRun(string Label, OdeResult Result);

    /// <summary>
    /// Robertson's kinetics to t = 1e11 by the NDF, Rodas5P and the automatic choice, each with the generated Jacobian,
    /// rtol 1e-6 and absolute tolerances per species (y2 peaks at 3.6e-5 and ends at 8e-14: one atol for all would leave
    /// it uncontrolled).
    /// </summary>
    public static RobertsonRun[] Robertson()
    {
        var problem = new OdeProblem<Textbook.RobertsonSystem>([1, 0, 0], 0, 1e11, [0.04, 3e7, 1e4]);
        var options = new OdeOptions { RelativeTolerance = 1e-6, AbsoluteTolerances = [1e-14, 1e-20, 1e-14], OutputTimes = RobertsonTimes };
        return
        [
            new("NDF", OdeSolver.Solve(problem, new Bdf(), options)),
            new("Rodas5P", OdeSolver.Solve(problem, new Rodas5P(), options)),
            new("Auto", OdeSolver.Solve(problem, new Auto(), options)),
        ];
    }

    /// <summary>The observation times 0.5, 1.0, …, 10.</summary>
    public static double[] LotkaTimes { get; } = Enumerable.Range(1, 20).Select(i => 0.5 * i).ToArray();

    /// <summary>
    /// Noisy counts of prey (column 0) and predators (column 1): the solution at (α, β, γ, δ) = (1, 0.1, 1.5, 0.075) from
    /// (10, 5), plus standard normal noise, rounded to four decimals (the ODE reference set's lotka-volterra.csv).
    /// </summary>
    public static double[,] LotkaObservations { get; } = Columns(
        [13.2233, 19.6036, 24.8054, 36.501, 38.5976, 29.4585, 17.898, 9.6368, 7.7693, 8.8415,
         10.274, 12.9046, 18.5787, 25.7006, 33.6005, 41.9359, 31.7518, 16.339, 9.3889, 7.4928],
        [5.1879, 3.3317, 1.4684, 5.8855, 10.8328, 20.7017, 23.9564, 18.3913, 10.2153, 7.8979,
         5.1794, 3.6121, 2.1068, 3.351, 4.9958, 12.0296, 20.5874, 23.1677, 18.3732, 9.807]);

    /// <summary>The least-squares estimate for these data, every digit exact (160-bit Gauss–Newton; lotka-volterra.json).</summary>
    public static double[] LotkaReferenceEstimate { get; } = [0.9946271188281627, 0.09678578624169658, 1.4945475695840496, 0.0760228063012837];

    /// <summary>Fits (α, β, γ, δ) from the start (0.8, 0.12, 1.2, 0.06) with y(0) = (10, 5) known.</summary>
    public static OdeFitResult LotkaVolterraFit() =>
        OdeFit.Fit<Textbook.LotkaVolterraSystem>(new OdeObservations(LotkaTimes, LotkaObservations), [10, 5], 0, [0.8, 0.12, 1.2, 0.06]);

    private static double[,] Columns(double[] first, double[] second)
    {
        var table = new double[first.Length, 2];
        for (int i = 0; i < first.Length; i++)
        {
            table[i, 0] = first[i];
            table[i, 1] = second[i];
        }
        return table;
    }
}
