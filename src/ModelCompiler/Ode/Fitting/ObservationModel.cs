// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;

namespace ModelCompiler.Ode.Fitting;

/// <summary>
/// An ODE fit seen as a curve model, so that the curve fitter's Levenberg–Marquardt, covariance and report serve it
/// unchanged: point i is observation i, its value the observed state of the solution at the observation's time, its
/// Jacobian row that state's sensitivities to the unknowns (the system's parameters, then every initial value of a
/// system of named states; the known ones are held fixed). A model's members are static, and a fit's data are not:
/// each point's x carries (observation index, fit key), and the key finds the fit's <see cref="FitEvaluation{TSystem}"/>
/// in <see cref="ActiveFits"/> while the fit runs.
/// </summary>
internal readonly struct ObservationModel<TSystem> : IModel where TSystem : IOdeSystem
{
    private static readonly string[] s_names = TSystem.StateCount is null
        ? [.. TSystem.ParameterNames]
        : [.. TSystem.ParameterNames, .. TSystem.StateNames.Select(s => s + "(t0)")];

    // The fit report prints the model on one line.
    public static string Formula { get; } = TSystem.Formula.Replace("\n", "; ");

    /// <summary>P parameters, then n initial values for a system of named states (an indexed system's are not fitted).</summary>
    public static int ParameterCount => s_names.Length;

    public static int VariableCount => 2;

    public static IReadOnlyList<string> ParameterNames => s_names;

    public static IReadOnlyList<string> VariableNames { get; } = ["observation", "fit"];

    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values) =>
        ActiveFits.Get<FitEvaluation<TSystem>>(x[values.Length]).Values(x[..values.Length], parameters, values);

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values, Span<double> jacobian) =>
        ActiveFits.Get<FitEvaluation<TSystem>>(x[values.Length]).ValuesAndJacobian(x[..values.Length], parameters, values, jacobian);

    // The fused and lane kernels through EvaluateWithJacobian: a block's x is copied contiguously, so the fit key
    // still follows the block's observation indices.
    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters,
                                                 ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights,
                                                 Span<double> residuals, Span<double> sums)
        => Kernels.ModelKernels.AccumulateNormalEquations<ObservationModel<TSystem>>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                                      ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => Kernels.ModelKernels.AccumulateNormalEquationsLanes<ObservationModel<TSystem>>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>The fits running now, by key (a whole number below 2⁵³, so that it travels exactly as a double).</summary>
internal static class ActiveFits
{
    private static readonly ConcurrentDictionary<long, object> s_fits = new();
    private static long s_next;

    public static long Add(object fit)
    {
        long key = Interlocked.Increment(ref s_next);
        s_fits[key] = fit;
        return key;
    }

    public static T Get<T>(double key) where T : class => (T)s_fits[(long)key];

    public static void Remove(long key) => s_fits.TryRemove(key, out _);
}
