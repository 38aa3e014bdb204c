// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The positions 0 … count − 1 of a batch's curves, handed to the workers in runs of consecutive positions, and the
/// tally of finished curves, kept per worker and added up once a run: a counter that every curve updates moves its cache
/// line between the cores once per curve, which grows with the number of cores; runs of up to 32 make it once per run.
/// Which worker fits a curve does not change its result.
/// </summary>
internal sealed class CurveQueue
{
    private readonly int _count, _run;
    private int _next;
    private readonly object _tallyLock = new();
    private long _finished, _converged; // under the lock, so that a report's counts belong together

    /// <summary>A queue of <paramref name="count"/> positions for <paramref name="workers"/> workers.</summary>
    public CurveQueue(int count, int workers)
    {
        _count = count;
        // Short enough runs that the workers end together: a worker's last run is a small part of its share.
        _run = Math.Clamp(count / (64 * workers), 1, 32);
    }

    /// <summary>Curves finished, and how many of those converged, as the workers have added them up so far.</summary>
    public (long Finished, long Converged) Tally
    {
        get
        {
            lock (_tallyLock)
                return (_finished, _converged);
        }
    }

    /// <summary>One worker's share of the queue: take its positions and count its finished curves through it alone.</summary>
    public Worker Join() => new(this);

    internal sealed class Worker(CurveQueue queue)
    {
        private int _position, _end;
        private bool _empty;
        private int _finished, _converged;

        /// <summary>The next position, or −1 when the queue is empty.</summary>
        public int Next()
        {
            if (_position == _end)
            {
                // Once empty, never again: every idle lane asks, and each ask would move the shared counter on.
                int first = _empty ? queue._count : Interlocked.Add(ref queue._next, queue._run) - queue._run;
                if (first >= queue._count)
                {
                    _empty = true;
                    return -1;
                }
                (_position, _end) = (first, Math.Min(first + queue._run, queue._count));
            }
            return _position++;
        }

        /// <summary>
        /// Counts one finished curve; once a run's worth, adds them to the queue's tally and returns the tally before and
        /// after, else null.
        /// </summary>
        public (long Before, long After, long Converged)? Finish(bool converged)
        {
            _finished++;
            if (converged)
                _converged++;
            return _finished < queue._run ? null : Flush();
        }

        /// <summary>Adds the curves counted since the last flush to the queue's tally (null when there are none).</summary>
        public (long Before, long After, long Converged)? Flush()
        {
            if (_finished == 0)
                return null;
            (long Before, long After, long Converged) flushed;
            lock (queue._tallyLock)
            {
                queue._converged += _converged;
                queue._finished += _finished;
                flushed = (queue._finished - _finished, queue._finished, queue._converged);
            }
            _finished = _converged = 0;
            return flushed;
        }
    }
}
