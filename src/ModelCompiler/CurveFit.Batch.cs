// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using ModelCompiler.LeastSquares;

namespace ModelCompiler;

public static partial class CurveFit
{
    /// <summary>
    /// Fits the model to many independent curves that share their x: curve c is row c of <paramref name="y"/> (m×n),
    /// started from <paramref name="initial"/>. Each curve gets what <see cref="Fit{TModel}(double[], double[], double[], FitSetup, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/>
    /// would give it, to rounding, at a fraction of the cost: the curves run side by side in the lanes of SIMD
    /// vectors (<see cref="IModel.AccumulateNormalEquationsLanes"/>), one Levenberg–Marquardt iteration per lane,
    /// on all cores.
    /// </summary>
    /// <param name="x">The points, shared by every curve: n values, or column-major n×V for V variables.</param>
    /// <param name="y">One curve per row, n points each.</param>
    /// <param name="initial">The start of every curve, one value per parameter.</param>
    /// <param name="setup">Weights or sigma, bounds and fixed parameters, shared or per curve.</param>
    /// <param name="options">As for a single fit. <see cref="CurveFitOptions.GeodesicAcceleration"/> does not apply, and
    /// <see cref="CurveFitOptions.Method"/> must be the default <see cref="LeastSquaresMethod.LevenbergMarquardt"/>.</param>
    /// <param name="progress">Reports about a hundred times over the batch, from the worker threads.</param>
    /// <param name="cancellationToken">Throws <see cref="OperationCanceledException"/> when cancelled.</param>
    /// <remarks>
    /// Each curve's result depends only on its own data and start: fitting a subset of the curves (a partition of a
    /// larger batch) gives the same numbers for them, bit for bit, on any number of threads. Non-convergence and a model
    /// that is not finite at a curve's start are reported per curve (<see cref="BatchFitResult.Terminations"/>); bad
    /// input throws <see cref="ArgumentException"/> naming the argument, the curve and the point or parameter.
    /// </remarks>
    public static BatchFitResult FitMany<TModel>(double[] x, double[,] y, double[] initial, BatchFitSetup? setup = null,
                                                 CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                                 CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(initial);
        return FitMany<TModel>(x, null, y, AsRow(initial), setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits many curves that share their x, each from its own start: row c of <paramref name="initial"/> (m×P) starts
    /// curve c (a single row is shared). Otherwise as <see cref="FitMany{TModel}(double[], double[,], double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// </summary>
    public static BatchFitResult FitMany<TModel>(double[] x, double[,] y, double[,] initial, BatchFitSetup? setup = null,
                                                 CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                                 CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        return FitMany<TModel>(x, null, y, initial, setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits many curves that share their x, each from the start <paramref name="initial"/> writes for it (from the curve's
    /// own values, or looked up by its row), called once per curve in row order before the fit begins. Otherwise as
    /// <see cref="FitMany{TModel}(double[], double[,], double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input, or a start <paramref name="initial"/> left unwritten or not finite,
    /// naming the curve and the parameter.</exception>
    public static BatchFitResult FitMany<TModel>(double[] x, double[,] y, CurveStart initial, BatchFitSetup? setup = null,
                                                 CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                                 CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(initial);
        BatchProblem.RequireShape(x, null, y.GetLength(0), y.GetLength(1), TModel.VariableCount); // before the rule reads the rows
        double[,] starts = Starts<TModel>(initial, 0, y, options?.MaxDegreeOfParallelism);
        return FitMany<TModel>(x, null, y, starts, setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits many curves, each with its own x: row c of <paramref name="x"/> holds curve c's n points (column-major
    /// n×V for V variables), row c of <paramref name="y"/> its values; <paramref name="initial"/> has one row shared
    /// by every curve or one per curve. Otherwise as <see cref="FitMany{TModel}(double[], double[,], double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// </summary>
    public static BatchFitResult FitMany<TModel>(double[,] x, double[,] y, double[,] initial, BatchFitSetup? setup = null,
                                                 CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                                 CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        return FitMany<TModel>(null, x, y, initial, setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits many curves, each with its own x (as <see cref="FitMany{TModel}(double[,], double[,], double[,], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>),
    /// each from the start <paramref name="initial"/> writes for it from its x and values (<see cref="StartSolvingLinearOnOwnX{TModel}"/>,
    /// or a rule of yours), called once per curve in row order before the fit begins.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input, or a start <paramref name="initial"/> left unwritten or not finite,
    /// naming the curve and the parameter.</exception>
    public static BatchFitResult FitMany<TModel>(double[,] x, double[,] y, CurveStartOnX initial, BatchFitSetup? setup = null,
                                                 CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                                 CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(initial);
        BatchProblem.RequireShape(null, x, y.GetLength(0), y.GetLength(1), TModel.VariableCount); // before the rule reads the rows
        double[,] starts = StartsOnX<TModel>(initial, 0, x, y, options?.MaxDegreeOfParallelism);
        return FitMany<TModel>(null, x, y, starts, setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits curves streamed from <paramref name="reader"/>, which may hold more than memory does, in blocks of about
    /// 32 MB of data, writing each block's results to <paramref name="writer"/> as it finishes, in curve order. The x
    /// and the start are shared by every curve. Each matrix of the <paramref name="setup"/> has one row, shared, or a row
    /// per curve of the stream, by its place in it (bounds of a million curves are 80 MB where their data may not fit);
    /// a reader that <see cref="ICurveReader.HasSigma"/> gives each curve its own σ (the setup then has no Sigma or
    /// Weights). Each curve's result is the one the in-memory overloads give it. Returns the final tally.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input, naming the curve by its place in the stream; the curves before its
    /// block have been written.</exception>
    public static BatchFitProgress FitMany<TModel>(double[] x, ICurveReader reader, IBatchFitWriter writer, double[] initial,
                                                   BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                                   IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(initial);
        double[,] shared = AsRow(initial);
        return FitManyStreamed<TModel>(x, reader, writer, (_, _, _) => shared, setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits curves streamed from <paramref name="reader"/>, each from the start <paramref name="initial"/> writes for it
    /// (from the curve's own values, or looked up by its index). Otherwise as
    /// <see cref="FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Bad input, or a start <paramref name="initial"/> left unwritten or not finite, naming
    /// the curve by its place in the stream and the parameter; the curves before its block have been written.</exception>
    public static BatchFitProgress FitMany<TModel>(double[] x, ICurveReader reader, IBatchFitWriter writer, CurveStart initial,
                                                   BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                                   IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(initial);
        int? workers = options?.MaxDegreeOfParallelism;
        return FitManyStreamed<TModel>(x, reader, writer, (first, _, y) => Starts<TModel>(initial, first, y, workers), setup, options,
                                       progress, cancellationToken);
    }

    /// <summary>
    /// Fits curves streamed from <paramref name="reader"/> that each come with their own x (the reader
    /// <see cref="ICurveReader.HasX"/>: spectra on their own wavelength axes, plates with their own doses), from the shared
    /// start <paramref name="initial"/>. Otherwise as
    /// <see cref="FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>;
    /// each curve's result is the one the in-memory per-curve-x overload gives it.
    /// </summary>
    /// <exception cref="ArgumentException">The reader gives no x, or bad input, naming the curve by its place in the stream;
    /// the curves before its block have been written.</exception>
    public static BatchFitProgress FitMany<TModel>(ICurveReader reader, IBatchFitWriter writer, double[] initial,
                                                   BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                                   IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(initial);
        double[,] shared = AsRow(initial);
        return FitManyStreamed<TModel>(null, reader, writer, (_, _, _) => shared, setup, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits curves streamed with their own x from <paramref name="reader"/>, each from the start <paramref name="initial"/>
    /// writes for it from its x and values (<see cref="StartSolvingLinearOnOwnX{TModel}"/>, or a rule of yours). Otherwise as
    /// <see cref="FitMany{TModel}(ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// </summary>
    public static BatchFitProgress FitMany<TModel>(ICurveReader reader, IBatchFitWriter writer, CurveStartOnX initial,
                                                   BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                                   IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(initial);
        int? workers = options?.MaxDegreeOfParallelism;
        return FitManyStreamed<TModel>(null, reader, writer, (first, x, y) => StartsOnX<TModel>(initial, first, x!, y, workers), setup, options,
                                       progress, cancellationToken);
    }

    /// <summary>
    /// The starts <paramref name="rule"/> writes for the rows of <paramref name="y"/>, curves first, first + 1, …: in row
    /// order on this thread, or on up to <paramref name="workers"/> threads for the library's own rules, which any thread
    /// may call. Every start is checked in row order, so the first bad curve is named either way.
    /// </summary>
    private static double[,] Starts<TModel>(CurveStart rule, long first, double[,] y, int? workers) where TModel : IModel =>
        Starts<TModel>(rule.Target is IThreadSafeCurveStart, first, y, workers, (c, start) => rule(first + c, BatchProblem.Row(y, c), start));

    /// <summary>As the other <c>Starts</c>, for curves with their own rows of <paramref name="x"/>.</summary>
    private static double[,] StartsOnX<TModel>(CurveStartOnX rule, long first, double[,] x, double[,] y, int? workers) where TModel : IModel =>
        Starts<TModel>(rule.Target is IThreadSafeCurveStart, first, y, workers,
                       (c, start) => rule(first + c, BatchProblem.Row(x, c), BatchProblem.Row(y, c), start));

    /// <summary>
    /// The rows' starts, each written by <paramref name="write"/> (row, start) into NaN: the first row alone, then the others
    /// in parallel chunks when the rule is the library's own (which may learn from its first curve), else in order.
    /// </summary>
    private static double[,] Starts<TModel>(bool threadSafe, long first, double[,] y, int? workers, StartWriter write) where TModel : IModel
    {
        const int chunk = 4096;
        int m = y.GetLength(0), p = TModel.ParameterCount;
        var starts = new double[m, p];
        if (threadSafe && m >= 2 * chunk && workers != 1)
        {
            Fill(0, 1);
            Parallel.For(0, (m - 1 + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = workers ?? -1 },
                         k => Fill(1 + k * chunk, Math.Min(m, 1 + (k + 1) * chunk)));
        }
        else
            Fill(0, m);
        for (int c = 0; c < m; c++)
            for (int j = 0; j < p; j++)
            {
                double value = starts[c, j];
                if (double.IsFinite(value))
                    continue;
                ReadOnlySpan<double> row = BatchProblem.Row(y, c);
                int bad = DataSums.FirstNonFinite(row);
                throw new ArgumentException(
                    $"The start rule gave curve {first + c} {TModel.ParameterNames[j]} = {value}" +
                    (double.IsNaN(value) ? " (or left it unwritten)" : "") + "; every start must be finite." +
                    (bad >= 0 ? $" The curve's y[{bad}] is {row[bad]}; data must be finite." : ""), "initial");
            }
        return starts;

        void Fill(int from, int to)
        {
            for (int c = from; c < to; c++)
            {
                Span<double> start = MemoryMarshal.CreateSpan(ref starts[c, 0], p);
                start.Fill(double.NaN);
                write(c, start);
            }
        }
    }

    private delegate void StartWriter(int row, Span<double> start);

    /// <summary>
    /// The streamed fit, with <paramref name="starts"/> giving a block's starts (one shared row or one per curve) from its
    /// first curve, its own x (null when shared) and its y; the curves share <paramref name="x"/>, or, when it is null, each has its own from the reader.
    /// </summary>
    private static BatchFitProgress FitManyStreamed<TModel>(double[]? x, ICurveReader reader, IBatchFitWriter writer,
                                                            Func<long, double[,]?, double[,], double[,]> starts, BatchFitSetup? setup,
                                                            CurveFitOptions? options, IProgress<BatchFitProgress>? progress,
                                                            CancellationToken cancellationToken)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        if (x is null && !reader.HasX)
            throw new ArgumentException(
                $"{reader.GetType().Name} gives no x of its own (HasX is false): pass the x the curves share.", nameof(reader));
        if (x is not null && reader.HasX)
            throw new ArgumentException(
                $"{reader.GetType().Name} gives each curve its own x: call the overload without a shared x.", nameof(x));
        setup ??= BatchFitSetup.None;
        options = CheckedBatchOptions(options);
        if (reader.HasSigma && (setup.Sigma is not null || setup.Weights is not null))
            throw new ArgumentException("The reader gives each curve its own sigma: leave Sigma and Weights out of the setup.", nameof(setup));

        int n = reader.PointCount, variables = TModel.VariableCount;
        int blockCurves = Math.Max(64, StreamBlockValues / Math.Max(1, n));
        var block = new double[blockCurves, n];
        double[,]? sigmaBlock = reader.HasSigma ? new double[blockCurves, n] : null;
        double[,]? xBlock = x is null ? new double[blockCurves, checked(n * variables)] : null;
        long first = 0, converged = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = xBlock is not null ? reader.Read(block, sigmaBlock, xBlock)
                      : sigmaBlock is null ? reader.Read(block) : reader.Read(block, sigmaBlock);
            if (count == 0)
                break;
            double[,] y = Rows(block, count);
            double[,]? curveX = xBlock is null ? null : Rows(xBlock, count);
            BatchProblem.RequireShape(x, curveX, count, n, variables); // before the start rule reads the rows
            BatchFitSetup blockSetup = BlockSetup(setup, first, count);
            if (sigmaBlock is not null)
                blockSetup = blockSetup with { Sigma = Rows(sigmaBlock, count) };
            var problem = BatchProblem.Build(x, curveX, y, starts(first, curveX, y), blockSetup, variables, TModel.ParameterCount, TModel.ParameterNames,
                                             first, options.MaxDegreeOfParallelism);
            long before = first, convergedBefore = converged;
            var blockProgress = progress is null ? null : new SynchronousProgress(p =>
                progress.Report(new BatchFitProgress(before + p.CurvesFinished, -1, convergedBefore + p.Converged)));
            var result = BatchFitter.Fit<TModel>(problem, options, blockProgress, cancellationToken);
            writer.Write(first, result);
            first += count;
            converged += result.ConvergedCount;
        }
        writer.Complete();
        var tally = new BatchFitProgress(first, first, converged);
        progress?.Report(tally);
        return tally;
    }

    /// <summary>
    /// The setup of the streamed curves [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>):
    /// a matrix of one row is every curve's, one of more rows has a row per curve of the stream, by its place in it.
    /// </summary>
    private static BatchFitSetup BlockSetup(BatchFitSetup setup, long first, int count)
    {
        T[,]? Block<T>(T[,]? matrix, string name)
        {
            if (matrix is null || matrix.GetLength(0) == 1)
                return matrix;
            long rows = matrix.GetLength(0);
            if (first + count > rows)
                throw new ArgumentException(
                    $"The setup's {name} has {rows} rows, one per curve, but the stream has a curve {rows} (counted from 0); " +
                    "give a row for every curve it holds, or one row for all.", "setup");
            int columns = matrix.GetLength(1);
            var block = new T[count, columns];
            Array.Copy(matrix, first * columns, block, 0, (long)count * columns);
            return block;
        }
        return new BatchFitSetup
        {
            Sigma = Block(setup.Sigma, nameof(setup.Sigma)),
            Weights = Block(setup.Weights, nameof(setup.Weights)),
            LowerBounds = Block(setup.LowerBounds, nameof(setup.LowerBounds)),
            UpperBounds = Block(setup.UpperBounds, nameof(setup.UpperBounds)),
            Fixed = Block(setup.Fixed, nameof(setup.Fixed)),
        };
    }

    /// <summary>Values of y per streamed block (about 32 MB).</summary>
    private const int StreamBlockValues = 4 << 20;

    /// <summary>The first <paramref name="rows"/> rows of a block: the block itself when it is full, as it is but at the stream's end.</summary>
    private static double[,] Rows(double[,] matrix, int rows)
    {
        if (rows == matrix.GetLength(0))
            return matrix;
        var result = new double[rows, matrix.GetLength(1)];
        Array.Copy(matrix, result, rows * matrix.GetLength(1));
        return result;
    }

    /// <summary>Passes reports on at once, on the reporting thread.</summary>
    private sealed class SynchronousProgress(Action<BatchFitProgress> report) : IProgress<BatchFitProgress>
    {
        public void Report(BatchFitProgress value) => report(value);
    }

    private static BatchFitResult FitMany<TModel>(double[]? sharedX, double[,]? curveX, double[,] y, double[,] initial,
                                                  BatchFitSetup? setup, CurveFitOptions? options,
                                                  IProgress<BatchFitProgress>? progress, CancellationToken cancellationToken)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(initial);
        options = CheckedBatchOptions(options);
        var problem = BatchProblem.Build(sharedX, curveX, y, initial, setup ?? BatchFitSetup.None, TModel.VariableCount,
                                         TModel.ParameterCount, TModel.ParameterNames, maxDegreeOfParallelism: options.MaxDegreeOfParallelism);
        return BatchFitter.Fit<TModel>(problem, options, progress, cancellationToken);
    }

    private static CurveFitOptions CheckedBatchOptions(CurveFitOptions? options)
    {
        options ??= CurveFitOptions.Default;
        options.Validate();
        if (options.Method != LeastSquaresMethod.LevenbergMarquardt)
            throw new ArgumentException($"A batch fit runs {nameof(LeastSquaresMethod.LevenbergMarquardt)}; {options.Method} fits one curve at a time with CurveFit.Fit.", nameof(options));
        return options;
    }

    private static double[,] AsRow(double[] values)
    {
        var row = new double[1, values.Length];
        for (int j = 0; j < values.Length; j++)
            row[0, j] = values[j];
        return row;
    }
}
