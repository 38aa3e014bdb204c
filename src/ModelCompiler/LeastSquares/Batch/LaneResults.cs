// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Kernels;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// What a lane writes when its curve is done, shared by the scalar and the vectorized lane solvers: parameters,
/// standard errors, RSS, termination and counts from the normal equations at the solution, or the single-curve
/// solver's result when the normal equations are unsafe for the curve.
/// </summary>
internal sealed class LaneResults<TModel> where TModel : IModel
{
    private readonly BatchProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly BatchFitResult _results;
    private readonly int _p, _sumLength;
    private readonly double[] _gram, _gradient, _lower, _upper; // over the free parameters
    private readonly TriangularFactor?[] _factors; // scratch for the covariance, by number of free parameters
    private readonly RoundingNoiseColumns.Checker<TModel>? _noise; // null where the generator proved the check needless

    public LaneResults(BatchProblem problem, CurveFitOptions options, BatchFitResult results)
    {
        _problem = problem;
        _options = options;
        _results = results;
        _p = problem.ParameterCount;
        _sumLength = NormalEquationsLayout.Length(_p);
        _gram = new double[_p * _p];
        _gradient = new double[_p];
        _lower = new double[_p];
        _upper = new double[_p];
        _factors = new TriangularFactor?[_p + 1];
        if (TModel.MayHaveRoundingNoiseColumns)
        {
            _noise = new RoundingNoiseColumns.Checker<TModel>(problem.PointCount, problem.VariableCount);
            if (problem.SharedX is { } x)
                _noise.Look(x);
        }
    }

    /// <summary>
    /// Writes curve <paramref name="curve"/>'s results: the free parameters <paramref name="free"/> at
    /// <paramref name="point"/> (the others at <paramref name="start"/>), and the normal equations
    /// <paramref name="current"/> there; <paramref name="responseNorm"/> is the curve's <see cref="ResponseNorm"/>. A curve whose
    /// lanes stalled (<see cref="Stationarity"/>; <paramref name="termination"/> is <see cref="FitTermination.Stalled"/> when the
    /// lane's polish step left the model's domain) is fitted again by the single-curve solver, which rescues many such fits
    /// (variable projection restarts them) and reports the rest as a single fit would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(int curve, ReadOnlySpan<int> free, ReadOnlySpan<double> start, ReadOnlySpan<double> point,
                      ReadOnlySpan<double> current, double responseNorm, FitTermination termination, int iterations, int evaluations)
    {
        int p = _p, k = free.Length;
        if (termination != FitTermination.NonFiniteStart)
        {
            NormalEquationsFactorization<TModel>.Extract(current, p, free, k, _gram, _gradient);
            var alignment = Alignment(curve, free, point, Math.Sqrt(current[_sumLength - 1]));
            // A column that is zero at every point may hold the lane on a stationary point by symmetry ((a·x)² at a = 0),
            // which the single-curve solver leaves (CurveFit.ZeroColumnEscape).
            if (Stationarity.Judge(termination, alignment, responseNorm, 0) == FitTermination.Stalled || HasZeroColumn(k))
            {
                Refit(curve, start, evaluations);
                return;
            }
        }
        Span<double> parameters = _results.Parameters.AsSpan(curve * p, p);
        Span<double> errors = _results.StandardErrors.AsSpan(curve * p, p);
        start.CopyTo(parameters);
        errors.Clear();
        double rss = current[_sumLength - 1];
        if (termination == FitTermination.NonFiniteStart)
        {
            rss = double.NaN;
            for (int a = 0; a < k; a++)
                errors[free[a]] = double.PositiveInfinity;
        }
        else
        {
            for (int a = 0; a < k; a++)
                parameters[free[a]] = point[a];
            WriteStandardErrors(curve, free, rss, responseNorm, errors);
        }
        _results.ResidualSumOfSquares[curve] = rss;
        _results.Terminations[curve] = termination;
        _results.Iterations[curve] = iterations;
        _results.Evaluations[curve] = evaluations;
    }

    /// <summary>Whether a free column of the normal equations in the scratch is zero at every point.</summary>
    private bool HasZeroColumn(int k)
    {
        for (int j = 0; j < k; j++)
            if (_gram[j * k + j] == 0)
                return true;
        return false;
    }

    /// <summary>The alignment of f with the free columns, from the normal equations in the scratch (<see cref="Write"/> extracts them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ResidualAlignment Alignment(int curve, ReadOnlySpan<int> free, ReadOnlySpan<double> point, double residualNorm)
    {
        int k = free.Length;
        Span<double> lower = default, upper = default;
        if (_problem.Lower is not null)
        {
            ReadOnlySpan<double> curveLower = _problem.LowerOf(curve), curveUpper = _problem.UpperOf(curve);
            lower = _lower.AsSpan(0, k);
            upper = _upper.AsSpan(0, k);
            for (int a = 0; a < k; a++)
            {
                lower[a] = curveLower[free[a]];
                upper[a] = curveUpper[free[a]];
            }
        }
        return Stationarity.FromNormalEquations(_gram.AsSpan(0, k * k), _gradient.AsSpan(0, k), residualNorm, point, lower, upper);
    }

    /// <summary>
    /// √diag(pcov) with pcov = (JᵀWJ)⁻¹·RSS/(n − k) (no factor with absolute sigma), as the single-curve fit: from the
    /// pivoted Cholesky factor of the normal equations at the solution, (JᵀJ)⁻¹ = P·R⁻¹R⁻ᵀ·Pᵀ, or, when they are too
    /// ill-conditioned for that, from the curve's Jacobian as the single-curve fit computes it.
    /// </summary>
    private void WriteStandardErrors(int curve, ReadOnlySpan<int> free, double rss, double responseNorm, Span<double> errors)
    {
        int k = free.Length, n = _problem.PointCount;
        double scale = _options.AbsoluteSigma ? 1 : n > k ? ResidualVariance.Of(rss, n - k, responseNorm) : double.NaN;
        Span<double> norms = stackalloc double[k];
        for (int j = 0; j < k; j++)
            norms[j] = Math.Sqrt(_gram[j * k + j]);
        if (NegligibleTerm(curve, free, responseNorm, norms) is { } vanished)
        {
            WriteStandardErrorsWithoutVanished(curve, free, vanished, rss, responseNorm, errors);
            return;
        }
        if (HasRoundingNoiseColumn(curve, free))
        {
            foreach (int j in free)
                errors[j] = double.PositiveInfinity;
            return;
        }
        var factor = _factors[k] ??= new TriangularFactor(k);
        double[] r = factor.R;
        if (double.IsNaN(scale) || !TallJacobianFactor.Cholesky(_gram, k, r, factor.Pivot))
        {
            WriteStandardErrorsFromJacobian(curve, free, rss, responseNorm, errors);
            return;
        }
        // R·D⁻¹ (unit-norm columns, D the column norms in pivot order) is inverted, and each error divided by its norm
        // after the square root, as Fit forms them: squares of R⁻¹'s entries under- or overflow in extreme units.
        for (int j = 0; j < k; j++)
        {
            double d = norms[factor.Pivot[j]];
            if (d > 0)
                for (int i = 0; i <= j; i++)
                    r[j * k + i] /= d;
        }
        // R⁻¹ in place of R's strict lower triangle would overlap: use the gram buffer, now free.
        Span<double> inverse = _gram.AsSpan(0, k * k);
        inverse.Clear();
        for (int j = 0; j < k; j++)
        {
            inverse[j * k + j] = 1 / r[j * k + j];
            for (int i = j - 1; i >= 0; i--)
            {
                double sum = 0;
                for (int l = i + 1; l <= j; l++)
                    sum += r[l * k + i] * inverse[j * k + l];
                inverse[j * k + i] = -sum / r[i * k + i];
            }
        }
        for (int i = 0; i < k; i++)
        {
            double variance = 0;
            for (int l = i; l < k; l++)
                variance += inverse[l * k + i] * inverse[l * k + i];
            double d = norms[factor.Pivot[i]];
            errors[free[factor.Pivot[i]]] = Math.Sqrt(variance) / (d > 0 ? d : 1) * Math.Sqrt(scale);
        }
    }

    /// <summary>Whether a free parameter of the curve acts only through a term below the data's rounding (<see cref="NegligibleTerms"/>), as <c>Fit</c> checks.</summary>
    private bool[]? NegligibleTerm(int curve, ReadOnlySpan<int> free, double responseNorm, ReadOnlySpan<double> columnNorms) =>
        NegligibleTerms.Find<TModel>(_problem.XOf(curve), _problem.PointCount, _results.Parameters.AsSpan(curve * _p, _p), free, columnNorms,
                                     responseNorm, out bool[] vanished) is null ? null : vanished;

    /// <summary>Errors as <c>Fit</c> forms them where a term is below the rounding: from the model without the parameters that vanish with it.</summary>
    private void WriteStandardErrorsWithoutVanished(int curve, ReadOnlySpan<int> free, bool[] vanished, double rss, double responseNorm,
                                                    Span<double> errors)
    {
        var part = NegligibleTerms.WithoutVanished<TModel>(_problem.XOf(curve), _problem.PointCount, _results.Parameters.AsSpan(curve * _p, _p),
                                                           free, _problem.SqrtWeightsOf(curve), vanished);
        WriteScaledErrors(free, part?.Errors ?? [], part?.Rank ?? 0, rss, responseNorm, errors);
    }

    /// <summary>
    /// errors[free[a]] from the unscaled errors of a model of <paramref name="rank"/> parameters, times the residual
    /// variance with n − rank degrees of freedom (1 with absolute sigma), as <c>Fit</c> forms them; +∞ where there are none.
    /// </summary>
    private void WriteScaledErrors(ReadOnlySpan<int> free, ReadOnlySpan<double> unscaled, int rank, double rss, double responseNorm,
                                   Span<double> errors)
    {
        int n = _problem.PointCount;
        double scale = _options.AbsoluteSigma ? 1 : n > rank ? ResidualVariance.Of(rss, n - rank, responseNorm) : double.NaN;
        for (int a = 0; a < free.Length; a++)
            errors[free[a]] = unscaled.Length == free.Length && !double.IsNaN(scale) ? FitResultBuilder.Scaled(unscaled[a], scale) : double.PositiveInfinity;
    }

    /// <summary>Whether a free column of the curve is the rounding of its formula (<see cref="RoundingNoiseColumns"/>), as <c>Fit</c> checks.</summary>
    private bool HasRoundingNoiseColumn(int curve, ReadOnlySpan<int> free)
    {
        if (_noise is null)
            return false;
        if (_problem.SharedX is null)
            _noise.Look(_problem.XOf(curve));
        return _noise.AnyNoisy(_results.Parameters.AsSpan(curve * _p, _p), free);
    }

    private void WriteStandardErrorsFromJacobian(int curve, ReadOnlySpan<int> free, double rss, double responseNorm, Span<double> errors)
    {
        var estimate = CovarianceEstimate.AtParameters<TModel>(_problem.XOf(curve), _problem.PointCount, _results.Parameters.AsSpan(curve * _p, _p),
                                                               free, _problem.SqrtWeightsOf(curve));
        // A rank-deficient Jacobian's determined parameters have n − rank degrees of freedom, as in Fit.
        int rank = estimate.Matrix is null && estimate.Determined is not null ? estimate.Rank : free.Length;
        WriteScaledErrors(free, estimate.Errors, rank, rss, responseNorm, errors);
    }

    /// <summary>
    /// The normal equations are unsafe for curve <paramref name="curve"/>: the single-curve solver fits it from
    /// <paramref name="start"/>; <paramref name="evaluations"/> lane evaluations were spent before.
    /// </summary>
    public void Refit(int curve, ReadOnlySpan<double> start, int evaluations)
    {
        int p = _p, v = _problem.VariableCount;
        var setup = new FitSetup
        {
            Weights = _problem.SqrtWeights is null ? null : _problem.SqrtWeightsOf(curve).ToArray().Select(w => w * w).ToArray(),
            LowerBounds = _problem.Lower is null ? null : _problem.LowerOf(curve).ToArray(),
            UpperBounds = _problem.Upper is null ? null : _problem.UpperOf(curve).ToArray(),
            Fixed = _problem.Fixed is null ? null : _problem.FixedOf(curve).ToArray(),
        };
        var single = InputValidation.Build(_problem.XOf(curve).ToArray(), v, _problem.YOf(curve).ToArray(), start.ToArray(), p,
                                           TModel.ParameterNames, setup);
        CurveFitResult fit;
        try
        {
            fit = CurveFit.Solve<TModel>(single, _options with { MaxDegreeOfParallelism = 1 }, null, CancellationToken.None);
        }
        catch (ArgumentException)
        {
            // The single-curve solver rejects a start where the Jacobian is not finite; a batch reports it.
            var noSums = new double[_sumLength];
            var free = new int[p];
            int k = 0;
            ReadOnlySpan<bool> isFixed = _problem.FixedOf(curve);
            for (int j = 0; j < p; j++)
                if (isFixed.IsEmpty || !isFixed[j])
                    free[k++] = j;
            Write(curve, free.AsSpan(0, k), start, default, noSums, double.NaN, FitTermination.NonFiniteStart, 0, evaluations);
            return;
        }
        fit.Parameters.CopyTo(_results.Parameters.AsSpan(curve * p, p));
        for (int j = 0; j < p; j++)
            _results.StandardErrors[curve * p + j] = fit.Parameter(j).StandardError;
        _results.ResidualSumOfSquares[curve] = fit.ResidualSumOfSquares;
        _results.Terminations[curve] = fit.Termination;
        _results.Iterations[curve] = fit.Iterations;
        _results.Evaluations[curve] = evaluations + fit.FunctionEvaluations + fit.JacobianEvaluations;
    }

    /// <summary>‖√w·y‖ of the curve, summed as the single-curve fit sums it: the scale of the residuals' rounding error.</summary>
    public double ResponseNorm(int curve) => Math.Sqrt(_problem.ResponseSquares[curve]);
}
