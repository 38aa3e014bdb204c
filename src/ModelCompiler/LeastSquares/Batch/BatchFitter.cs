// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Runs a batch on all cores: one <see cref="LaneBatchSolver{TModel}"/> per worker, all taking curves from one
/// queue. A curve's result depends on its own data alone (its lane's arithmetic never mixes with another's), so it
/// is the same whichever worker, lane or partition of the curves fits it, and on any number of threads.
/// </summary>
internal static class BatchFitter
{
    /// <summary>Progress is reported about this many times over a batch.</summary>
    private const int ProgressReports = 100;

    public static BatchFitResult Fit<TModel>(BatchProblem problem, CurveFitOptions options, IProgress<BatchFitProgress>? progress,
                                             CancellationToken cancellationToken, bool vectorSteps = true)
        where TModel : IModel
    {
        var results = new BatchFitResult(TModel.Formula, TModel.ParameterNames, problem.CurveCount, problem.PointCount);
        int m = problem.CurveCount;
        int lanes = LaneBatchSolver<TModel>.LaneCount;
        int workers = Math.Max(1, Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, (m + lanes - 1) / lanes));
        int next = -1;
        long done = 0, converged = 0;
        long step = Math.Max(1, m / ProgressReports);
        var alone = problem.Oversized is null ? null : new LaneResults<TModel>(problem, options, results);
        int NextCurve()
        {
            while (true)
            {
                int curve = Interlocked.Increment(ref next);
                if (curve >= m)
                    return -1;
                if (alone is null || !problem.Oversized![curve])
                    return curve;
                cancellationToken.ThrowIfCancellationRequested();
                alone.Refit(curve, problem.InitialOf(curve), 0);
                Finished(curve);
            }
        }
        void Finished(int curve)
        {
            if (results.IsConverged(curve))
                Interlocked.Increment(ref converged);
            long count = Interlocked.Increment(ref done);
            if (progress is not null && (count % step == 0 || count == m))
                progress.Report(new BatchFitProgress(count, m, Interlocked.Read(ref converged)));
        }

        if (workers == 1)
        {
            LaneBatchSolver<TModel>.Create(problem, options, results, vectorSteps).Run(NextCurve, Finished, cancellationToken);
            return results;
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        Parallel.For(0, workers, parallel,
            _ => LaneBatchSolver<TModel>.Create(problem, options, results, vectorSteps).Run(NextCurve, Finished, cancellationToken));
        return results;
    }
}
