// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Runs a batch on all cores: one <see cref="LaneBatchSolver{TModel}"/> per worker, all taking curves from one
/// queue. A curve's result depends on its own data alone (its lane's arithmetic never mixes with another's), so it
/// is the same whichever worker, lane or partition of the curves fits it, and on any number of threads. Curves that
/// fix different parameters are fitted group by group, each group's step vectorized over its own free parameters.
/// </summary>
internal static class BatchFitter
{
    /// <summary>Progress is reported about this many times over a batch.</summary>
    private const int ProgressReports = 100;

    /// <summary>Beyond this many different sets of fixed parameters the curves are fitted lane by lane, in one queue.</summary>
    private const int MaxFixedGroups = 16;

    public static BatchFitResult Fit<TModel>(BatchProblem problem, CurveFitOptions options, IProgress<BatchFitProgress>? progress,
                                             CancellationToken cancellationToken, bool vectorSteps = true)
        where TModel : IModel
    {
        var results = new BatchFitResult(TModel.Formula, TModel.ParameterNames, problem.CurveCount, problem.PointCount);
        int m = problem.CurveCount;
        long step = Math.Max(1, m / ProgressReports);
        var alone = problem.Oversized is null ? null : new LaneResults<TModel>(problem, options, results);
        long finishedBefore = 0, convergedBefore = 0; // curves of the groups fitted before

        void Report((long Before, long After, long Converged)? flushed)
        {
            if (progress is null || flushed is not var (before, after, converged))
                return;
            before += finishedBefore;
            after += finishedBefore;
            if (before / step != after / step || after == m)
                progress.Report(new BatchFitProgress(after, m, convergedBefore + converged));
        }

        // The curves (null: all of them) and the parameters they fix.
        void Run(int[]? curves, ReadOnlySpan<bool> isFixed, bool vectorized)
        {
            int count = curves?.Length ?? m;
            int lanes = LaneBatchSolver<TModel>.LaneCount;
            int workers = Math.Max(1, Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, (count + lanes - 1) / lanes));
            var queue = new CurveQueue(count, workers);
            bool[] pattern = isFixed.ToArray();

            void Work()
            {
                var worker = queue.Join();
                void Finished(int curve) => Report(worker.Finish(results.IsConverged(curve)));
                int NextCurve()
                {
                    while (true)
                    {
                        int position = worker.Next();
                        if (position < 0)
                            return -1;
                        int curve = curves is null ? position : curves[position];
                        if (alone is null || !problem.Oversized![curve])
                            return curve;
                        cancellationToken.ThrowIfCancellationRequested();
                        alone.Refit(curve, problem.InitialOf(curve), 0);
                        Finished(curve);
                    }
                }
                LaneBatchSolver<TModel>.Create(problem, options, results, pattern, vectorized).Run(NextCurve, Finished, cancellationToken);
                Report(worker.Flush());
            }

            if (workers == 1)
                Work();
            else
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ => Work());
            var (finished, converged) = queue.Tally;
            finishedBefore += finished;
            convergedBefore += converged;
        }

        if (problem.Fixed is null || problem.Fixed.GetLength(0) == 1)
        {
            Run(null, problem.FixedOf(0), vectorSteps);
            return results;
        }
        var groups = vectorSteps ? FixedGroups(problem) : null;
        if (groups is null)
        {
            Run(null, default, vectorized: false);
            return results;
        }
        foreach (var (representative, curves) in groups)
            Run(curves, problem.FixedOf(representative), vectorSteps);
        return results;
    }

    /// <summary>
    /// The curves by the parameters they fix, in order of first appearance: a representative curve and the group's
    /// curves; null when there are more than <see cref="MaxFixedGroups"/> groups.
    /// </summary>
    internal static List<(int Representative, int[] Curves)>? FixedGroups(BatchProblem problem)
    {
        var representatives = new List<int>();
        var members = new List<List<int>>();
        for (int c = 0; c < problem.CurveCount; c++)
        {
            ReadOnlySpan<bool> isFixed = problem.FixedOf(c);
            int g = 0;
            while (g < representatives.Count && !isFixed.SequenceEqual(problem.FixedOf(representatives[g])))
                g++;
            if (g == representatives.Count)
            {
                if (g == MaxFixedGroups)
                    return null;
                representatives.Add(c);
                members.Add([]);
            }
            members[g].Add(c);
        }
        return representatives.Select((r, g) => (r, members[g].ToArray())).ToList();
    }
}
