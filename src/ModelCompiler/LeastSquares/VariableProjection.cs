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
        // rate far enough to underflow its term over all the data (Nelson from random starts: 29 of 50 solved, 50 with 1).
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
    /// The free parameters (full indices) the model is jointly affine in around the start (<see cref="AffineParameters"/>),
    /// counting the Jacobian evaluations that decide it.
    /// </summary>
    internal static int[] LinearParameters<TModel>(LeastSquaresProblem problem, ref int evaluations) where TModel : IModel
    {
        var open = new bool[problem.ParameterCount];
        foreach (int j in problem.FreeIndices)
            open[j] = true;
        evaluations += problem.FreeCount + 1;
        bool[] linear = AffineParameters.Find<TModel>(problem, problem.Initial, open);
        return Enumerable.Range(0, linear.Length).Where(j => linear[j]).ToArray();
    }

    private static bool RanAway(double from, double to) =>
        from != 0 && (Math.Abs(to) > 1e6 * Math.Abs(from) || Math.Abs(to) < 1e-6 * Math.Abs(from));
}
