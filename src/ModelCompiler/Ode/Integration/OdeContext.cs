// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Ode.Integration;

/// <summary>
/// One integration's function, tolerances and counters, shared by its steppers. Every evaluation of f and of
/// the Jacobian goes through here so that the statistics count them all.
/// </summary>
internal sealed class OdeContext<TF> where TF : struct, IOdeFunction
{
    public TF Function;
    public readonly int N;
    public readonly double[] RelativeTolerance;
    public readonly double[] AbsoluteTolerance;
    public readonly OdeCounters Counters = new();
    public readonly double MaxStep;
    public readonly OdeLinearSolver LinearSolver;
    /// <summary>+1 when integrating forward in t, −1 backward.</summary>
    public readonly double Direction;

    public OdeContext(TF function, double[] rtol, double[] atol, double maxStep, double direction, OdeLinearSolver linearSolver)
    {
        Function = function;
        N = function.StateCount;
        RelativeTolerance = rtol;
        AbsoluteTolerance = atol;
        MaxStep = maxStep;
        Direction = direction;
        LinearSolver = linearSolver;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        Counters.FunctionEvaluations++;
        Function.Evaluate(t, y, dydt);
    }

    /// <summary>∂f/∂y at (t, y) given f(t, y); <paramref name="scale"/> is a typical magnitude of each state.</summary>
    public void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, ReadOnlySpan<double> scale, Span<double> values)
    {
        Counters.JacobianEvaluations++;
        Counters.FunctionEvaluations += Function.Jacobian(t, y, fy, scale, values);
    }

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, Span<double> dfdt) =>
        Counters.FunctionEvaluations += Function.TimeDerivative(t, y, fy, dfdt);

    /// <summary>atol_i + rtol_i·|y_i|.</summary>
    public void Scale(ReadOnlySpan<double> y, Span<double> scale)
    {
        var rtol = RelativeTolerance;
        var atol = AbsoluteTolerance;
        for (int i = 0; i < scale.Length; i++)
            scale[i] = atol[i] + rtol[i] * Math.Abs(y[i]);
    }

    /// <summary>The error norm: sqrt(Σ (e_i / (atol_i + rtol_i·max(|y0_i|, |y1_i|)))² / n); NaN when e is not finite.</summary>
    public double ErrorNorm(ReadOnlySpan<double> e, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1)
    {
        var rtol = RelativeTolerance;
        var atol = AbsoluteTolerance;
        double sum = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double sc = atol[i] + rtol[i] * Math.Max(Math.Abs(y0[i]), Math.Abs(y1[i]));
            double r = e[i] / sc;
            sum += r * r;
        }
        return Math.Sqrt(sum / Math.Max(1, e.Length));
    }

    /// <summary>sqrt(Σ (v_i / scale_i)² / n).</summary>
    public static double ScaledNorm(ReadOnlySpan<double> v, ReadOnlySpan<double> scale)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double r = v[i] / scale[i];
            sum += r * r;
        }
        return Math.Sqrt(sum / Math.Max(1, v.Length));
    }

    /// <summary>The smallest step that still changes t in floating point, with a margin: 16 units in the last place of t, and
    /// at least 1e-290 near t = 0 (ulps there are subnormal, and arithmetic on subnormals is slow on x86).</summary>
    public static double MinimumStep(double t)
    {
        double a = Math.Abs(t);
        return a < 1e-280 ? 1e-290 : 16 * (Math.BitIncrement(a) - a);
    }

    public static bool AllFinite(ReadOnlySpan<double> v)
    {
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i]))
                return false;
        return true;
    }
}
