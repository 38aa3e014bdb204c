// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.LinearAlgebra;

namespace ModelCompiler.Ode.Integration;

/// <summary>
/// A Rosenbrock method (Hairer &amp; Wanner, Solving ODE II, IV.7) on a <see cref="RosenbrockTableau"/>: one Jacobian
/// (and, for a non-autonomous f, ∂f/∂t) per accepted step, one LU factorization of I/(hγ) − J per attempt (the
/// Jacobian is kept across rejections at the same point), and the predictive step-size control of Gustafsson
/// as in the code RODAS.
/// </summary>
internal sealed class Rosenbrock<TF> : Stepper, IHasIterationMatrix where TF : struct, IOdeFunction
{
    private const double Safety = 0.9;
    private const double MaxGrowth = 6;
    private const double MaxShrink = 5;

    private readonly OdeContext<TF> _context;
    private readonly RosenbrockTableau _tableau;
    private readonly int _n;
    private readonly NewtonMatrix _matrix;
    private readonly double[] _jacobian;
    private readonly double[] _dfdt;
    private readonly double[] _f0;
    private readonly double[] _u;        // stage increments U_i, one row of n each
    private readonly double[] _y0;
    private readonly double[] _yNew;
    private readonly double[] _work;
    private readonly double[] _error;
    private readonly double[] _scale;
    private readonly double[] _dense;
    private readonly double _exponent;

    private double _h;
    private double _acceptedStep, _acceptedError;
    private bool _first = true;
    private bool _rejected;
    private bool _f0Current;
    private bool _jacobianCurrent;
    private bool _denseReady;

    public Rosenbrock(OdeContext<TF> context, RosenbrockTableau tableau)
    {
        _context = context;
        _tableau = tableau;
        int n = _n = context.N;
        _matrix = NewtonMatrix.Create(context.Function.JacobianPattern, context.LinearSolver, context.Function.JacobianBlocks);
        _jacobian = new double[context.Function.JacobianPattern.NonzeroCount];
        _dfdt = new double[n];
        _f0 = new double[n];
        _u = new double[tableau.Stages * n];
        _y0 = new double[n];
        Y = new double[n];
        _yNew = new double[n];
        _work = new double[n];
        _error = new double[n];
        _scale = new double[n];
        _dense = new double[(2 + tableau.H.Length) * n];
        _exponent = 1.0 / (tableau.EmbeddedOrder + 1);
    }

    public override string Name => _tableau.Name;

    /// <summary>The iteration matrix (for statistics and the stiffness test of <see cref="AutoSwitching{TF}"/>).</summary>
    public NewtonMatrix? Matrix => _matrix;

    /// <summary>The Jacobian's values at the start of the last step.</summary>
    public ReadOnlySpan<double> JacobianValues => _jacobian;

    /// <summary>The suggested next step (signed).</summary>
    public override double NextStep => _h;

    public override void Start(double t, ReadOnlySpan<double> y, double h, double tStop)
    {
        T = TPrevious = t;
        y.CopyTo(Y);
        _context.Rhs(t, Y, _f0);
        _f0Current = true;
        _jacobianCurrent = false;
        _first = true;
        _rejected = false;
        if (h == 0 && OdeContext<TF>.AllFinite(_f0))
            h = InitialStep.Estimate(_context, t, Y, _f0, _tableau.Order, tStop, _work, _error, _scale);
        _h = h == 0 ? _context.Direction * 1e-6 : h;
    }

    public override StepStatus Step(double tStop)
    {
        int n = _n;
        var counters = _context.Counters;
        double t = T;
        double direction = _context.Direction;
        if (!_f0Current)
        {
            _context.Rhs(t, Y, _f0);
            _f0Current = true;
        }
        if (!OdeContext<TF>.AllFinite(_f0))
            return StepStatus.NonFinite;
        if (!_jacobianCurrent)
        {
            _context.Scale(Y, _scale);
            _context.Jacobian(t, Y, _f0, _scale, _jacobian);
            if (!_context.Function.IsAutonomous)
                _context.TimeDerivative(t, Y, _f0, _dfdt);
            _jacobianCurrent = true;
        }
        // Every step from here takes this Jacobian: a smaller one would not help.
        if (!OdeContext<TF>.AllFinite(_jacobian))
            return StepStatus.NonFiniteJacobian;
        bool lastWasNonFinite = false, lastWasSingular = false;
        while (true)
        {
            double h = direction * Math.Min(Math.Abs(_h), _context.MaxStep);
            bool last = false;
            if (direction * (t + 1.01 * h - tStop) >= 0)
            {
                h = tStop - t;
                last = true;
            }
            // The last step may be shorter than t resolves elsewhere: it lands on tStop exactly.
            if (!last && Math.Abs(h) < OdeContext<TF>.MinimumStep(t))
                return lastWasSingular ? StepStatus.SingularMatrix : lastWasNonFinite ? StepStatus.NonFinite : StepStatus.StepSizeTooSmall;
            if (!last)
                h = (t + h) - t;   // the step t can take: far from 0 (t = 1.7e9) t + h rounds, and y must advance as t does

            counters.Factorizations++;
            bool factored = _matrix.Factor(_jacobian, 1 / (h * _tableau.Gamma), 1);
            if (!factored || !Stages(t, h))
            {
                // A singular iteration matrix or a non-finite stage: retreat sharply and try again.
                counters.RejectedSteps++;
                lastWasSingular = !factored;
                lastWasNonFinite = factored;
                _rejected = true;
                _h = 0.25 * h;
                continue;
            }
            double error = _context.ErrorNorm(_error, Y, _yNew);
            if (!double.IsFinite(error))
            {
                counters.RejectedSteps++;
                lastWasNonFinite = true;
                _rejected = true;
                _h = 0.25 * h;
                continue;
            }
            lastWasNonFinite = lastWasSingular = false;
            double factor = Math.Clamp(Math.Pow(error, _exponent) / Safety, 1 / MaxGrowth, MaxShrink);
            if (error <= 1)
            {
                if (!_first)
                {
                    // Gustafsson's predictive control: use the trend of the last two accepted steps.
                    double predictive = _acceptedStep / h * Math.Pow(error * error / _acceptedError, _exponent) / Safety;
                    factor = Math.Max(factor, Math.Clamp(predictive, 1 / MaxGrowth, MaxShrink));
                }
                _first = false;
                _acceptedStep = h;
                _acceptedError = Math.Max(1e-2, error);
                counters.Steps++;
                Array.Copy(Y, _y0, n);
                Array.Copy(_yNew, Y, n);
                TPrevious = t;
                T = last ? tStop : t + h;
                LastStep = T - TPrevious;
                LastOrder = _tableau.Order;
                double hNew = h / factor;
                if (_rejected)
                    hNew = direction * Math.Min(Math.Abs(hNew), Math.Abs(h));
                _h = hNew;
                _rejected = false;
                _f0Current = false;
                _jacobianCurrent = false;
                _denseReady = false;
                return StepStatus.Accepted;
            }
            counters.RejectedSteps++;
            counters.ErrorTestFailures++;
            _h = _first ? 0.1 * h : h / factor;
            _rejected = true;
        }
    }

    /// <summary>The stages, the new point and the error estimate; false when a stage is not finite.</summary>
    private bool Stages(double t, double h)
    {
        int n = _n;
        var tab = _tableau;
        var u = _u;
        var y = Y;
        bool autonomous = _context.Function.IsAutonomous;
        var counters = _context.Counters;
        for (int i = 0; i < tab.Stages; i++)
        {
            var ui = u.AsSpan(i * n, n);
            if (i == 0)
            {
                _f0.CopyTo(ui);
            }
            else
            {
                var a = tab.A[i];
                for (int m = 0; m < n; m++)
                {
                    double sum = y[m];
                    for (int j = 0; j < a.Length; j++)
                        sum += a[j] * u[j * n + m];
                    _work[m] = sum;
                }
                _context.Rhs(t + tab.Nodes[i] * h, _work, ui);
                var c = tab.C[i];
                double inverseH = 1 / h;
                for (int m = 0; m < n; m++)
                {
                    double sum = 0;
                    for (int j = 0; j < c.Length; j++)
                        sum += c[j] * u[j * n + m];
                    ui[m] += sum * inverseH;
                }
            }
            if (!autonomous && tab.D[i] != 0)
            {
                double hd = h * tab.D[i];
                for (int m = 0; m < n; m++)
                    ui[m] += hd * _dfdt[m];
            }
            _matrix.Solve(ui);
            counters.LinearSolves++;
            if (!OdeContext<TF>.AllFinite(ui))
                return false;
        }
        var weights = tab.M;
        var errorWeights = tab.E;
        for (int m = 0; m < n; m++)
        {
            double sum = 0, err = 0;
            for (int j = 0; j < weights.Length; j++)
            {
                double v = u[j * n + m];
                sum += weights[j] * v;
                err += errorWeights[j] * v;
            }
            _yNew[m] = y[m] + sum;
            _error[m] = err;
        }
        return true;
    }

    private void EnsureDense()
    {
        if (_denseReady)
            return;
        int n = _n;
        Array.Copy(_y0, 0, _dense, 0, n);
        Array.Copy(Y, 0, _dense, n, n);
        var hRows = _tableau.H;
        for (int r = 0; r < hRows.Length; r++)
        {
            var row = hRows[r];
            for (int m = 0; m < n; m++)
            {
                double sum = 0;
                for (int j = 0; j < row.Length; j++)
                    sum += row[j] * _u[j * n + m];
                _dense[(2 + r) * n + m] = sum;
            }
        }
        _denseReady = true;
    }

    public override void Interpolate(double t, Span<double> y)
    {
        EnsureDense();
        DenseSegment.Evaluate(DenseKind.Rosenbrock, _dense, TPrevious, T, t, y);
    }

    public override void WriteDense(DenseOutputBuilder output)
    {
        EnsureDense();
        _dense.CopyTo(output.Add(DenseKind.Rosenbrock, TPrevious, T, 2 + _tableau.H.Length));
    }
}
