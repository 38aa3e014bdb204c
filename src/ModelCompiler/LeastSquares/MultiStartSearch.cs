// SPDX-License-Identifier: MIT
using System.Runtime.ExceptionServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Runs a fit from every start of <see cref="MultiStartPoints"/> on all cores and keeps the best. Each start's fit is
/// the single fit from that start, arithmetic of its own, and the winner is picked by a fixed rule (lowest RSS, ties to
/// the lower index) after its round, so the result does not depend on the thread count or on completion order.
/// </summary>
internal static class MultiStartSearch
{
    public static CurveFitResult Run<TModel>(LeastSquaresProblem problem, MultiStartOptions multiStart, CurveFitOptions options,
                                             IProgress<MultiStartProgress>? progress, CancellationToken cancellationToken)
        where TModel : IModel
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1,
            CancellationToken = cancellationToken,
        };
        double[][] starts = MultiStartPoints.Draw(problem, multiStart);
        int screening = 0;
        if (multiStart.CandidatesPerStart > 1)
            starts = MultiStartPoints.Screen<TModel>(problem, starts, multiStart.StartCount, parallel, out screening);
        int count = starts.Length;
        var fits = new CurveFitResult?[count];
        var errors = new Exception?[count];
        int round = multiStart.StopWhenAgreeing is null ? count : multiStart.RoundSize;
        int completed = 0, ran = 0;
        while (ran < count)
        {
            int end = Math.Min(count, ran + round);
            Parallel.For(ran, end, parallel, s =>
            {
                try
                {
                    fits[s] = CurveFit.Solve<TModel>(problem.WithInitial(starts[s]), options, null, cancellationToken, projectFirst: s > 0);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    errors[s] = e;
                }
                progress?.Report(new MultiStartProgress(s, Interlocked.Increment(ref completed), count,
                                                        fits[s]?.Termination, fits[s]?.ResidualSumOfSquares ?? double.NaN));
            });
            cancellationToken.ThrowIfCancellationRequested();
            // A start where the model is not finite is a failed start; anything else is a fault of the call.
            for (int s = ran; s < end; s++)
                if (errors[s] is { } error and not ArgumentException)
                    ExceptionDispatchInfo.Throw(error);
            ran = end;
            if (multiStart.StopWhenAgreeing is { } agreeing && ran < count && Agreeing(fits, ran, multiStart.AgreementTolerance) >= agreeing)
                break;
        }

        int best = Best(fits, ran);
        if (best < 0)
            ExceptionDispatchInfo.Throw(errors[0]!);
        var outcomes = new StartOutcome[ran];
        for (int s = 0; s < ran; s++)
            outcomes[s] = fits[s] is { } fit
                ? new StartOutcome(s, starts[s], fit.Termination, fit.ResidualSumOfSquares, fit.FunctionEvaluations, fit.JacobianEvaluations, null)
                : new StartOutcome(s, starts[s], null, double.NaN, 0, 0, errors[s]!.Message);
        var result = fits[best]!;
        result.MultiStart = new MultiStartSummary(outcomes, count, best, multiStart.AgreementTolerance, screening);
        return result;
    }

    /// <summary>The start with the lowest RSS among the first <paramref name="ran"/>, the lower index on ties; −1 if none succeeded.</summary>
    private static int Best(CurveFitResult?[] fits, int ran)
    {
        int best = -1;
        for (int s = 0; s < ran; s++)
            if (fits[s] is { } fit && (best < 0 || IsBetter(fit.ResidualSumOfSquares, fits[best]!.ResidualSumOfSquares)))
                best = s;
        return best;
    }

    /// <summary>Lower RSS wins; a NaN RSS loses to any number.</summary>
    private static bool IsBetter(double rss, double best) => rss < best || (double.IsNaN(best) && !double.IsNaN(rss));

    private static int Agreeing(CurveFitResult?[] fits, int ran, double tolerance)
    {
        int best = Best(fits, ran);
        if (best < 0)
            return 0;
        double limit = fits[best]!.ResidualSumOfSquares * (1 + tolerance);
        return fits.Take(ran).Count(f => f is not null && f.ResidualSumOfSquares <= limit);
    }
}
