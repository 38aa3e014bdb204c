// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The batch's queue hands every curve to exactly one worker and adds up what the workers finished.</summary>
public class CurveQueueTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(1000, 2)]
    [InlineData(100_003, 4)]
    public void EveryPositionOnceAndTheTallyOfAll(int count, int workers)
    {
        var queue = new CurveQueue(count, workers);
        var taken = new int[count];
        var reports = new List<(long Before, long After, long Converged)>();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            var worker = queue.Join();
            int position;
            while ((position = worker.Next()) >= 0)
            {
                Interlocked.Increment(ref taken[position]);
                if (worker.Finish(converged: position % 3 == 0) is { } report)
                    lock (reports) reports.Add(report);
            }
            Assert.Equal(-1, worker.Next()); // empty stays empty
            if (worker.Flush() is { } last)
                lock (reports) reports.Add(last);
        });
        Assert.All(taken, t => Assert.Equal(1, t));
        long converged = (count + 2) / 3;
        Assert.Equal((count, converged), queue.Tally);
        // Each flush adds its own curves: the reports' spans tile [0, count), and the last one has every convergence.
        var spans = reports.OrderBy(r => r.After).ToList();
        Assert.Equal(0, spans[0].Before);
        for (int i = 1; i < spans.Count; i++)
            Assert.Equal(spans[i - 1].After, spans[i].Before);
        Assert.Equal((count, converged), (spans[^1].After, spans[^1].Converged));
    }
}
