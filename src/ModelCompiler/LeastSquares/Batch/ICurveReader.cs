// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Curves read in order, for a batch fit that streams them instead of holding them all
/// (<see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>).
/// </summary>
public interface ICurveReader
{
    /// <summary>Points per curve, n.</summary>
    int PointCount { get; }

    /// <summary>
    /// Reads the next curves into the rows of <paramref name="y"/> (at most its row count, n values each) and returns
    /// how many it read; fewer than asked only at the end, and 0 once every curve has been read.
    /// </summary>
    int Read(double[,] y);

    /// <summary>
    /// Whether the reader gives each point its own standard deviation σ (<see cref="Read(double[,], double[,])"/>), which a
    /// streamed batch fit then weights by 1/σ², as <see cref="BatchFitSetup.Sigma"/> does for curves in memory.
    /// </summary>
    bool HasSigma => false;

    /// <summary>
    /// Reads the next curves into the rows of <paramref name="y"/> and their points' standard deviations into the same
    /// rows of <paramref name="sigma"/> (both n columns, as many rows), and returns how many it read, as
    /// <see cref="Read(double[,])"/>. Only for a reader that <see cref="HasSigma"/>.
    /// </summary>
    int Read(double[,] y, double[,] sigma) =>
        throw new NotSupportedException($"{GetType().Name} gives no standard deviations (HasSigma is false).");

    /// <summary>
    /// Whether the reader gives each curve its own points x (<see cref="Read(double[,], double[,], double[,])"/>), for a
    /// streamed batch fit whose curves were not all measured at the same x
    /// (<see cref="CurveFit.FitMany{TModel}(ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>).
    /// </summary>
    bool HasX => false;

    /// <summary>
    /// Reads the next curves into the rows of <paramref name="y"/>, their points into the same rows of <paramref name="x"/>
    /// (n·V values each for a model of V variables: variable 0 of the n points, then variable 1, …, as the in-memory
    /// per-curve x), and, when <see cref="HasSigma"/>, their standard deviations into <paramref name="sigma"/> (null
    /// otherwise); returns how many it read, as <see cref="Read(double[,])"/>. Only for a reader that <see cref="HasX"/>.
    /// </summary>
    int Read(double[,] y, double[,]? sigma, double[,] x) =>
        throw new NotSupportedException($"{GetType().Name} gives no x of its own (HasX is false).");
}

/// <summary>Receives a streamed batch fit's results, block by block, in curve order.</summary>
public interface IBatchFitWriter
{
    /// <summary>The results of curves [<paramref name="firstCurve"/>, <paramref name="firstCurve"/> + block.CurveCount).</summary>
    void Write(long firstCurve, BatchFitResult block);

    /// <summary>
    /// Called once after the last block of a fit that went through every curve; a fit that failed or was cancelled
    /// never calls it, so that a writer can tell its results whole from a part (the file writers of
    /// <c>ModelCompiler.Columnar</c> write under a temporary name and take the file's own name here).
    /// </summary>
    void Complete()
    {
    }
}
