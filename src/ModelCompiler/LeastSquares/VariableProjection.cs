// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// <see cref="CurveFitOptions.VariableProjection"/>: finds the parameters the model is affine in, runs the trust-region
/// iteration over the others with the amplitudes eliminated (<see cref="VariableProjectionFactorization{TModel}"/>), and
/// finishes with the full Levenberg–Marquardt iteration from that point, which gives the joint minimum to the full
/// method's accuracy, the residuals and the covariance.
/// </summary>
internal static class VariableProjection
{
    /// <summary>
    /// Whether a Levenberg–Marquardt fit ended where variable projection may do better: not converged (budget, a
    /// non-finite Jacobian), a rank-deficient Jacobian at the end (terms merged or dead, an underflowed term's zero
    /// columns), or a parameter more than six orders of magnitude from its start (a minimum at infinity).
    /// </summary>
    public static bool LooksStuck(CurveFitResult fit, LeastSquaresProblem problem) =>
        !fit.IsConverged || !fit.IsCovarianceDefined || problem.FreeIndices.Any(j => RanAway(problem.Initial[j], fit[j]));

    /// <summary>
    /// The full problem's start for the final iteration: the projected iteration's θ and c(θ); null when it does not apply
    /// (bounds, a tall problem, no linear or no nonlinear parameter) or cannot start (the model is not finite there).
    /// </summary>
    public static double[]? Start<TModel>(LeastSquaresProblem problem, CurveFitOptions options, CancellationToken cancellationToken,
                                          out int evaluations, out int iterations)
        where TModel : IModel
    {
        evaluations = 0;
        iterations = 0;
        if (problem.HasBounds || problem.FreeCount < 2 || TallJacobianFactor.Applies(problem.PointCount, problem.FreeCount))
            return null;
        int[] linear = LinearParameters<TModel>(problem, ref evaluations);
        if (linear.Length == 0 || linear.Length == problem.FreeCount)
            return null;

        var isFixed = (bool[])problem.IsFixed.Clone();
        foreach (int j in linear)
            isFixed[j] = true;
        var reduced = new LeastSquaresProblem
        {
            X = problem.X, Y = problem.Y, SqrtWeights = problem.SqrtWeights, Initial = problem.Initial,
            FreeIndices = problem.FreeIndices.Where(j => !isFixed[j]).ToArray(), IsFixed = isFixed,
            WeightedResponseNorm = problem.WeightedResponseNorm,
        };
        VariableProjectionFactorization<TModel>? route = null;
        // The first radius at most ‖D·θ‖: with the amplitudes gone, MINPACK's 100·‖D·x‖ lets the first step throw a
        // rate far enough to underflow its term over all the data (Nelson), and factor 1 loses nothing measured.
        var projectedOptions = options with { PolishSolution = false, InitialStepBound = Math.Min(options.InitialStepBound, 1) };
        var solver = new LevenbergMarquardt<TModel>(reduced, projectedOptions, cancellationToken,
            evaluator => route = new VariableProjectionFactorization<TModel>(reduced, linear, evaluator));
        SolverOutcome outcome;
        try
        {
            outcome = solver.Solve(null, cancellationToken);
        }
        catch (ArgumentException)
        {
            return null; // not finite at the start: the full iteration says so with its own message
        }
        finally
        {
            evaluations += solver.Evaluator.FunctionEvaluations + solver.Evaluator.JacobianEvaluations;
        }
        iterations = outcome.Iterations;
        double[] start = route!.FullParameters(outcome.FreeParameters);
        foreach (double v in start)
            if (!double.IsFinite(v))
                return null;
        return start;
    }

    /// <summary>
    /// The free parameters (full indices) in which the model is jointly affine around the start: each one's Jacobian
    /// column does not change when it changes, nor when all of them change together. Decided numerically on the data,
    /// with one Jacobian evaluation per free parameter and one or two more.
    /// </summary>
    internal static int[] LinearParameters<TModel>(LeastSquaresProblem problem, ref int evaluations) where TModel : IModel
    {
        int m = problem.PointCount, p = problem.ParameterCount;
        double[] start = problem.Initial;
        var values = new double[m];
        var atStart = new double[m * p];
        var moved = new double[m * p];
        evaluations++;
        TModel.EvaluateWithJacobian(problem.X, start, values, atStart);
        foreach (double v in values)
            if (!double.IsFinite(v))
                return [];

        var candidates = new List<int>();
        foreach (int j in problem.FreeIndices)
        {
            if (!IsNonZeroFinite(atStart.AsSpan(j * m, m)))
                continue;
            double[] trial = (double[])start.Clone();
            trial[j] = Moved(start[j]);
            evaluations++;
            TModel.EvaluateWithJacobian(problem.X, trial, values, moved);
            if (SameColumn(atStart, moved, j, m))
                candidates.Add(j);
        }
        while (candidates.Count > 1)
        {
            double[] trial = (double[])start.Clone();
            foreach (int j in candidates)
                trial[j] = Moved(start[j]);
            evaluations++;
            TModel.EvaluateWithJacobian(problem.X, trial, values, moved);
            int changed = candidates.FindLastIndex(j => !SameColumn(atStart, moved, j, m));
            if (changed < 0)
                break;
            candidates.RemoveAt(changed);
        }
        return candidates.ToArray();
    }

    private static bool RanAway(double from, double to) =>
        from != 0 && (Math.Abs(to) > 1e6 * Math.Abs(from) || Math.Abs(to) < 1e-6 * Math.Abs(from));

    private static double Moved(double value) => value == 0 ? 0.5 : 1.618 * value;

    private static bool IsNonZeroFinite(ReadOnlySpan<double> column)
    {
        bool nonZero = false;
        foreach (double v in column)
        {
            if (!double.IsFinite(v))
                return false;
            nonZero |= v != 0;
        }
        return nonZero;
    }

    /// <summary>Column j of both Jacobians agrees to 1e-13 of its largest entry (bit for bit, in practice).</summary>
    private static bool SameColumn(double[] a, double[] b, int j, int m)
    {
        double scale = 0;
        for (int i = 0; i < m; i++)
            scale = Math.Max(scale, Math.Abs(a[j * m + i]));
        for (int i = 0; i < m; i++)
            if (!(Math.Abs(a[j * m + i] - b[j * m + i]) <= 1e-13 * scale))
                return false;
        return true;
    }
}
