// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The heuristic start of <see cref="CurveFit.GuessInitial{TModel}"/>: separate the parameters that enter linearly,
/// search the others on a scale-aware quasi-random design with the linear ones solved by linear least squares for each
/// candidate, then polish the best candidates with Levenberg–Marquardt.
/// </summary>
internal static class InitialGuess
{
    /// <summary>The search runs on at most this many points, evenly spaced through the data; the polish uses them all.</summary>
    internal const int SearchPointLimit = 2048;

    /// <summary>Candidates polished by Levenberg–Marquardt.</summary>
    internal const int PolishCount = 8;

    /// <summary>Candidates polished at most, while every polished one ends rank-deficient.</summary>
    internal const int MaxPolishCount = 64;

    public static double[] Find<TModel>(double[] x, double[] y, FitSetup setup, double[]? known, CancellationToken cancellationToken)
        where TModel : IModel
    {
        int p = TModel.ParameterCount, v = TModel.VariableCount;
        known ??= Enumerable.Repeat(double.NaN, p).ToArray();
        if (known.Length != p)
            throw new ArgumentException($"known has {known.Length} values but the model has {p} parameters ({string.Join(", ", TModel.ParameterNames)}).", nameof(known));
        for (int j = 0; j < p; j++)
        {
            if (double.IsInfinity(known[j]))
                throw new ArgumentException($"known[{j}] ({TModel.ParameterNames[j]}) is {known[j]}; give a finite value or NaN for unknown.", nameof(known));
            if (setup.Fixed is { } f && j < f.Length && f[j] && double.IsNaN(known[j]))
                throw new ArgumentException($"Parameter {j} ({TModel.ParameterNames[j]}) is fixed, so known[{j}] must hold its value.", nameof(known));
            double lo = setup.LowerBounds is { } l && j < l.Length ? l[j] : double.NegativeInfinity;
            double hi = setup.UpperBounds is { } u && j < u.Length ? u[j] : double.PositiveInfinity;
            if (known[j] < lo || known[j] > hi)
                throw new ArgumentException($"known[{j}] ({TModel.ParameterNames[j]}) = {known[j]} lies outside its bounds [{lo}, {hi}].", nameof(known));
        }

        var scales = DataScales.Of(x, y.Length, v);
        double[] placeholder = new double[p];
        for (int j = 0; j < p; j++)
            placeholder[j] = double.IsNaN(known[j]) ? Inside(1, Lower(setup, j), Upper(setup, j)) : known[j];
        // Validates x, y, sigma or weights, bounds and fixed flags with the messages of every fit.
        LeastSquaresProblem full = InputValidation.Build(x, v, y, placeholder, p, TModel.ParameterNames, setup);
        LeastSquaresProblem search = full.EvenlySpaced(SearchPointLimit, v);

        bool[] open = new bool[p];
        for (int j = 0; j < p; j++)
            open[j] = !full.IsFixed[j] && double.IsNaN(known[j]);
        if (!open.Contains(true))
            return placeholder;   // nothing to guess
        // The candidates are polished with the known values held, so that a start keeps what the caller knows and its
        // other values are the best for it; the fit from that start then moves them all.
        bool[] held = Enumerable.Range(0, p).Select(j => !open[j]).ToArray();
        LeastSquaresProblem polished = held.SequenceEqual(full.IsFixed)
            ? full
            : InputValidation.Build(x, v, y, placeholder, p, TModel.ParameterNames, setup with { Fixed = held });
        var sampler = new CandidateSampler(scales, setup, p);
        double[] basePoint = BasePoint<TModel>(search, placeholder, open, sampler);
        bool[] linear = AffineParameters.Find<TModel>(search, basePoint, open);
        int[] nonlinear = Enumerable.Range(0, p).Where(j => open[j] && !linear[j]).ToArray();
        int[] linearIndices = Enumerable.Range(0, p).Where(j => linear[j]).ToArray();

        var scored = new List<(double Rss, double[] Parameters)>();
        var projection = new LinearProjection<TModel>(search, linearIndices, setup);
        foreach (double[] candidate in sampler.Candidates(basePoint, nonlinear))
        {
            cancellationToken.ThrowIfCancellationRequested();
            double rss = projection.Solve(candidate);
            if (double.IsFinite(rss))
                scored.Add((rss, candidate));
        }
        if (scored.Count == 0)
            throw new ArgumentException(
                $"No start was found where the model '{TModel.Formula}' is finite on the data; give initial values.", nameof(x));
        // Stable: ties keep the design's order, so the result does not depend on anything but the inputs.
        var best = scored.Select((s, i) => (s.Rss, s.Parameters, i)).OrderBy(s => s.Rss).ThenBy(s => s.i)
                         .Take(MaxPolishCount).ToList();

        // A polished candidate whose Jacobian is rank-deficient or nearly so (a peak narrowed onto one point or between
        // two, two terms merged) is a solution the data cannot determine; it wins only when no candidate ends
        // determined. So the polish goes on down the ranking, past the first PolishCount, until one does.
        CurveFitResult? winner = null;
        bool winnerDetermined = false;
        var determinacy = new Determinacy<TModel>(polished);
        var options = CurveFitOptions.Default;
        for (int rank = 0; rank < best.Count; rank++)
        {
            if (rank >= PolishCount && winnerDetermined)
                break;
            double[] start = best[rank].Parameters;
            cancellationToken.ThrowIfCancellationRequested();
            CurveFitResult fit;
            try
            {
                fit = CurveFit.Solve<TModel>(polished.WithInitial(start), options, null, cancellationToken);
            }
            catch (ArgumentException)
            {
                continue;   // the model is not finite around this candidate on the full data
            }
            bool determined = determinacy.IsDetermined(fit);
            if (winner is null || (determined != winnerDetermined ? determined : fit.ResidualSumOfSquares < winner.ResidualSumOfSquares))
                (winner, winnerDetermined) = (fit, determined);
        }
        return winner?.Parameters ?? best[0].Parameters;
    }

    private static double Lower(FitSetup setup, int j) => setup.LowerBounds is { } l && j < l.Length ? l[j] : double.NegativeInfinity;

    private static double Upper(FitSetup setup, int j) => setup.UpperBounds is { } u && j < u.Length ? u[j] : double.PositiveInfinity;

    /// <summary>The value nearest to <paramref name="value"/> inside [lower, upper], strictly inside where the interval is finite.</summary>
    internal static double Inside(double value, double lower, double upper)
    {
        if (value >= lower && value <= upper)
            return value;
        if (double.IsFinite(lower) && double.IsFinite(upper))
            return lower + 0.5 * (upper - lower);
        return value < lower ? lower + Math.Max(1, Math.Abs(lower)) * 0.5 : upper - Math.Max(1, Math.Abs(upper)) * 0.5;
    }


    /// <summary>
    /// A point where the model and its Jacobian are finite on the search data and every open parameter acts on it, for
    /// the linearity test: the known values, 1 for the others (inside their bounds), else the first such point of the
    /// candidate design, else the first where they are finite. A parameter that does not act cannot show whether it
    /// enters linearly: a peak centred at 1 on data near x = 1.7e9 is 0 everywhere, and its centre and width passed
    /// for linear ones.
    /// </summary>
    private static double[] BasePoint<TModel>(LeastSquaresProblem search, double[] placeholder, bool[] open, CandidateSampler sampler)
        where TModel : IModel
    {
        var probe = new JacobianProbe<TModel>(search);
        double[]? finite = null;
        if (probe.IsFinite(placeholder))
        {
            if (probe.EveryColumnActs(open))
                return placeholder;
            finite = placeholder;
        }
        int[] all = Enumerable.Range(0, placeholder.Length).Where(j => open[j]).ToArray();
        foreach (double[] candidate in sampler.Candidates(placeholder, all).Take(4096))
        {
            if (!probe.IsFinite(candidate))
                continue;
            if (probe.EveryColumnActs(open))
                return candidate;
            finite ??= candidate;
        }
        return finite ?? placeholder;
    }

    /// <summary>
    /// Whether the data determine a fit: its covariance is defined and no fitted parameter has a variance inflation
    /// factor above <see cref="MaximumVarianceInflation"/>. The factor of parameter j is the diagonal of (ĴᵀĴ)⁻¹ for the
    /// weighted Jacobian Ĵ with unit-norm columns, 1/(1 − R²ⱼ) with Rⱼ the multiple correlation of column j with the
    /// others, computed as Cⱼⱼ·‖Jⱼ‖²/σ̂²; it does not depend on the parameters' units.
    /// </summary>
    private sealed class Determinacy<TModel>(LeastSquaresProblem problem) where TModel : IModel
    {
        /// <summary>A column within 1e-12 (in 1 − R²) of the span of the others leaves its parameter undetermined.</summary>
        private const double MaximumVarianceInflation = 1e12;

        private readonly double[] _values = new double[problem.PointCount];
        private readonly double[] _jacobian = new double[problem.PointCount * TModel.ParameterCount];

        public bool IsDetermined(CurveFitResult fit)
        {
            if (!fit.IsCovarianceDefined)
                return false;
            int n = problem.PointCount;
            double variance = fit.DegreesOfFreedom > 0 ? fit.ResidualSumOfSquares / fit.DegreesOfFreedom : 0;
            if (!(variance > 0))
                return true;   // an exact fit: the defined covariance is all there is to tell
            double[,] covariance = fit.Covariance;
            TModel.EvaluateWithJacobian(problem.X, fit.Parameters, _values, _jacobian);
            foreach (int j in problem.FreeIndices)
            {
                double norm = 0;
                for (int i = 0; i < n; i++)
                {
                    double entry = (problem.SqrtWeights?[i] ?? 1) * _jacobian[j * n + i];
                    norm += entry * entry;
                }
                if (!(covariance[j, j] * norm / variance <= MaximumVarianceInflation))
                    return false;
            }
            return true;
        }
    }
}
