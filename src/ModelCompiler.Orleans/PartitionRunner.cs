// SPDX-License-Identifier: MIT
using System.Text;
using ModelCompiler.LeastSquares;
using ModelCompiler.Orleans.Grains;

namespace ModelCompiler.Orleans;

/// <summary>
/// Fits one partition where it runs: checks the input file holds the partition's curves, streams them through the
/// lane-batched solver, and writes the result file under a temporary name that is renamed onto the final one only
/// once complete and flushed. A reader therefore sees either no file or a whole one, and a second run (a retry
/// after a lost silo, even one racing the first) writes the same bytes.
/// </summary>
internal static class PartitionRunner
{
    /// <summary>Fits <paramref name="work"/> and returns how many of its curves converged.</summary>
    /// <exception cref="PartitionInputException">The input is missing, corrupt or rejected by the solver.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no result file was written.</exception>
    public static long Run<TModel>(PartitionWork work, int? defaultParallelism, IProgress<BatchFitProgress>? progress,
                                   CancellationToken cancellationToken)
        where TModel : IModel
    {
        CheckInput(work);
        var options = FitOptionsJson.Read(work.FitOptions);
        if (options.MaxDegreeOfParallelism is null && defaultParallelism is not null)
            options = options with { MaxDegreeOfParallelism = defaultParallelism };
        var setup = new BatchFitSetup
        {
            Sigma = AsRow(work.Sigma),
            Weights = AsRow(work.Weights),
            LowerBounds = AsRow(work.LowerBounds),
            UpperBounds = AsRow(work.UpperBounds),
            Fixed = AsRow(work.Fixed),
        };

        if (work.JobCurveCount < work.FirstCurve + work.CurveCount)
            throw new ArgumentException(
                $"The job's curve count, {work.JobCurveCount}, does not reach the partition's last curve, {work.FirstCurve + work.CurveCount - 1}.", nameof(work));
        string? directory = Path.GetDirectoryName(Path.GetFullPath(work.OutputPath));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        // A unique temporary name: two runs of one partition (a retry racing a silo thought dead) never share a file.
        string temporary = $"{work.OutputPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            BatchFitProgress tally;
            using (var reader = new CurveRangeReader(work.InputPath, work.PointCount, work.FirstCurve, work.CurveCount))
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                PartitionFile.WriteHeader(writer, TModel.Formula, TModel.ParameterNames, work.PointCount, work.FirstCurve, work.CurveCount,
                                          work.JobCurveCount);
                try
                {
                    tally = work.SolveLinearPerCurve
                        ? CurveFit.FitMany<TModel>(work.X, reader, new Writer(writer), StartRule<TModel>(work), setup, options, progress, cancellationToken)
                        : CurveFit.FitMany<TModel>(work.X, reader, new Writer(writer), work.Initial, setup, options, progress, cancellationToken);
                }
                catch (ArgumentException e)
                {
                    throw new PartitionInputException(
                        $"The solver rejected the input (its curves are counted from the partition's first, curve {work.FirstCurve} of the file): {e.Message}", e);
                }
                if (tally.CurvesFinished != work.CurveCount)
                    throw new PartitionInputException($"{work.InputPath} gave {tally.CurvesFinished} of the partition's {work.CurveCount} curves.");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, work.OutputPath, overwrite: true);
            return tally.Converged;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The job's start with each curve's affine parameters solved, under the job's shared setup; the client checks it so.</summary>
    internal static CurveStart StartRule<TModel>(PartitionWork work) where TModel : IModel =>
        CurveFit.StartSolvingLinear<TModel>(work.X, work.Initial, new FitSetup
        {
            Sigma = work.Sigma, Weights = work.Weights, LowerBounds = work.LowerBounds, UpperBounds = work.UpperBounds, Fixed = work.Fixed,
        });

    /// <summary>The input file must exist and hold whole curves up to the partition's last.</summary>
    private static void CheckInput(PartitionWork work)
    {
        var file = new FileInfo(work.InputPath);
        if (!file.Exists)
            throw new PartitionInputException($"The input file {work.InputPath} does not exist (or this silo cannot see it).");
        long curveBytes = 8L * work.PointCount;
        if (file.Length % curveBytes != 0)
            throw new PartitionInputException(
                $"The input file {work.InputPath} is corrupt: its {file.Length} bytes are not a whole number of curves of {work.PointCount} float64 values ({curveBytes} bytes each).");
        long end = work.FirstCurve + work.CurveCount;
        if (file.Length / curveBytes < end)
            throw new PartitionInputException(
                $"The input file {work.InputPath} holds {file.Length / curveBytes} curves, but the partition needs curves up to {end - 1}: it was truncated or the job's curve count is wrong.");
    }

    private static T[,]? AsRow<T>(T[]? values)
    {
        if (values is null)
            return null;
        var row = new T[1, values.Length];
        for (int j = 0; j < values.Length; j++)
            row[0, j] = values[j];
        return row;
    }

    /// <summary>Appends each block's rows to the temporary file, in curve order.</summary>
    private sealed class Writer(BinaryWriter writer) : IBatchFitWriter
    {
        public void Write(long firstCurve, BatchFitResult block) => PartitionFile.WriteRows(writer, block);
    }
}
