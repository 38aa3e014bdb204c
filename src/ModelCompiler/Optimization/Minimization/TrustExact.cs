// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>The nearly exact trust-region method (see <see cref="TrustExactOptions"/>).</summary>
internal static class TrustExact
{
    public static MinimizationResult Minimize<TSource>(ObjectiveEvaluator<TSource> objective, TrustExactOptions options)
        where TSource : struct, IObjectiveSource
        => TrustRegion.Minimize(objective, new MoreSorensenSubproblem<TSource>(objective, options.Factorization), options.Method,
                                options.GradientTolerance, options.InitialTrustRadius, options.MaxTrustRadius,
                                options.AcceptanceRatio, options.IterationLimit(objective.N));
}

/// <summary>
/// Moré &amp; Sorensen's (1983) solution of min gᵀp + ½pᵀHp over ‖p‖ ≤ Δ: Newton's method on φ(λ) = 1/‖p(λ)‖ − 1/Δ with
/// (H + λI)p(λ) = −g, λ kept in a safeguarding interval [λ_L, λ_U] from Gershgorin bounds that every factorization
/// narrows (a failed one through its pivot deficit and partial null vector), and the hard case (g nearly orthogonal
/// to the eigenvectors of H's least eigenvalue) resolved by moving along the LINPACK estimate z of that eigenvector to
/// the boundary. Stops when |‖p‖ − Δ| ≤ σ₁Δ, at an interior Newton step (λ = 0), or when the hard-case step's model
/// value is within σ₁(2 − σ₁) of the optimum (σ₁ = 0.1), and after at most 50 factorizations, returning the best step.
/// </summary>
internal sealed class MoreSorensenSubproblem<TSource> : ITrustRegionSubproblem where TSource : struct, IObjectiveSource
{
    private const double Sigma = 0.1;
    private const int MaxFactorizations = 50;
    private const double Epsilon = 2.220446049250313e-16;

    private readonly ObjectiveEvaluator<TSource> _objective;
    private readonly HessianFactorization _choice;
    private readonly double[] _z, _hp, _best;
    private SparsityPattern? _pattern;
    private ShiftedCholesky? _factor;
    private double[]? _hessian;
    private bool _hessianCurrent;
    private double _lambda;   // the last λ, a warm start for the next radius at the same point
    private double[] _x = [], _g = [];
    private double _maxNegativeDiagonal, _normOne;

    public MoreSorensenSubproblem(ObjectiveEvaluator<TSource> objective, HessianFactorization choice)
    {
        _objective = objective;
        _choice = choice;
        int n = objective.N;
        _z = new double[n];
        _hp = new double[n];
        _best = new double[n];
    }

    public void SetPoint(double[] x, double[] g)
    {
        _x = x;
        _g = g;
        _hessianCurrent = false;
        _lambda = 0;
    }

    public double Solve(double radius, double[] p, out bool onBoundary)
    {
        EnsureHessian();
        var factor = _factor!;
        int n = _g.Length;
        double gnorm = Bfgs.Norm2(_g);
        double lambdaS = Math.Max(0, _maxNegativeDiagonal);
        double lambdaL = Math.Max(0, Math.Max(lambdaS, gnorm / radius - _normOne));
        double lambdaU = Math.Max(0, gnorm / radius + _normOne);
        double lambda = Math.Clamp(_lambda, lambdaL, lambdaU);
        double bestModel = double.PositiveInfinity;
        bool bestOnBoundary = false;
        Array.Clear(_best);

        for (int iteration = 0; iteration < MaxFactorizations; iteration++)
        {
            // Safeguard: keep λ in [λ_L, λ_U] and above the known lower bound on −λ_min.
            lambda = Math.Max(lambda, lambdaL);
            lambda = Math.Min(lambda, lambdaU);
            if (lambda <= lambdaS && lambdaS > 0)
                lambda = Math.Max(0.001 * lambdaU, Math.Sqrt(lambdaL * lambdaU));
            if (!factor.Factor(lambda))
            {
                var (deficit, uu) = factor.Failure();
                lambdaL = Math.Max(lambdaL, lambda + deficit / uu);
                lambdaS = Math.Max(lambdaS, lambdaL);
                lambda = Math.Max(Math.Sqrt(lambdaL * lambdaU), lambdaL + 0.01 * (lambdaU - lambdaL));
                if (lambdaU - lambdaL <= Epsilon * lambdaU)
                    break;
                continue;
            }
            for (int i = 0; i < n; i++)
                p[i] = -_g[i];
            factor.Solve(p);
            double pnorm = Bfgs.Norm2(p);
            if (pnorm <= radius * (1 + Sigma))
                Keep(p, ref bestModel, ref bestOnBoundary, pnorm >= radius * (1 - Sigma));
            if (pnorm <= radius)
            {
                if (lambda == 0 || Math.Abs(pnorm - radius) <= Sigma * radius)
                    return Result(p, out onBoundary, pnorm >= radius * (1 - Sigma));
                // Interior with λ > 0: λ is too large, or this is the hard case. Try the step to the boundary along
                // the approximate eigenvector z of the least eigenvalue.
                double rz2 = factor.SmallDirection(_z);
                lambdaU = Math.Min(lambdaU, lambda);
                lambdaS = Math.Max(lambdaS, lambda - rz2);
                double tau = ToBoundaryTowardsLowerModel(p, _z, radius);
                double ptHp = 0;   // pᵀ(H + λI)p = −gᵀp
                for (int i = 0; i < n; i++)
                    ptHp -= _g[i] * p[i];
                if (tau * tau * rz2 <= Sigma * (2 - Sigma) * (ptHp + lambda * radius * radius))
                {
                    for (int i = 0; i < n; i++)
                        p[i] += tau * _z[i];
                    return Result(p, out onBoundary, true);
                }
            }
            else
            {
                lambdaL = Math.Max(lambdaL, lambda);
                if (Math.Abs(pnorm - radius) <= Sigma * radius)
                    return Result(p, out onBoundary, true);
            }
            // Newton's step on 1/‖p(λ)‖ = 1/Δ: λ += (‖p‖/‖q‖)²(‖p‖ − Δ)/Δ with Lq = Pp.
            double qq = factor.LowerSolveNormSquared(p);
            double next = lambda + pnorm * pnorm / qq * ((pnorm - radius) / radius);
            if (lambdaU - lambdaL <= Epsilon * lambdaU && iteration > 0)
                break;
            lambda = double.IsFinite(next) ? next : 0.5 * (lambdaL + lambdaU);
        }
        // Out of factorizations (a singular H can keep λ creeping towards 0): the best step found.
        if (double.IsPositiveInfinity(bestModel))
        {
            // Nothing usable was factored: a steepest-descent step to the boundary (the Cauchy direction).
            double scale = gnorm > 0 ? radius / gnorm : 0;
            for (int i = 0; i < n; i++)
                p[i] = -scale * _g[i];
            return Result(p, out onBoundary, true);
        }
        _best.CopyTo(p, 0);
        return Result(p, out onBoundary, bestOnBoundary);
    }

    private void Keep(double[] p, ref double bestModel, ref bool bestOnBoundary, bool onBoundary)
    {
        double model = Model(p);
        if (model < bestModel)
        {
            bestModel = model;
            bestOnBoundary = onBoundary;
            p.CopyTo(_best, 0);
        }
    }

    private double Result(double[] p, out bool onBoundary, bool boundary)
    {
        onBoundary = boundary;
        return -Model(p);
    }

    /// <summary>m(p) = gᵀp + ½pᵀHp.</summary>
    private double Model(double[] p)
    {
        SymmetricCsr.Multiply(_pattern!, _hessian, p, _hp);
        double value = 0;
        for (int i = 0; i < p.Length; i++)
            value += _g[i] * p[i] + 0.5 * p[i] * _hp[i];
        return value;
    }

    /// <summary>
    /// The τ with ‖p + τz‖ = Δ of smaller magnitude. With (H + λI)p = −g and ‖z‖ = 1 on the boundary,
    /// m(p + τz) = m(p) − ½λ(Δ² − ‖p‖²) + ½τ²‖Rz‖², so the smaller |τ| gives the lower model.
    /// </summary>
    private static double ToBoundaryTowardsLowerModel(double[] p, double[] z, double radius)
    {
        var (lower, upper) = TrustRegion.BoundaryRoots(p, z, radius);
        return Math.Abs(lower) < Math.Abs(upper) ? lower : upper;
    }

    public void HessianTimes(double[] v, double[] result)
    {
        EnsureHessian();
        SymmetricCsr.Multiply(_pattern!, _hessian!, v, result);
    }

    private void EnsureHessian()
    {
        if (_hessianCurrent)
            return;
        _pattern ??= _objective.HessianPattern;
        _hessian ??= new double[_pattern.NonzeroCount];
        _factor ??= ShiftedCholesky.Create(_pattern, _choice);
        _objective.Hessian(_x, _g, _hessian);
        _factor.Load(_hessian);
        (_maxNegativeDiagonal, _normOne) = SymmetricCsr.Bounds(_pattern, _hessian);
        _hessianCurrent = true;
    }
}
