// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.Ode.LinearAlgebra;

namespace ModelCompiler.Ode.Integration;

/// <summary>
/// The automatic choice between an explicit and a stiff method, in the manner of LSODA (Petzold 1983) but with
/// its own tests: the explicit method hands over to the stiff method when its stiffness test fires (h·|λ| near the
/// stability boundary on 15 steps) or when a BDF could take much longer steps (see
/// <see cref="ExplicitRungeKutta{TF}.SlowerThanBdf"/>); the stiff method hands back when its steps, times the spectral radius of the
/// Jacobian (power iteration), stay inside a fraction of the explicit method's stability boundary for
/// <see cref="NonstiffChecks"/> consecutive steps, checked once the stiff method has taken <see cref="MinimumStiffSteps"/> steps.
/// </summary>
internal sealed class AutoSwitching<TF> : Stepper, IHasIterationMatrix where TF : struct, IOdeFunction
{
    private const int NonstiffChecks = 5;
    private const int MinimumStiffSteps = 20;
    private const double NonstiffFraction = 0.3;

    private readonly OdeContext<TF> _context;
    private readonly ExplicitRungeKutta<TF> _nonstiff;
    private readonly Func<Stepper> _createStiff;
    private Stepper? _stiff;             // created at the first switch: a non-stiff problem never pays for its matrix
    private readonly double[] _powerV;
    private readonly double[] _powerW;
    private Stepper _current;
    private Stepper _last;
    private int _nonstiffVotes;
    private int _stepsSinceSwitch;

    public AutoSwitching(OdeContext<TF> context, ExplicitRungeKutta<TF> nonstiff, Func<Stepper> createStiff)
    {
        _context = context;
        _nonstiff = nonstiff;
        _createStiff = createStiff;
        _current = _last = nonstiff;
        // ρ(J) of one diagonal block is that of the whole block-diagonal Jacobian.
        _powerV = new double[context.Function.JacobianPattern.RowCount];
        _powerW = new double[context.Function.JacobianPattern.RowCount];
    }

    /// <summary>Every switch, in time order.</summary>
    public List<OdeMethodSwitch> Switches { get; } = [];

    public override string Name => _last.Name;

    public override double NextStep => _current.NextStep;

    /// <summary>The stiff method's iteration matrix, once the stiff method has run.</summary>
    public NewtonMatrix? Matrix => (_stiff as IHasIterationMatrix)?.Matrix;

    public override void Start(double t, ReadOnlySpan<double> y, double h, double tStop)
    {
        _current = _last = _nonstiff;
        _nonstiff.Start(t, y, h, tStop);
        Sync();
    }

    public override StepStatus Step(double tStop)
    {
        var status = _current.Step(tStop);
        _last = _current;
        Sync();
        if (status == StepStatus.StepSizeTooSmall && _current == _nonstiff)
        {
            // The explicit method's step fell below what t resolves (16 ulp of t: at t = 1.7e9, 3.8e-6) before its
            // stiffness test had its 15 steps; where stability, not accuracy, limits the step, the stiff method takes
            // steps the clock can hold.
            string reason = string.Format(CultureInfo.InvariantCulture,
                "{0}'s step fell below the smallest step t = {1:G6} resolves, {2:G3}", _nonstiff.Name, T, OdeContext<TF>.MinimumStep(T));
            SwitchTo(Stiff, 0, tStop, reason);   // 0: the stiff method estimates its own first step, as at a start
            status = _current.Step(tStop);
            _last = _current;
            Sync();
        }
        if (status != StepStatus.Accepted || T == tStop)
            return status;
        _stepsSinceSwitch++;
        var ci = CultureInfo.InvariantCulture;
        if (_current == _nonstiff)
        {
            if (_nonstiff.StiffnessDetected)
            {
                string reason = string.Format(ci, "stiffness: h·|λ| ≈ {0:G3} near {1}'s stability boundary {2} on 15 steps",
                    _nonstiff.StiffnessRatio, _nonstiff.Name, _nonstiff.StabilityBoundary);
                // Start with the explicit method's last step, which stability (not accuracy) had limited.
                SwitchTo(Stiff, LastStep, tStop, reason);
            }
            else if (_nonstiff.SlowerThanBdf)
            {
                string reason = string.Format(ci, "a BDF step of about {0:G3} is possible against {1}'s {2:G3}",
                    _nonstiff.BdfStepEstimate, _nonstiff.Name, Math.Abs(LastStep));
                SwitchTo(Stiff, LastStep, tStop, reason);
            }
        }
        else if (_stepsSinceSwitch >= MinimumStiffSteps)
        {
            double radius = SpectralRadius();
            double h = Math.Abs(_current.NextStep);
            double limit = NonstiffFraction * _nonstiff.StabilityBoundary;
            if (double.IsFinite(radius) && h * radius < limit)
            {
                if (++_nonstiffVotes >= NonstiffChecks)
                {
                    string reason = string.Format(ci, "no longer stiff: h·ρ(J) ≈ {0:G3} below {1:G3} on {2} steps",
                        h * radius, limit, NonstiffChecks);
                    SwitchTo(_nonstiff, _context.Direction * h, tStop, reason);
                }
            }
            else
            {
                _nonstiffVotes = 0;
            }
        }
        return status;
    }

    private Stepper Stiff => _stiff ??= _createStiff();

    private void SwitchTo(Stepper next, double h, double tStop, string reason)
    {
        Switches.Add(new OdeMethodSwitch(T, _current.Name, next.Name, reason));
        _context.Counters.MethodSwitches++;
        _nonstiffVotes = 0;
        _stepsSinceSwitch = 0;
        next.Start(T, Y, h, tStop);
        _current = next;
    }

    private void Sync()
    {
        T = _last.T;
        TPrevious = _last.TPrevious;
        Y = _last.Y;
        LastStep = _last.LastStep;
        LastOrder = _last.LastOrder;
    }

    /// <summary>ρ(J) from twelve steps of the power method on the stiff method's last Jacobian.</summary>
    private double SpectralRadius()
    {
        ReadOnlySpan<double> values = _stiff switch
        {
            BackwardDifferentiation<TF> bdf when bdf.HasJacobian => bdf.JacobianValues,
            Rosenbrock<TF> rosenbrock => rosenbrock.JacobianValues,
            _ => default,
        };
        if (values.IsEmpty)
            return double.PositiveInfinity;
        return PowerIteration.SpectralRadius(_context.Function.JacobianPattern, values, _powerV, _powerW);
    }

    public override void Interpolate(double t, Span<double> y) => _last.Interpolate(t, y);

    public override void WriteDense(DenseOutputBuilder output) => _last.WriteDense(output);
}

/// <summary>An estimate of the spectral radius of a sparse matrix: (‖A^m·v‖/‖v‖)^(1/m) by the power method.</summary>
internal static class PowerIteration
{
    public static double SpectralRadius(SparsityPattern pattern, ReadOnlySpan<double> values, Span<double> v, Span<double> w, int steps = 12)
    {
        int n = v.Length;
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        // A start with every component nonzero and of varying sign, so no eigenvector is missed by symmetry.
        for (int i = 0; i < n; i++)
            v[i] = 1 + 0.5 * Math.Sin(1.7 * i + 0.3);
        double norm = Norm(v);
        double logGrowth = 0;
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int k = starts[i]; k < starts[i + 1]; k++)
                    sum += values[k] * v[columns[k]];
                w[i] = sum;
            }
            double next = Norm(w);
            if (!(next > 0) || !double.IsFinite(next))
                return next == 0 ? 0 : double.PositiveInfinity;
            logGrowth += Math.Log(next / norm);
            for (int i = 0; i < n; i++)
                v[i] = w[i] / next;
            norm = 1;
        }
        return Math.Exp(logGrowth / steps);
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v)
            sum += x * x;
        return Math.Sqrt(sum);
    }
}
