// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Newton–CG in a trust region (see <see cref="NewtonCgOptions"/>).</summary>
internal static class NewtonCg
{
    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, NewtonCgOptions options)
        where TSource : struct, IObjectiveSource
        => TrustRegion.Minimize(objective, new SteihaugSubproblem<TSource>(objective), options.Method, options.GradientTolerance,
                                options.InitialTrustRadius, options.MaxTrustRadius, options.AcceptanceRatio,
                                options.IterationLimit(objective.N));
}

/// <summary>
/// Steihaug's (1983) truncated conjugate gradients for the trust-region subproblem: CG on Hp = −g from p = 0, stopped at
/// the boundary, at a direction of non-positive curvature (then the boundary point along it with the lower model value),
/// or when ‖r‖ ≤ min(½, √‖g‖)·‖g‖ (a superlinear forcing sequence), after at most 2n + 10 products.
/// </summary>
internal sealed class SteihaugSubproblem<TSource> : ITrustRegionSubproblem where TSource : struct, IObjectiveSource
{
    private enum ProductSource { Objective, StoredHessian, GradientDifferences }

    private const double SqrtEpsilon = 1.4901161193847656e-8;
    private readonly ObjectiveEvaluator<TSource> _objective;
    private readonly ProductSource _source;
    private readonly double[] _z, _r, _d, _bd, _hz, _shifted, _shiftedGradient;
    private double[]? _hessian;
    private bool _hessianCurrent;
    private double[] _x = [], _g = [];

    public SteihaugSubproblem(ObjectiveEvaluator<TSource> objective)
    {
        _objective = objective;
        int n = objective.N;
        _source = objective.HasHessianTimes ? ProductSource.Objective
                : objective.HasHessian ? ProductSource.StoredHessian
                : ProductSource.GradientDifferences;
        _z = new double[n];
        _r = new double[n];
        _d = new double[n];
        _bd = new double[n];
        _hz = new double[n];
        _shifted = new double[n];
        _shiftedGradient = new double[n];
    }

    public void SetPoint(double[] x, double[] g)
    {
        _x = x;
        _g = g;
        _hessianCurrent = false;
    }

    public double Solve(double radius, double[] p, out bool onBoundary)
    {
        int n = _g.Length;
        double gnorm = Bfgs.Norm2(_g);
        double tolerance = Math.Min(0.5, Math.Sqrt(gnorm)) * gnorm;
        Array.Clear(_z);
        Array.Clear(_hz);
        double rr = 0;
        for (int i = 0; i < n; i++)
        {
            _r[i] = _g[i];
            _d[i] = -_g[i];
            rr += _g[i] * _g[i];
        }
        onBoundary = false;
        int limit = 2 * n + 10;
        for (int j = 0; j < limit; j++)
        {
            Product(_d, _bd);
            double dbd = WolfeLineSearch.Dot(_d, _bd);
            if (!(dbd > 0))
            {
                // Non-positive curvature: go to the boundary along ±d, whichever lowers the model more.
                var (tauMinus, tau) = TrustRegion.BoundaryRoots(_z, _d, radius);
                double slope = WolfeLineSearch.Dot(_g, _d) + WolfeLineSearch.Dot(_d, _hz);
                double mPlus = tau * slope + 0.5 * tau * tau * dbd;
                double mMinus = tauMinus * slope + 0.5 * tauMinus * tauMinus * dbd;
                onBoundary = true;
                return Finish(mPlus <= mMinus ? tau : tauMinus, p);
            }
            double alpha = rr / dbd;
            double zz = 0;
            for (int i = 0; i < n; i++)
            {
                double zi = _z[i] + alpha * _d[i];
                zz += zi * zi;
            }
            if (Math.Sqrt(zz) >= radius)
            {
                onBoundary = true;
                return Finish(TrustRegion.ToBoundary(_z, _d, radius), p);
            }
            double rrNew = 0;
            for (int i = 0; i < n; i++)
            {
                _z[i] += alpha * _d[i];
                _hz[i] += alpha * _bd[i];
                _r[i] += alpha * _bd[i];
                rrNew += _r[i] * _r[i];
            }
            if (Math.Sqrt(rrNew) < tolerance)
                break;
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++)
                _d[i] = -_r[i] + beta * _d[i];
        }
        return Finish(0, p);
    }

    /// <summary>p = z + τd and the predicted reduction −(gᵀp + ½pᵀHp), with Hp = Hz + τ·Bd.</summary>
    private double Finish(double tau, double[] p)
    {
        double gp = 0, php = 0;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = _z[i] + tau * _d[i];
            gp += _g[i] * p[i];
            php += p[i] * (_hz[i] + tau * _bd[i]);
        }
        return -(gp + 0.5 * php);
    }

    public void HessianTimes(double[] v, double[] result) => Product(v, result);

    private void Product(double[] v, double[] result)
    {
        switch (_source)
        {
            case ProductSource.Objective:
                _objective.HessianTimes(_x, v, result);
                break;
            case ProductSource.StoredHessian:
                if (!_hessianCurrent)
                {
                    _hessian ??= new double[_objective.HessianPattern.NonzeroCount];
                    _objective.Hessian(_x, _g, _hessian);
                    _hessianCurrent = true;
                }
                SymmetricCsr.Multiply(_objective.HessianPattern, _hessian, v, result);
                break;
            default:
                // (∇f(x + hv) − ∇f(x))/h with h = √ε(1 + ‖x‖)/‖v‖.
                double h = SqrtEpsilon * (1 + Bfgs.Norm2(_x)) / Bfgs.Norm2(v);
                for (int i = 0; i < v.Length; i++)
                    _shifted[i] = _x[i] + h * v[i];
                _objective.ValueAndGradient(_shifted, _shiftedGradient);
                for (int i = 0; i < v.Length; i++)
                    result[i] = (_shiftedGradient[i] - _g[i]) / h;
                break;
        }
    }
}
